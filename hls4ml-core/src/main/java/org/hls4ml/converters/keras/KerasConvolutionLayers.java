package org.hls4ml.converters.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hls4ml.converters.NDArray;

/**
 * Handlers for Keras' Conv1D/2D, DepthwiseConv1D/2D and SeparableConv1D/2D (channels last). The padding becomes hls4ml's pad attributes: 'valid' pads
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
        handlers.put("DepthwiseConv1D", l -> depthwise(l, "DepthwiseConv1D", WIDTH));
        handlers.put("DepthwiseConv2D", l -> depthwise(l, "DepthwiseConv2D", HEIGHT_WIDTH));
        handlers.put("SeparableConv1D", l -> separable(l, "1D", WIDTH));
        handlers.put("SeparableConv2D", l -> separable(l, "2D", HEIGHT_WIDTH));
    }

    /** The window geometry of a convolution layer: attributes (in_, filt_, stride_, out_, pads, n_chan). */
    private record Geometry(Map<String, Object> attrs, List<Integer> out, List<Integer> kernel, int nChan,
                            String padding) {
    }

    private static Geometry geometry(KerasLayerContext layer, List<String> axes) {
        int rank = axes.size();
        List<Integer> in = spatialInput(layer, rank);
        List<Integer> kernel = axisList(layer, "kernel_size", rank, null);
        List<Integer> strides = axisList(layer, "strides", rank, 1);
        List<Integer> dilation = axisList(layer, "dilation_rate", rank, 1);
        if (dilation.stream().anyMatch(d -> d != 1)) {
            throw layer.error("config 'dilation_rate' is " + dilation + "; only a dilation rate of 1 is supported");
        }
        String padding = padding(layer);
        Map<String, Object> attrs = new LinkedHashMap<>();
        List<Integer> out = window(layer, axes, in, kernel, strides, padding, "filt_", "kernel_size", attrs);
        attrs.put("n_chan", in.get(rank));
        return new Geometry(attrs, out, kernel, in.get(rank), padding);
    }

    /** {@code kernel..., a, b}: a kernel's Keras shape. */
    private static int[] kernelShape(List<Integer> kernel, int a, int b) {
        int[] shape = new int[kernel.size() + 2];
        for (int k = 0; k < kernel.size(); k++) {
            shape[k] = kernel.get(k);
        }
        shape[kernel.size()] = a;
        shape[kernel.size() + 1] = b;
        return shape;
    }

    private static int depthMultiplier(KerasLayerContext layer) {
        JsonNode dm = layer.config().get("depth_multiplier");
        int m = dm == null || dm.isNull() ? 1 : dm.asInt();
        if (m < 1) {
            throw layer.error("config 'depth_multiplier' is " + dm + "; it must be a positive integer");
        }
        return m;
    }

    /**
     * DepthwiseConv1D/2D: the kernel {@code depthwise_kernel} of shape {@code [k..., n_chan, depth_multiplier]},
     * n_filt = n_chan * depth_multiplier.
     */
    static void depthwise(KerasLayerContext layer, String hlsClass, List<String> axes) {
        Geometry g = geometry(layer, axes);
        int dm = depthMultiplier(layer);
        int nFilt = g.nChan() * dm;
        boolean useBias = layer.boolParam("use_bias", true);
        Map<String, Object> attrs = new LinkedHashMap<>(g.attrs());
        attrs.put("n_filt", nFilt);
        attrs.put("padding", g.padding());
        attrs.put("depth_multiplier", dm);
        String expected = useBias ? "depthwise_kernel and bias" : "depthwise_kernel";
        Map<String, NDArray> weights = new LinkedHashMap<>();
        weights.put("weight", layer.weight("depthwise_kernel", kernelShape(g.kernel(), g.nChan(), dm), expected));
        weights.put("bias", useBias ? layer.weight("bias", new int[] {nFilt}, expected)
                : new NDArray(new int[] {nFilt}, new double[nFilt]));
        List<Integer> out = new ArrayList<>(g.out());
        out.add(nFilt);
        KerasCoreLayers.checkActivation(layer);
        layer.emit(hlsClass, attrs, weights, out);
        layer.splitActivation();
    }

    /**
     * SeparableConv1D/2D becomes two layers, as hls4ml's optimizer splits it: {@code <name>_depthwise}
     * (DepthwiseConv, no bias) and {@code <name>_pointwise} (a Conv of kernel 1 with the layer's filters and bias).
     */
    static void separable(KerasLayerContext layer, String dim, List<String> axes) {
        Geometry g = geometry(layer, axes);
        int dm = depthMultiplier(layer);
        int mid = g.nChan() * dm;
        int nFilt = layer.intParam("filters");
        boolean useBias = layer.boolParam("use_bias", true);
        String expected = "depthwise_kernel, pointwise_kernel" + (useBias ? " and bias" : "");
        Map<String, Object> dwAttrs = new LinkedHashMap<>(g.attrs());
        dwAttrs.put("n_filt", mid);
        dwAttrs.put("padding", g.padding());
        dwAttrs.put("depth_multiplier", dm);
        Map<String, NDArray> dwWeights = new LinkedHashMap<>();
        dwWeights.put("weight", layer.weight("depthwise_kernel", kernelShape(g.kernel(), g.nChan(), dm), expected));
        dwWeights.put("bias", new NDArray(new int[] {mid}, new double[mid]));
        List<Integer> dwOut = new ArrayList<>(g.out());
        dwOut.add(mid);

        Map<String, Object> pwAttrs = new LinkedHashMap<>();
        List<Integer> ones = java.util.Collections.nCopies(axes.size(), 1);
        window(layer, axes, g.out(), ones, ones, "valid", "filt_", "kernel_size", pwAttrs);
        pwAttrs.put("n_chan", mid);
        pwAttrs.put("n_filt", nFilt);
        pwAttrs.put("padding", "valid");
        Map<String, NDArray> pwWeights = new LinkedHashMap<>();
        pwWeights.put("weight", layer.weight("pointwise_kernel", kernelShape(ones, mid, nFilt), expected));
        pwWeights.put("bias", useBias ? layer.weight("bias", new int[] {nFilt}, expected)
                : new NDArray(new int[] {nFilt}, new double[nFilt]));
        List<Integer> pwOut = new ArrayList<>(g.out());
        pwOut.add(nFilt);
        KerasCoreLayers.checkActivation(layer);
        layer.emitSplit("depthwise", "DepthwiseConv" + dim, dwAttrs, dwWeights, dwOut,
                "pointwise", "Conv" + dim, pwAttrs, pwWeights, pwOut);
        layer.splitActivation();
    }

    static void convolution(KerasLayerContext layer, String hlsClass, List<String> axes) {
        JsonNode groups = layer.config().get("groups");
        if (groups != null && !groups.isNull() && groups.asInt() != 1) {
            throw layer.error("config 'groups' is " + groups + "; only 1 (an ordinary convolution) is supported");
        }
        Geometry g = geometry(layer, axes);
        int nFilt = layer.intParam("filters");
        boolean useBias = layer.boolParam("use_bias", true);
        Map<String, Object> attrs = new LinkedHashMap<>(g.attrs());
        attrs.put("n_filt", nFilt);
        attrs.put("padding", g.padding());
        List<Integer> out = new ArrayList<>(g.out());
        out.add(nFilt);
        String expected = useBias ? "kernel and bias" : "kernel";
        Map<String, NDArray> weights = new LinkedHashMap<>();
        weights.put("weight", layer.weight("kernel", kernelShape(g.kernel(), g.nChan(), nFilt), expected));
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
