package org.hls4ml.converters.keras;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Handlers for Keras' merge layers: Add, Subtract, Multiply, Average, Maximum and Minimum become hls4ml's Merge with
 * {@code op} the lower-case class name; Concatenate becomes Concatenate with Keras' {@code axis} as it is (counting the
 * batch dimension). As in hls4ml, a merge takes exactly two inputs of known shape; element-wise merges need equal
 * shapes (Keras' broadcasting of a size-1 dimension is not supported).
 */
final class KerasMergeLayers {

    private KerasMergeLayers() {
    }

    static void register(Map<String, KerasLayerHandler> handlers) {
        for (String cls : List.of("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum")) {
            handlers.put(cls, KerasMergeLayers::merge);
        }
        handlers.put("Concatenate", KerasMergeLayers::concatenate);
    }

    private static List<List<Integer>> twoKnownInputs(KerasLayerContext layer) {
        if (layer.inputShapes().size() != 2) {
            throw layer.error("has " + layer.inputShapes().size() + " inputs; hls4ml merges exactly two tensors"
                    + " (chain two-input layers for more)");
        }
        for (List<Integer> s : layer.inputShapes()) {
            if (s == null || s.contains(null) || s.isEmpty()) {
                throw layer.error("needs fully known input shapes, has " + shapes(layer)
                        + " (give the model's InputLayers fixed shapes)");
            }
        }
        return layer.inputShapes();
    }

    static void merge(KerasLayerContext layer) {
        List<List<Integer>> in = twoKnownInputs(layer);
        if (!in.get(0).equals(in.get(1))) {
            throw layer.error("input shapes " + shapes(layer) + " differ; only equal shapes are supported"
                    + " (no broadcasting)");
        }
        layer.emit("Merge", KerasLayerContext.attrs("op", layer.kerasClass().toLowerCase(Locale.ROOT)), Map.of(),
                in.get(0));
    }

    static void concatenate(KerasLayerContext layer) {
        List<List<Integer>> in = twoKnownInputs(layer);
        List<Integer> a = in.get(0);
        List<Integer> b = in.get(1);
        int rank = a.size();
        if (b.size() != rank || rank > 3) {
            throw layer.error("input shapes " + shapes(layer) + ": concatenation needs two inputs of the same rank,"
                    + " 1 to 3 dimensions without the batch");
        }
        int axis = layer.config().has("axis") ? layer.intParam("axis") : -1;
        int index = axis < 0 ? rank + axis : axis - 1;
        if (axis == 0 || index < 0 || index >= rank) {
            throw layer.error("config 'axis' is " + axis + "; for inputs of " + rank + " dimensions (without the batch)"
                    + " it must be 1.." + rank + " or -" + rank + "..-1 (axis 0, the batch, cannot be concatenated)");
        }
        List<Integer> out = new ArrayList<>(a);
        for (int d = 0; d < rank; d++) {
            if (d != index && !a.get(d).equals(b.get(d))) {
                throw layer.error("input shapes " + shapes(layer) + " differ outside axis " + axis);
            }
        }
        out.set(index, a.get(index) + b.get(index));
        layer.emit("Concatenate", KerasLayerContext.attrs("axis", axis), Map.of(), out);
    }

    private static String shapes(KerasLayerContext layer) {
        List<String> s = new ArrayList<>();
        for (List<Integer> shape : layer.inputShapes()) {
            s.add(shape == null ? "unknown" : KerasLayerContext.shapeString(shape));
        }
        return String.join(" and ", s);
    }
}
