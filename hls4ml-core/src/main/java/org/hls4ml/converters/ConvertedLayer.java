package org.hls4ml.converters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One layer as a converter reads it, before it becomes a {@code Layer} of the model graph: hls4ml's "layer dict".
 *
 * @param name       the layer's name in the model file (unique)
 * @param className  the hls4ml layer class, e.g. {@code Input}, {@code Dense}, {@code Activation}, {@code Softmax},
 *                   {@code BatchNormalization}, {@code Reshape}
 * @param inputs     names of the tensors this layer reads (the producing layers' output names)
 * @param outputs    names of the tensors this layer writes (by convention the layer's own name)
 * @param attributes converter-level attributes (e.g. {@code n_in}, {@code n_out}, {@code activation},
 *                   {@code epsilon}, {@code input_shape}, {@code target_shape}); values are Integer, Double, String,
 *                   Boolean or List of those
 * @param weights    named arrays (e.g. {@code weight}, {@code bias}, {@code scale}); insertion ordered
 * @param source     where the layer came from, for messages (e.g. the model file and the Keras class name)
 */
public record ConvertedLayer(String name, String className, List<String> inputs, List<String> outputs,
                             Map<String, Object> attributes, Map<String, NDArray> weights, String source) {

    public ConvertedLayer {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }
}
