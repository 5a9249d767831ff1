package org.hls4ml.converters.keras;

import static org.hls4ml.converters.keras.KerasLayerContext.attrs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hls4ml.converters.NDArray;

/**
 * Handlers for Keras' core layers: InputLayer, Dense, activations, BatchNormalization, Flatten, Reshape and the
 * inference no-ops (Dropout and friends).
 */
final class KerasCoreLayers {

    /** Keras activation functions the reader passes on (softmax becomes a Softmax layer). */
    static final Set<String> ACTIVATIONS = Set.of("linear", "relu", "sigmoid", "tanh", "hard_sigmoid", "elu", "selu",
            "softplus", "softsign", "softmax", "exponential", "swish", "silu", "gelu", "relu6", "hard_tanh",
            "hard_swish", "hard_silu", "leaky_relu", "mish", "binary_tanh", "ternary_tanh", "relu1");

    /** Layers that do nothing at inference time. */
    static final List<String> NO_OPS = List.of("Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D",
            "GaussianNoise", "GaussianDropout", "AlphaDropout", "ActivityRegularization");

    private KerasCoreLayers() {
    }

    static void register(Map<String, KerasLayerHandler> handlers) {
        handlers.put("InputLayer", KerasCoreLayers::input);
        handlers.put("Dense", KerasCoreLayers::dense);
        handlers.put("Activation", KerasCoreLayers::activation);
        handlers.put("ReLU", KerasCoreLayers::relu);
        handlers.put("LeakyReLU", KerasCoreLayers::leakyRelu);
        handlers.put("ThresholdedReLU", KerasCoreLayers::thresholdedRelu);
        handlers.put("PReLU", KerasCoreLayers::prelu);
        handlers.put("ELU", KerasCoreLayers::elu);
        handlers.put("Softmax", KerasCoreLayers::softmax);
        handlers.put("BatchNormalization", KerasCoreLayers::batchNormalization);
        handlers.put("Flatten", KerasCoreLayers::flatten);
        handlers.put("Reshape", KerasCoreLayers::reshape);
        for (String noOp : NO_OPS) {
            handlers.put(noOp, KerasLayerContext::passThrough);
        }
    }

    static void input(KerasLayerContext layer) {
        List<Integer> shape = KerasReader.batchShapeWithoutBatch(layer.config());
        if (shape == null) {
            throw layer.error("has no batch_input_shape (or batch_shape) in its config");
        }
        if (shape.contains(null)) {
            throw layer.error("has unknown dimensions in its input shape " + KerasLayerContext.shapeString(shape)
                    + "; hls4ml needs a fixed input shape");
        }
        layer.emit("Input", attrs("input_shape", List.copyOf(shape)), Map.of(), shape);
    }

    static void dense(KerasLayerContext layer) {
        List<Integer> in = layer.inputShape();
        if (in.isEmpty() || in.get(in.size() - 1) == null) {
            throw layer.error("needs a known last input dimension, input shape is "
                    + KerasLayerContext.shapeString(in));
        }
        int nIn = in.get(in.size() - 1);
        int nOut = layer.intParam("units");
        boolean useBias = layer.boolParam("use_bias", true);
        Map<String, NDArray> weights = new LinkedHashMap<>();
        String expected = useBias ? "kernel and bias" : "kernel";
        weights.put("weight", layer.weight("kernel", new int[] {nIn, nOut}, expected));
        weights.put("bias", useBias ? layer.weight("bias", new int[] {nOut}, expected)
                : new NDArray(new int[] {nOut}, new double[nOut]));
        checkActivation(layer);
        List<Integer> out = new ArrayList<>(in.subList(0, in.size() - 1));
        out.add(nOut);
        layer.emit("Dense", attrs("n_in", nIn, "n_out", nOut, "use_bias", useBias), weights, out);
        layer.splitActivation();
    }

    /** Fails early when a layer's activation argument names a function the reader does not know. */
    static void checkActivation(KerasLayerContext layer) {
        String act = layer.activationParam("activation");
        if (act != null && !ACTIVATIONS.contains(act)) {
            throw layer.unsupported("activation '" + act + "' (known: " + new java.util.TreeSet<>(ACTIVATIONS) + ")");
        }
    }

    static void activation(KerasLayerContext layer) {
        String act = layer.activationParam("activation");
        if (act == null) {
            throw layer.error("has no 'activation' in its config");
        }
        checkActivation(layer);
        List<Integer> shape = layer.inputShape();
        layer.emit(act.equals("softmax") ? "Softmax" : "Activation", activationAttributes(layer, act), Map.of(), shape);
    }

    /** The attributes of an Activation or Softmax layer computing {@code act}. */
    static Map<String, Object> activationAttributes(KerasLayerContext layer, String act) {
        if (act.equals("softmax")) {
            return attrs("activation", "softmax", "axis", -1);
        }
        return switch (act) {
            case "elu" -> attrs("activation", "elu", "activ_param", 1.0); // hls4ml: an ELU layer with alpha 1
            case "relu6" -> attrs("activation", "relu_max", "activ_param", 6.0);
            case "relu1" -> attrs("activation", "relu_max", "activ_param", 1.0); // hls4ml's relu1: relu_max at 1
            case "ternary_tanh" -> attrs("activation", "ternary_tanh", "activ_param", 0.5); // nnet::ternary_tanh's 0.5
            case "leaky_relu" -> attrs("activation", "leaky_relu", "activ_param", 0.2); // Keras 3's default slope
            default -> attrs("activation", act);
        };
    }

    /** LeakyReLU: hls4ml's parametrized leaky_relu, activ_param = alpha (Keras 2) or negative_slope (Keras 3). */
    static void leakyRelu(KerasLayerContext layer) {
        double alpha = layer.doubleParam("alpha", layer.doubleParam("negative_slope", 0.3));
        layer.emit("Activation", attrs("activation", "leaky_relu", "activ_param", alpha), Map.of(),
                layer.inputShape());
    }

    /** ThresholdedReLU: hls4ml's parametrized thresholded_relu, activ_param = theta. */
    static void thresholdedRelu(KerasLayerContext layer) {
        double theta = layer.doubleParam("theta", 1.0);
        layer.emit("Activation", attrs("activation", "thresholded_relu", "activ_param", theta), Map.of(),
                layer.inputShape());
    }

    /** ELU: hls4ml's parametrized elu, activ_param = alpha. */
    static void elu(KerasLayerContext layer) {
        double alpha = layer.doubleParam("alpha", 1.0);
        layer.emit("Activation", attrs("activation", "elu", "activ_param", alpha), Map.of(), layer.inputShape());
    }

    /**
     * PReLU: hls4ml's prelu, {@code x > 0 ? x : alpha[i] * x} with one alpha per input element, read from the weights
     * file ({@code alpha}, the input's shape). As in hls4ml, shared_axes other than None are refused.
     */
    static void prelu(KerasLayerContext layer) {
        List<Integer> in = layer.knownInputShape();
        JsonNode shared = layer.config().get("shared_axes");
        if (shared != null && !shared.isNull()) {
            throw layer.unsupported("PReLU with shared_axes=" + shared + " (only None, one alpha per element, as in"
                    + " hls4ml)");
        }
        int[] shape = in.stream().mapToInt(Integer::intValue).toArray();
        Map<String, NDArray> weights = new LinkedHashMap<>();
        weights.put("alpha", layer.weight("alpha", shape, "alpha"));
        layer.emit("PReLU", attrs("activation", "prelu"), weights, in);
    }

    /**
     * ReLU as hls4ml maps it: plain (relu), with a negative_slope only (leaky_relu), with a max_value only (relu_max,
     * the clipped ReLU of hls4ml's relu1/relu6 with the maximum as activ_param) or with a threshold only
     * (thresholded_relu with theta = threshold: x &gt; threshold ? x : 0; Keras keeps x == threshold, hls4ml does
     * not); other combinations fail naming the layer.
     */
    static void relu(KerasLayerContext layer) {
        JsonNode maxNode = layer.config().get("max_value");
        boolean hasMax = maxNode != null && !maxNode.isNull();
        double negativeSlope = layer.doubleParam("negative_slope", 0.0);
        double threshold = layer.doubleParam("threshold", 0.0);
        Map<String, Object> attrs;
        if (threshold == 0.0 && !hasMax) {
            attrs = negativeSlope == 0.0 ? attrs("activation", "relu")
                    : attrs("activation", "leaky_relu", "activ_param", negativeSlope);
        } else if (threshold == 0.0 && negativeSlope == 0.0 && maxNode.isNumber() && maxNode.doubleValue() > 0) {
            attrs = attrs("activation", "relu_max", "activ_param", maxNode.doubleValue());
        } else if (!hasMax && negativeSlope == 0.0) {
            attrs = attrs("activation", "thresholded_relu", "activ_param", threshold);
        } else {
            throw layer.unsupported("ReLU with max_value=" + (hasMax ? maxNode : "None") + ", negative_slope="
                    + negativeSlope + ", threshold=" + threshold
                    + " (supported: a positive max_value alone, a negative_slope alone, a threshold alone, or none)");
        }
        layer.emit("Activation", attrs, Map.of(), layer.inputShape());
    }

    static void softmax(KerasLayerContext layer) {
        List<Integer> axes = layer.intListParam("axis");
        int axis = -1;
        if (axes != null) {
            if (axes.size() != 1 || axes.get(0) == null) {
                throw layer.unsupported("Softmax over axes " + axes);
            }
            axis = axes.get(0);
        }
        layer.emit("Softmax", attrs("activation", "softmax", "axis", axis), Map.of(), layer.inputShape());
    }

    static void batchNormalization(KerasLayerContext layer) {
        List<Integer> in = layer.knownInputShape();
        if (in.isEmpty()) {
            throw layer.error("needs an input with at least one dimension");
        }
        List<Integer> axes = layer.intListParam("axis");
        if (axes != null) {
            boolean last = axes.size() == 1 && (axes.get(0) == -1 || axes.get(0) == in.size());
            if (!last) {
                throw layer.unsupported("BatchNormalization over axis " + axes
                        + " (only the last axis is supported, input shape " + in + ")");
            }
        }
        int nFilt = in.get(in.size() - 1);
        int nIn = 1;
        for (int d : in) {
            nIn *= d;
        }
        boolean center = layer.boolParam("center", true);
        boolean scale = layer.boolParam("scale", true);
        double epsilon = layer.doubleParam("epsilon", 1e-3);
        int[] shape = {nFilt};
        List<String> needed = new ArrayList<>();
        if (scale) {
            needed.add("gamma");
        }
        if (center) {
            needed.add("beta");
        }
        needed.add("moving_mean");
        needed.add("moving_variance");
        String expected = String.join(", ", needed);
        Map<String, NDArray> weights = new LinkedHashMap<>();
        double[] ones = new double[nFilt];
        java.util.Arrays.fill(ones, 1.0);
        weights.put("gamma", scale ? layer.weight("gamma", shape, expected) : new NDArray(shape, ones));
        weights.put("beta", center ? layer.weight("beta", shape, expected) : new NDArray(shape, new double[nFilt]));
        weights.put("moving_mean", layer.weight("moving_mean", shape, expected));
        weights.put("moving_variance", layer.weight("moving_variance", shape, expected));
        layer.emit("BatchNormalization",
                attrs("epsilon", epsilon, "center", center, "scale", scale, "n_filt", nFilt, "n_in", nIn),
                weights, in);
    }

    static void flatten(KerasLayerContext layer) {
        List<Integer> in = layer.knownInputShape();
        int size = 1;
        for (int d : in) {
            size *= d;
        }
        layer.emit("Reshape", attrs("target_shape", List.of(size)), Map.of(), List.of(size));
    }

    static void reshape(KerasLayerContext layer) {
        List<Integer> in = layer.knownInputShape();
        List<Integer> target = layer.intListParam("target_shape");
        if (target == null || target.isEmpty()) {
            throw layer.error("has no target_shape in its config");
        }
        int size = 1;
        for (int d : in) {
            size *= d;
        }
        int known = 1;
        int unknownAt = -1;
        List<Integer> resolved = new ArrayList<>(target);
        for (int i = 0; i < target.size(); i++) {
            Integer d = target.get(i);
            if (d == null || d == -1) {
                if (unknownAt >= 0) {
                    throw layer.error("target_shape " + target + " has more than one unknown dimension");
                }
                unknownAt = i;
            } else if (d <= 0) {
                throw layer.error("target_shape " + target + " has a non-positive dimension");
            } else {
                known *= d;
            }
        }
        if (unknownAt >= 0) {
            if (known == 0 || size % known != 0) {
                throw layer.error("cannot reshape " + in + " (" + size + " values) to " + target);
            }
            resolved.set(unknownAt, size / known);
            known *= size / known;
        }
        if (known != size) {
            throw layer.error("cannot reshape " + in + " (" + size + " values) to " + target);
        }
        layer.emit("Reshape", attrs("target_shape", List.copyOf(resolved)), Map.of(), resolved);
    }
}
