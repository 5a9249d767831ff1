package org.hls4ml.converters.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hls4ml.model.layers.Convolution;

/**
 * Handlers for Keras' layers that move pixels without arithmetic (channels last): ZeroPadding1D/2D and Cropping1D/2D
 * (hls4ml's attributes {@code pad_top/pad_bottom/pad_left/pad_right} and {@code crop_...}), UpSampling1D/2D with
 * nearest interpolation ({@code <axis>_factor}).
 */
final class KerasReshapingLayers {

    private static final List<String> WIDTH = List.of("width");
    private static final List<String> HEIGHT_WIDTH = List.of("height", "width");

    private KerasReshapingLayers() {
    }

    static void register(Map<String, KerasLayerHandler> handlers) {
        handlers.put("ZeroPadding1D", l -> margins(l, "ZeroPadding1D", "padding", "pad_", WIDTH));
        handlers.put("ZeroPadding2D", l -> margins(l, "ZeroPadding2D", "padding", "pad_", HEIGHT_WIDTH));
        handlers.put("Cropping1D", l -> margins(l, "Cropping1D", "cropping", "crop_", WIDTH));
        handlers.put("Cropping2D", l -> margins(l, "Cropping2D", "cropping", "crop_", HEIGHT_WIDTH));
        handlers.put("UpSampling1D", l -> upSampling(l, "UpSampling1D", WIDTH));
        handlers.put("UpSampling2D", l -> upSampling(l, "UpSampling2D", HEIGHT_WIDTH));
    }

    /** ZeroPadding (prefix pad_) adds, Cropping (prefix crop_) removes the given pixels before and after each axis. */
    static void margins(KerasLayerContext layer, String hlsClass, String key, String prefix, List<String> axes) {
        int rank = axes.size();
        List<Integer> in = KerasConvolutionLayers.spatialInput(layer, rank);
        int[][] amounts = pairs(layer, key, rank);
        int sign = prefix.equals("pad_") ? 1 : -1;
        Map<String, Object> attrs = new LinkedHashMap<>();
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < rank; k++) {
            String axis = axes.get(k);
            int o = in.get(k) + sign * (amounts[k][0] + amounts[k][1]);
            if (o < 1) {
                throw layer.error("config '" + key + "' removes all of the input " + in + " along the " + axis);
            }
            attrs.put("in_" + axis, in.get(k));
            attrs.put("out_" + axis, o);
            List<String> names = Convolution.pads(axis);
            attrs.put(prefix + names.get(0).substring(4), amounts[k][0]);
            attrs.put(prefix + names.get(1).substring(4), amounts[k][1]);
            out.add(o);
        }
        attrs.put("n_chan", in.get(rank));
        out.add(in.get(rank));
        layer.emit(hlsClass, attrs, Map.of(), out);
    }

    /**
     * Keras' padding/cropping spec as {before, after} per axis: one integer for every side, one integer per axis
     * (symmetric), or one {before, after} pair per axis; for one axis a pair of integers is that axis' pair.
     */
    static int[][] pairs(KerasLayerContext layer, String key, int rank) {
        JsonNode n = layer.config().get(key);
        String expected = "; expected an integer, " + (rank == 1 ? "" : rank + " integers, ") + rank
                + " pair(s) of non-negative integers";
        int[][] out = new int[rank][2];
        if (n == null || n.isNull()) {
            throw layer.error("has no '" + key + "' in its config");
        }
        if (n.isIntegralNumber()) {
            for (int[] p : out) {
                p[0] = n.intValue();
                p[1] = n.intValue();
            }
        } else if (rank == 1 && n.isArray() && n.size() == 2 && n.get(0).isIntegralNumber()
                && n.get(1).isIntegralNumber()) {
            out[0][0] = n.get(0).intValue();
            out[0][1] = n.get(1).intValue();
        } else if (n.isArray() && n.size() == rank) {
            for (int k = 0; k < rank; k++) {
                JsonNode e = n.get(k);
                if (e.isIntegralNumber()) {
                    out[k][0] = e.intValue();
                    out[k][1] = e.intValue();
                } else if (e.isArray() && e.size() == 2 && e.get(0).isIntegralNumber() && e.get(1).isIntegralNumber()) {
                    out[k][0] = e.get(0).intValue();
                    out[k][1] = e.get(1).intValue();
                } else {
                    throw layer.error("config '" + key + "' is " + n + expected);
                }
            }
        } else {
            throw layer.error("config '" + key + "' is " + n + expected);
        }
        for (int[] p : out) {
            if (p[0] < 0 || p[1] < 0) {
                throw layer.error("config '" + key + "' is " + n + expected);
            }
        }
        return out;
    }

    static void upSampling(KerasLayerContext layer, String hlsClass, List<String> axes) {
        int rank = axes.size();
        List<Integer> in = KerasConvolutionLayers.spatialInput(layer, rank);
        JsonNode interpolation = layer.config().get("interpolation");
        if (interpolation != null && !interpolation.isNull() && !interpolation.asText().equals("nearest")) {
            throw layer.error("config 'interpolation' is '" + interpolation.asText() + "'; only 'nearest' is supported");
        }
        List<Integer> size = KerasConvolutionLayers.axisList(layer, "size", rank, 2);
        Map<String, Object> attrs = new LinkedHashMap<>();
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < rank; k++) {
            String axis = axes.get(k);
            if (size.get(k) < 1) {
                throw layer.error("config 'size' is " + size + "; expected positive integers");
            }
            attrs.put("in_" + axis, in.get(k));
            attrs.put("out_" + axis, in.get(k) * size.get(k));
            attrs.put(axis + "_factor", size.get(k));
            out.add(in.get(k) * size.get(k));
        }
        attrs.put("n_chan", in.get(rank));
        attrs.put("algorithm", "nearest");
        out.add(in.get(rank));
        layer.emit(hlsClass, attrs, Map.of(), out);
    }
}
