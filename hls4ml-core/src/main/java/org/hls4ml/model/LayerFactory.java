package org.hls4ml.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hls4ml.api.ModelException;
import org.hls4ml.converters.ConvertedLayer;
import org.hls4ml.model.layers.Activation;
import org.hls4ml.model.layers.BatchNormalization;
import org.hls4ml.model.layers.Conv1D;
import org.hls4ml.model.layers.Conv2D;
import org.hls4ml.model.layers.DepthwiseConv1D;
import org.hls4ml.model.layers.DepthwiseConv2D;
import org.hls4ml.model.layers.Cropping1D;
import org.hls4ml.model.layers.Cropping2D;
import org.hls4ml.model.layers.Dense;
import org.hls4ml.model.layers.GlobalPooling1D;
import org.hls4ml.model.layers.GlobalPooling2D;
import org.hls4ml.model.layers.InputLayer;
import org.hls4ml.model.layers.Pooling1D;
import org.hls4ml.model.layers.Pooling2D;
import org.hls4ml.model.layers.Reshape;
import org.hls4ml.model.layers.Softmax;
import org.hls4ml.model.layers.UpSampling1D;
import org.hls4ml.model.layers.UpSampling2D;
import org.hls4ml.model.layers.ZeroPadding1D;
import org.hls4ml.model.layers.ZeroPadding2D;

/** Creates {@link Layer}s from converter output by hls4ml class name. */
public final class LayerFactory {

    /** Constructor of a layer class. */
    @FunctionalInterface
    public interface Constructor {
        Layer create(String name, List<String> inputs, List<String> outputs);
    }

    private static final Map<String, Constructor> CLASSES = new LinkedHashMap<>();

    static {
        CLASSES.put("Input", (n, i, o) -> new InputLayer(n, o));
        CLASSES.put("Dense", Dense::new);
        CLASSES.put("Activation", Activation::new);
        CLASSES.put("Softmax", Softmax::new);
        CLASSES.put("BatchNormalization", BatchNormalization::new);
        CLASSES.put("Reshape", Reshape::new);
        CLASSES.put("Conv1D", Conv1D::new);
        CLASSES.put("Conv2D", Conv2D::new);
        CLASSES.put("DepthwiseConv1D", DepthwiseConv1D::new);
        CLASSES.put("DepthwiseConv2D", DepthwiseConv2D::new);
        CLASSES.put("Pooling1D", Pooling1D::new);
        CLASSES.put("Pooling2D", Pooling2D::new);
        CLASSES.put("GlobalPooling1D", GlobalPooling1D::new);
        CLASSES.put("GlobalPooling2D", GlobalPooling2D::new);
        CLASSES.put("ZeroPadding1D", ZeroPadding1D::new);
        CLASSES.put("ZeroPadding2D", ZeroPadding2D::new);
        CLASSES.put("Cropping1D", Cropping1D::new);
        CLASSES.put("Cropping2D", Cropping2D::new);
        CLASSES.put("UpSampling1D", UpSampling1D::new);
        CLASSES.put("UpSampling2D", UpSampling2D::new);
    }

    private LayerFactory() {
    }

    public static List<String> supportedClasses() {
        return List.copyOf(CLASSES.keySet());
    }

    /** A new layer with the converter's attributes; weights become attributes named {@code <weight>_data}. */
    public static Layer create(ConvertedLayer c) {
        Constructor k = CLASSES.get(c.className());
        if (k == null) {
            throw new ModelException(c.source() + ": layer '" + c.name() + "' has class " + c.className()
                    + ", which the model graph does not support; supported classes are " + supportedClasses());
        }
        Layer l = k.create(c.name(), c.inputs(), c.outputs());
        c.attributes().forEach(l::set);
        c.weights().forEach((w, a) -> l.set(w + "_data", a));
        return l;
    }
}
