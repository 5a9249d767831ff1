package org.hls4ml.converters.keras;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Handlers for Keras' pooling layers (channels last): MaxPooling1D/2D and AveragePooling1D/2D become hls4ml's
 * Pooling1D/Pooling2D with {@code pool_op} Max or Average and the window geometry of a convolution ({@code pool_<axis>}
 * instead of {@code filt_<axis>}, strides defaulting to the pool size, TensorFlow's 'same' padding rule);
 * GlobalMaxPooling1D/2D and GlobalAveragePooling1D/2D become GlobalPooling1D/2D over the whole input.
 */
final class KerasPoolingLayers {

    private static final List<String> WIDTH = List.of("width");
    private static final List<String> HEIGHT_WIDTH = List.of("height", "width");

    private KerasPoolingLayers() {
    }

    static void register(Map<String, KerasLayerHandler> handlers) {
        for (String op : List.of("Max", "Average")) {
            handlers.put(op + "Pooling1D", l -> pooling(l, "Pooling1D", op, WIDTH));
            handlers.put(op + "Pooling2D", l -> pooling(l, "Pooling2D", op, HEIGHT_WIDTH));
            handlers.put("Global" + op + "Pooling1D", l -> global(l, "GlobalPooling1D", op, WIDTH));
            handlers.put("Global" + op + "Pooling2D", l -> global(l, "GlobalPooling2D", op, HEIGHT_WIDTH));
        }
    }

    static void pooling(KerasLayerContext layer, String hlsClass, String op, List<String> axes) {
        int rank = axes.size();
        List<Integer> in = KerasConvolutionLayers.spatialInput(layer, rank);
        List<Integer> pool = KerasConvolutionLayers.axisList(layer, "pool_size", rank, 2);
        List<Integer> strides = layer.intListParam("strides") == null ? pool
                : KerasConvolutionLayers.axisList(layer, "strides", rank, null);
        String padding = KerasConvolutionLayers.padding(layer);
        Map<String, Object> attrs = new LinkedHashMap<>();
        List<Integer> out = KerasConvolutionLayers.window(layer, axes, in, pool, strides, padding, "pool_", "pool_size",
                attrs);
        attrs.put("n_filt", in.get(rank));
        attrs.put("pool_op", op.toLowerCase(java.util.Locale.ROOT));
        attrs.put("padding", padding);
        out.add(in.get(rank));
        layer.emit(hlsClass, attrs, Map.of(), out);
    }

    static void global(KerasLayerContext layer, String hlsClass, String op, List<String> axes) {
        int rank = axes.size();
        List<Integer> in = KerasConvolutionLayers.spatialInput(layer, rank);
        if (layer.boolParam("keepdims", false)) {
            throw layer.error("config 'keepdims' is true; only keepdims false (output [channels]) is supported");
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        for (int k = 0; k < rank; k++) {
            attrs.put("in_" + axes.get(k), in.get(k));
        }
        attrs.put("n_filt", in.get(rank));
        attrs.put("pool_op", op.toLowerCase(java.util.Locale.ROOT));
        layer.emit(hlsClass, attrs, Map.of(), List.of(in.get(rank)));
    }
}
