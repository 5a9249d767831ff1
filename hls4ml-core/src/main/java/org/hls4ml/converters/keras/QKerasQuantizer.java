package org.hls4ml.converters.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hls4ml.converters.NDArray;
import org.hls4ml.types.FixedPrecisionType;
import org.hls4ml.types.RoundingMode;
import org.hls4ml.types.SaturationMode;

/**
 * One QKeras quantizer read from a model JSON: its class and parameters, the hls4ml precision it maps to, and (for
 * {@code quantized_bits}) the quantization QKeras applies to float weights.
 *
 * <p>A quantizer appears in the JSON either as an object {@code {"class_name": "quantized_bits", "config": {...}}} or as
 * a call string such as {@code "quantized_relu(3,1)"}, whose positional arguments follow the QKeras signatures
 * {@code quantized_bits(bits, integer, symmetric, keep_negative, alpha)} and {@code quantized_relu(bits, integer)}.
 */
final class QKerasQuantizer {

    private static final List<String> BITS_ARGS = List.of("bits", "integer", "symmetric", "keep_negative", "alpha");
    private static final List<String> RELU_ARGS = List.of("bits", "integer", "use_sigmoid", "negative_slope");

    private final String className;
    private final Map<String, String> params;

    private QKerasQuantizer(String className, Map<String, String> params) {
        this.className = className;
        this.params = params;
    }

    String className() {
        return className;
    }

    /** Reads a quantizer from a JSON value (object or call string); null when the value is absent or null. */
    static QKerasQuantizer parse(JsonNode node, KerasLayerContext layer, String setting) {
        if (node == null || node.isNull()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (node.isObject()) {
            JsonNode cls = node.get("class_name");
            if (cls == null || !cls.isTextual()) {
                throw layer.error(setting + " has no class_name: " + node);
            }
            JsonNode cfg = node.get("config");
            if (cfg != null && cfg.isObject()) {
                cfg.fields().forEachRemaining(e -> params.put(e.getKey(),
                        e.getValue().isNull() ? "None" : e.getValue().asText()));
            }
            return new QKerasQuantizer(cls.asText(), params);
        }
        if (!node.isTextual()) {
            throw layer.error(setting + " must be a quantizer object or call string, found " + node);
        }
        String text = node.asText().trim();
        int open = text.indexOf('(');
        if (open < 0) {
            return new QKerasQuantizer(text, params);
        }
        if (!text.endsWith(")")) {
            throw layer.error(setting + " '" + text + "' is not a quantizer call");
        }
        String cls = text.substring(0, open).trim();
        List<String> positional = cls.equals("quantized_relu") ? RELU_ARGS : BITS_ARGS;
        String args = text.substring(open + 1, text.length() - 1).trim();
        if (!args.isEmpty()) {
            String[] parts = args.split(",");
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i].trim();
                int eq = p.indexOf('=');
                if (eq >= 0) {
                    params.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
                } else if (i < positional.size()) {
                    params.put(positional.get(i), p);
                } else {
                    throw layer.error(setting + " '" + text + "' has too many positional arguments");
                }
            }
        }
        return new QKerasQuantizer(cls, params);
    }

    // ---------------------------------------------------------------- parameters

    private int intParam(String key, int defaultValue, KerasLayerContext layer, String setting) {
        String v = params.get(key);
        if (v == null || v.equals("None")) {
            return defaultValue;
        }
        try {
            return (int) Math.round(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            throw layer.error(setting + " " + className + ": '" + key + "' must be a number, found '" + v + "'");
        }
    }

    private boolean boolParam(String key, boolean defaultValue) {
        String v = params.get(key);
        if (v == null || v.equals("None")) {
            return defaultValue;
        }
        String t = v.toLowerCase(Locale.ROOT);
        return !(t.equals("false") || t.equals("0") || t.equals("0.0"));
    }

    private double doubleParam(String key, double defaultValue) {
        String v = params.get(key);
        if (v == null || v.equals("None")) {
            return defaultValue;
        }
        return Double.parseDouble(v);
    }

    /** Fails unless alpha is absent, None or 1: QKeras' 'auto'/'auto_po2' scales need hls4ml's extra scale layer. */
    private void checkAlpha(KerasLayerContext layer, String setting) {
        String alpha = params.get("alpha");
        if (alpha == null || alpha.equals("None")) {
            return;
        }
        boolean one;
        try {
            one = Double.parseDouble(alpha) == 1.0;
        } catch (NumberFormatException e) {
            one = false;
        }
        if (!one) {
            throw layer.error(setting + " " + className + " with alpha='" + alpha + "' is not supported (only alpha=1 or"
                    + " None; hls4ml realises other alphas with an extra scale layer, which this plugin does not do)");
        }
    }

    // ---------------------------------------------------------------- quantized_bits on weights

    /** The bit layout of a {@code quantized_bits} quantizer (alpha 1/None only). */
    record Bits(int bits, int integer, boolean symmetric, boolean keepNegative) {

        /**
         * hls4ml's type for the quantizer: {@code ap_fixed<bits, integer+1>} when negative values are kept (QKeras'
         * {@code integer} excludes the sign bit), {@code ap_ufixed<bits, integer>} otherwise; default modes (TRN,
         * WRAP), which never act because the quantized values are exactly representable.
         */
        FixedPrecisionType precision() {
            return keepNegative ? FixedPrecisionType.of(bits, integer + 1) : FixedPrecisionType.unsigned(bits, integer);
        }

        /**
         * QKeras' quantized_bits with alpha 1 and {@code use_stochastic_rounding=False}: with
         * {@code m = 2^(bits - keep_negative)} and {@code m_i = 2^integer}, {@code q = m_i * clip(round(x * m / m_i),
         * -keep_negative * (m - symmetric), m - 1) / m}. {@code round} is TensorFlow's {@code tf.round}, round half to
         * even ({@link Math#rint}); the scalings are powers of two, so computing in double gives the float32 result.
         */
        double quantize(double x) {
            int unsignedBits = bits - (keepNegative ? 1 : 0);
            double m = Math.scalb(1.0, unsignedBits);
            double mi = Math.scalb(1.0, integer);
            double lo = keepNegative ? -(m - (symmetric ? 1 : 0)) : 0.0;
            double r = Math.rint(x * m / mi);
            r = Math.max(lo, Math.min(m - 1, r));
            return mi * r / m;
        }

        NDArray quantize(NDArray a) {
            double[] out = new double[a.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = quantize(a.data()[i]);
            }
            return new NDArray(a.shape(), out);
        }
    }

    /** This quantizer as a weight quantizer; fails naming the layer and setting unless it is a supported quantized_bits. */
    Bits weightBits(KerasLayerContext layer, String setting) {
        if (!className.equals("quantized_bits")) {
            throw layer.error(setting + " " + className + " is not supported (supported weight quantizers: "
                    + "quantized_bits)");
        }
        checkAlpha(layer, setting);
        if (boolParam("use_stochastic_rounding", false)) {
            throw layer.error(setting + " quantized_bits with use_stochastic_rounding=True is not supported");
        }
        int bits = intParam("bits", 8, layer, setting);
        int integer = intParam("integer", 0, layer, setting);
        return new Bits(bits, integer, boolParam("symmetric", false), boolParam("keep_negative", true));
    }

    // ---------------------------------------------------------------- activations

    /** What a QActivation computes in hls4ml terms: the activation function and its result precision. */
    record ActivationMapping(String activation, FixedPrecisionType result) {
    }

    /**
     * The hls4ml activation for a QActivation quantizer. Result types use hls4ml's modes for quantizer outputs,
     * {@code AP_RND_CONV} and {@code AP_SAT}, so the cast rounds half to even and clips like QKeras' tf.round and
     * clip:
     * <ul>
     *   <li>{@code quantized_relu(bits, integer)} -> relu into {@code ap_ufixed<bits, integer, AP_RND_CONV, AP_SAT>};</li>
     *   <li>{@code quantized_bits(bits, integer)} -> linear into {@code ap_fixed<bits, integer+1, AP_RND_CONV, AP_SAT>}
     *       ({@code ap_ufixed<bits, integer, ...>} with keep_negative=0).</li>
     * </ul>
     */
    ActivationMapping activation(KerasLayerContext layer, String setting) {
        switch (className) {
            case "quantized_relu" -> {
                if (doubleParam("negative_slope", 0.0) != 0.0 || boolParam("use_sigmoid", false)
                        || !params.getOrDefault("relu_upper_bound", "None").equals("None")
                        || boolParam("use_stochastic_rounding", false)) {
                    throw layer.error(setting + " quantized_relu with negative_slope, use_sigmoid, relu_upper_bound or "
                            + "stochastic rounding is not supported (" + params + ")");
                }
                int bits = intParam("bits", 8, layer, setting);
                int integer = intParam("integer", 0, layer, setting);
                return new ActivationMapping("relu", new FixedPrecisionType(bits, integer, false,
                        RoundingMode.RND_CONV, SaturationMode.SAT, 0));
            }
            case "quantized_bits" -> {
                Bits b = weightBits(layer, setting);
                if (b.symmetric()) {
                    throw layer.error(setting + " quantized_bits with symmetric=1 is not supported as an activation"
                            + " (its clipping range is not a fixed-point type's)");
                }
                FixedPrecisionType p = b.precision();
                return new ActivationMapping("linear", new FixedPrecisionType(p.width(), p.integer(), p.signed(),
                        RoundingMode.RND_CONV, SaturationMode.SAT, 0));
            }
            default -> throw layer.error(setting + " " + className + " is not supported (supported QActivation "
                    + "quantizers: quantized_relu, quantized_bits)");
        }
    }

    @Override
    public String toString() {
        List<String> p = new ArrayList<>();
        params.forEach((k, v) -> p.add(k + "=" + v));
        return className + "(" + String.join(", ", p) + ")";
    }
}
