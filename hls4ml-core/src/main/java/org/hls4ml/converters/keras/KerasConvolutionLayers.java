package org.hls4ml.converters.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hls4ml.converters.NDArray;

/**
 * Handlers for Keras' Conv1D and Conv2D (channels last). The padding becomes hls4ml's pad attributes: 'valid' pads
 * nothing; 'same' gives {@code out = ceil(in / stride)} and pads {@code max((out - 1) * stride + filt - in, 0)} values,
 * half of them (rounded down) before the data and the rest after it, as TensorFlow does.
 */
final class KerasConvolutionLayers {

    static final List<String> WIDTH = List.of("width");
    static final List<String> HEIGHT_WIDTH = List.of("height", "width");

    private KerasConvolutionLayers() {
    }

    static void register(Map<String, KerasLayerHandler> handlers) {
        handlers.put("Conv1D", l -> convolution(l, "Conv1D", WIDTH));
        handlers.put("Conv2D", l -> convolution(l, "Conv2D", HEIGHT_WIDTH));
    }

    static void convolution(KerasLayerContext layer, String hlsClass, List<String> axes) {
        int rank = axes.size();
        List<Integer> in = spatialInput(layer, rank);
        List<Integer> kernel = axisList(layer, "kernel_size", rank, null);
        List<Integer> strides = axisList(layer, "strides", rank, 1);
        List<Integer> dilation = axisList(layer, "dilation_rate", rank, 1);
        if (dilation.stream().anyMatch(d -> d != 1)) {
            throw layer.error("config 'dilation_rate' is " + dilation + "; only a dilation rate of 1 is supported");
        }
        JsonNode groups = layer.config().get("groups");
        if (groups != null && !groups.isNull() && groups.asInt() != 1) {
            throw layer.error("config 'groups' is " + groups + "; only 1 (an ordinary convolution) is supported");
        }
        String padding = padding(layer);
        int nChan = in.get(rank);
        int nFilt = layer.intParam("filters");
        boolean useBias = layer.boolParam("use_bias", true);

        Map<String, Object> attrs = new LinkedHashMap<>();
        List<Integer> out = window(layer, axes, in, kernel, strides, padding, "filt_", "kernel_size", attrs);
        attrs.put("n_chan", nChan);
        attrs.put("n_filt", nFilt);
        attrs.put("padding", padding);
        out.add(nFilt);

        int[] kernelShape = new int[rank + 2];
        for (int k = 0; k < rank; k++) {
            kernelShape[k] = kernel.get(k);
        }
        kernelShape[rank] = nChan;
        kernelShape[rank + 1] = nFilt;
        String expected = useBias ? "kernel and bias" : "kernel";
        Map<String, NDArray> weights = new LinkedHashMap<>();
        weights.put("weight", layer.weight("kernel", kernelShape, expected));
        weights.put("bias", useBias ? layer.weight("bias", new int[] {nFilt}, expected)
                : new NDArray(new int[] {nFilt}, new double[nFilt]));
        KerasCoreLayers.checkActivation(layer);
        layer.emit(hlsClass, attrs, weights, out);
        layer.splitActivation();
    }

    /**
     * The geometry of a sliding window over each axis into {@code attrs}: {@code in_<axis>}, {@code <prefix><axis>}
     * (the window), {@code stride_<axis>}, {@code out_<axis>} and the two pads; returns the output sizes.
     * {@code sizeKey} names the window's Keras config member in messages.
     */
    static List<Integer> window(KerasLayerContext layer, List<String> axes, List<Integer> in, List<Integer> size,
                                List<Integer> strides, String padding, String prefix, String sizeKey,
                                Map<String, Object> attrs) {
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < axes.size(); k++) {
            String axis = axes.get(k);
            int n = in.get(k);
            int filt = size.get(k);
            int stride = strides.get(k);
            if (filt < 1 || stride < 1) {
                throw layer.error(sizeKey + " " + size + " and strides " + strides + " must be positive");
            }
            int o;
            int pad;
            if (padding.equals("same")) {
                o = (n + stride - 1) / stride;
                pad = Math.max((o - 1) * stride + filt - n, 0);
            } else {
                if (n < filt) {
                    throw layer.error(sizeKey + " " + size + " is larger than the input " + in + " with padding 'valid'");
                }
                o = (n - filt) / stride + 1;
                pad = 0;
            }
            List<String> padNames = axis.equals("height") ? List.of("pad_top", "pad_bottom") : List.of("pad_left", "pad_right");
            attrs.put("in_" + axis, n);
            attrs.put(prefix + axis, filt);
            attrs.put("stride_" + axis, stride);
            attrs.put("out_" + axis, o);
            attrs.put(padNames.get(0), pad / 2);
            attrs.put(padNames.get(1), pad - pad / 2);
            out.add(o);
        }
        return out;
    }

    /** The known input shape {@code [spatial axes..., channels]} of a channels-last layer over {@code rank} axes. */
    static List<Integer> spatialInput(KerasLayerContext layer, int rank) {
        List<Integer> in = layer.knownInputShape();
        if (in.size() != rank + 1) {
            throw layer.error("needs an input of shape " + (rank == 1 ? "[width, channels]" : "[height, width, channels]")
                    + ", has " + in);
        }
        requireChannelsLast(layer);
        return in;
    }

    /** Fails unless the config's data_format is absent or channels_last. */
    static void requireChannelsLast(KerasLayerContext layer) {
        JsonNode format = layer.config().get("data_format");
        if (format != null && !format.isNull() && !"channels_last".equals(format.asText())) {
            throw layer.error("config 'data_format' is '" + format.asText() + "'; only channels_last is supported");
        }
    }

    /** The config's padding, 'valid' when absent; anything but 'valid' and 'same' fails. */
    static String padding(KerasLayerContext layer) {
        JsonNode paddingNode = layer.config().get("padding");
        String padding = paddingNode == null || paddingNode.isNull() ? "valid" : paddingNode.asText();
        if (!padding.equals("valid") && !padding.equals("same")) {
            throw layer.error("config 'padding' is '" + padding + "'; only 'valid' and 'same' are supported");
        }
        return padding;
    }

    /** A per-axis integer list (a single integer applies to every axis); {@code def} when absent, or an error. */
    static List<Integer> axisList(KerasLayerContext layer, String key, int rank, Integer def) {
        List<Integer> v = layer.intListParam(key);
        if (v == null) {
            if (def == null) {
                throw layer.error("has no '" + key + "' in its config");
            }
            return java.util.Collections.nCopies(rank, def);
        }
        if (v.size() == 1 && rank > 1) {
            v = java.util.Collections.nCopies(rank, v.get(0));
        }
        if (v.size() != rank || v.contains(null)) {
            throw layer.error("config '" + key + "' is " + v + "; expected " + rank + " integer(s)");
        }
        return v;
    }
}
