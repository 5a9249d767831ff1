package org.hls4ml.converters.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hls4ml.converters.NDArray;
import org.hls4ml.types.FixedPrecisionType;
import org.hls4ml.types.IntegerPrecisionType;
import org.hls4ml.types.PrecisionType;
import org.hls4ml.types.RoundingMode;
import org.hls4ml.types.SaturationMode;

/**
 * One QKeras quantizer read from a model JSON: its class and parameters, the hls4ml precision it maps to, and (as a
 * weight quantizer: {@code quantized_bits}, {@code quantized_po2}, {@code binary}, {@code ternary}) the quantization
 * QKeras applies to float weights; as a QActivation, the hls4ml activation it becomes.
 *
 * <p>A quantizer appears in the JSON either as an object {@code {"class_name": "quantized_bits", "config": {...}}} or as
 * a call string such as {@code "quantized_relu(3,1)"}, whose positional arguments follow the QKeras signatures
 * {@code quantized_bits(bits, integer, symmetric, keep_negative, alpha)}, {@code quantized_relu(bits, integer)},
 * {@code quantized_tanh(bits, integer, symmetric)}, {@code quantized_po2(bits, max_value)}, {@code binary(use_01, alpha)}
 * and {@code ternary(alpha, threshold)}.
 */
final class QKerasQuantizer {

    private static final List<String> BITS_ARGS = List.of("bits", "integer", "symmetric", "keep_negative", "alpha");
    private static final List<String> RELU_ARGS = List.of("bits", "integer", "use_sigmoid", "negative_slope");
    private static final List<String> TANH_ARGS = List.of("bits", "integer", "symmetric", "use_stochastic_rounding");
    private static final List<String> PO2_ARGS = List.of("bits", "max_value", "use_stochastic_rounding",
            "quadratic_approximation");
    private static final List<String> BINARY_ARGS = List.of("use_01", "alpha", "use_stochastic_rounding");
    private static final List<String> TERNARY_ARGS = List.of("alpha", "threshold", "use_stochastic_rounding");

    /** hls4ml's type of binary and ternary values (-1, 0, +1). */
    static final IntegerPrecisionType INT2 = new IntegerPrecisionType(2, true);

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
        List<String> positional = switch (cls) {
            case "quantized_relu" -> RELU_ARGS;
            case "quantized_tanh" -> TANH_ARGS;
            case "quantized_po2" -> PO2_ARGS;
            case "binary", "stochastic_binary" -> BINARY_ARGS;
            case "ternary", "stochastic_ternary" -> TERNARY_ARGS;
            default -> BITS_ARGS;
        };
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

    /** A numeric parameter; fails naming the layer and setting when it is not a number (e.g. 'auto'). */
    private double numberParam(String key, double defaultValue, KerasLayerContext layer, String setting) {
        try {
            return doubleParam(key, defaultValue);
        } catch (NumberFormatException e) {
            throw layer.error(setting + " " + className + " with " + key + "='" + params.get(key)
                    + "' is not supported (a number is needed)");
        }
    }

    private double doubleParam(String key, double defaultValue) {
        String v = params.get(key);
        if (v == null || v.equals("None")) {
            return defaultValue;
        }
        return Double.parseDouble(v);
    }

    /**
     * Fails unless alpha is absent, None or 1. With alpha 'auto' / 'auto_po2' QKeras scales the quantized weights by a
     * per-output-channel factor computed from the float weights; hls4ml's qkeras_factorize_alpha pass keeps the
     * unscaled integer weights in the layer and applies the factors with an extra ApplyAlpha (batch-normalization
     * style scale) layer after it. This plugin has no such layer, so those alphas are refused here.
     */
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
                    + " None; hls4ml applies other alphas as a per-channel scale in an extra ApplyAlpha layer after the"
                    + " layer, which this plugin does not implement)");
        }
    }

    // ---------------------------------------------------------------- weight quantizers

    /** A quantization of float weights and the hls4ml type that holds every quantized value exactly. */
    interface WeightQuantizer {
        PrecisionType precision();

        double quantize(double x);

        default NDArray quantize(NDArray a) {
            double[] out = new double[a.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = quantize(a.data()[i]);
            }
            return new NDArray(a.shape(), out);
        }
    }

    /**
     * Binary weights, -1 or +1, in hls4ml's {@code ap_int<2>}. QKeras' {@code binary} maps x &gt;= 0 (sign 0 counts
     * as +1) to +1; hls4ml's BinaryQuantizer used for BinaryDense maps x &gt; 0 to +1 and 0 to -1 (as BinaryNet's
     * {@code 2 * round(hard_sigmoid(x)) - 1} with round half to even does). hls4ml stores QKeras binary kernels as
     * 1-bit xnor values (0 for -1); this plugin keeps the -1/+1 values, so the products are the same.
     */
    record Binary(boolean zeroIsPositive) implements WeightQuantizer {
        @Override
        public PrecisionType precision() {
            return INT2;
        }

        @Override
        public double quantize(double x) {
            return (zeroIsPositive ? x >= 0 : x > 0) ? 1.0 : -1.0;
        }
    }

    /**
     * Ternary weights, -1, 0 or +1, in {@code ap_int<2>}. QKeras' {@code ternary} (alpha None/1): |x| &gt;= threshold
     * gives sign(x), compared in float32 ({@code qkeras} true); hls4ml's TernaryQuantizer used for TernaryDense:
     * x &gt; 0.5 gives +1, x &lt;= -0.5 gives -1 ({@code qkeras} false, threshold 0.5).
     */
    record Ternary(double threshold, boolean qkeras) implements WeightQuantizer {
        @Override
        public PrecisionType precision() {
            return INT2;
        }

        @Override
        public double quantize(double x) {
            if (qkeras) {
                float t = (float) threshold;
                float v = (float) x;
                return Math.abs(v) >= t ? Math.signum(v) : 0.0;
            }
            return x > threshold ? 1.0 : x <= -threshold ? -1.0 : 0.0;
        }
    }

    /**
     * QKeras' {@code quantized_po2(bits, max_value)} (no stochastic rounding, no quadratic approximation): sign(x)
     * (0 counts as +) times 2^e with e = clip(round(log2(min(|x|, max_value))), min_exp, max_exp) computed in float32,
     * |x| below Keras' epsilon 1e-7 giving min_exp. With s = 1 when max_value is None or above 1 (an exponent sign
     * bit), min_exp = -2^(bits-1-s) and max_exp = 2^(bits-1-s) - 1.
     *
     * <p>hls4ml keeps these weights as an exponent type and multiplies by shifting; this plugin stores them in the
     * smallest {@code ap_fixed} that holds every power of two the quantizer can produce, so each product is the same
     * exact shifted value.
     */
    record Po2(int bits, Double maxValue) implements WeightQuantizer {
        int minExp() {
            return -(1 << effectBits());
        }

        int maxExp() {
            int e = (1 << effectBits()) - 1;
            if (maxValue != null) {
                e = Math.min(e, (int) Math.rint(Math.log(maxValue) / Math.log(2.0)));
            }
            return e;
        }

        private int effectBits() {
            int sign = maxValue == null || maxValue > 1 ? 1 : 0;
            return bits - 1 - sign;
        }

        @Override
        public FixedPrecisionType precision() {
            int emax = Math.max(maxExp(), minExp());
            int emin = minExp();
            int integer = emax + 2;
            int width = integer + Math.max(0, -emin);
            return FixedPrecisionType.of(width, integer);
        }

        @Override
        public double quantize(double x) {
            float v = (float) x;
            double sign = v < 0 ? -1.0 : 1.0;
            float a = Math.abs(v);
            int e;
            if (a < 1e-7f) {
                e = minExp();
            } else {
                if (maxValue != null && a >= maxValue.floatValue()) {
                    a = maxValue.floatValue();
                }
                float log2 = (float) Math.log(a) / (float) Math.log(2.0);
                e = (int) Math.max(minExp(), Math.min((1 << effectBits()) - 1, Math.rint(log2)));
            }
            return sign * Math.scalb(1.0, e);
        }
    }

    /** The bit layout of a {@code quantized_bits} quantizer (alpha 1/None only). */
    record Bits(int bits, int integer, boolean symmetric, boolean keepNegative) implements WeightQuantizer {

        /**
         * hls4ml's type for the quantizer: {@code ap_fixed<bits, integer+1>} when negative values are kept (QKeras'
         * {@code integer} excludes the sign bit), {@code ap_ufixed<bits, integer>} otherwise; default modes (TRN,
         * WRAP), which never act because the quantized values are exactly representable.
         */
        @Override
        public FixedPrecisionType precision() {
            return keepNegative ? FixedPrecisionType.of(bits, integer + 1) : FixedPrecisionType.unsigned(bits, integer);
        }

        /**
         * QKeras' quantized_bits with alpha 1 and {@code use_stochastic_rounding=False}: with
         * {@code m = 2^(bits - keep_negative)} and {@code m_i = 2^integer}, {@code q = m_i * clip(round(x * m / m_i),
         * -keep_negative * (m - symmetric), m - 1) / m}. {@code round} is TensorFlow's {@code tf.round}, round half to
         * even ({@link Math#rint}); the scalings are powers of two, so computing in double gives the float32 result.
         */
        @Override
        public double quantize(double x) {
            int unsignedBits = bits - (keepNegative ? 1 : 0);
            double m = Math.scalb(1.0, unsignedBits);
            double mi = Math.scalb(1.0, integer);
            double lo = keepNegative ? -(m - (symmetric ? 1 : 0)) : 0.0;
            double r = Math.rint(x * m / mi);
            r = Math.max(lo, Math.min(m - 1, r));
            return mi * r / m;
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

    /**
     * This quantizer as a weight quantizer (hls4ml's mapping): quantized_bits, binary, ternary, quantized_po2; fails
     * naming the layer, setting and quantizer otherwise.
     */
    WeightQuantizer weightQuantizer(KerasLayerContext layer, String setting) {
        switch (className) {
            case "quantized_bits" -> {
                return weightBits(layer, setting);
            }
            case "binary" -> {
                checkAlpha(layer, setting);
                if (boolParam("use_01", false) || boolParam("use_stochastic_rounding", false)) {
                    throw layer.error(setting + " binary with use_01 or use_stochastic_rounding is not supported ("
                            + params + ")");
                }
                return new Binary(true);
            }
            case "ternary" -> {
                checkAlpha(layer, setting);
                if (boolParam("use_stochastic_rounding", false)) {
                    throw layer.error(setting + " ternary with use_stochastic_rounding is not supported");
                }
                return new Ternary(numberParam("threshold", 0.33, layer, setting), true);
            }
            case "quantized_po2" -> {
                if (boolParam("use_stochastic_rounding", false) || boolParam("quadratic_approximation", false)) {
                    throw layer.error(setting + " quantized_po2 with use_stochastic_rounding or"
                            + " quadratic_approximation is not supported (" + params + ")");
                }
                int bits = intParam("bits", 8, layer, setting);
                String mv = params.get("max_value");
                Double max = mv == null || mv.equals("None") ? null : numberParam("max_value", 1.0, layer, setting);
                if (bits < 2 || bits > 6 || (max != null && max <= 0)) {
                    throw layer.error(setting + " quantized_po2 with bits=" + bits + ", max_value=" + mv
                            + " is not supported (bits 2..6 and a positive max_value or None)");
                }
                return new Po2(bits, max);
            }
            default -> throw layer.error(setting + " " + className + " is not supported (supported weight "
                    + "quantizers: quantized_bits, quantized_po2, binary, ternary)");
        }
    }

    // ---------------------------------------------------------------- activations

    /**
     * What a QActivation computes in hls4ml terms: the activation function, its result precision and its activ_param
     * (null when it takes none).
     */
    record ActivationMapping(String activation, PrecisionType result, Double param) {
        ActivationMapping(String activation, PrecisionType result) {
            this(activation, result, null);
        }
    }

    /**
     * The hls4ml activation for a QActivation quantizer. Result types are hls4ml's for quantizer outputs: fixed-point
     * ones with {@code AP_RND_CONV} and {@code AP_SAT}, so the cast rounds half to even and clips like QKeras'
     * tf.round and clip:
     * <ul>
     *   <li>{@code quantized_relu(bits, integer)} -> relu into {@code ap_ufixed<bits, integer, AP_RND_CONV, AP_SAT>};</li>
     *   <li>{@code quantized_bits(bits, integer)} -> linear into {@code ap_fixed<bits, integer+1, AP_RND_CONV, AP_SAT>}
     *       ({@code ap_ufixed<bits, integer, ...>} with keep_negative=0);</li>
     *   <li>{@code quantized_tanh(bits)} -> hls4ml's hard_tanh (slope 0.5, shift 0.5: {@code clip(x, -1, 1)}) into
     *       {@code ap_fixed<bits, 1, AP_RND_CONV, AP_SAT>} ({@code AP_SAT_SYM} when symmetric);</li>
     *   <li>{@code binary} / {@code binary_tanh} -> binary_tanh (x &gt; 0 ? 1 : -1) into {@code ap_int<2>};</li>
     *   <li>{@code ternary} / {@code ternary_tanh} -> ternary_tanh with the quantizer's threshold t (QKeras' default
     *       0.33) as activ_param: x &gt; t ? 1 : x &lt;= -t ? -1 : 0, into {@code ap_int<2>}. hls4ml realises a
     *       threshold other than 0.5 by scaling the input with 0.5 / t first; here the threshold is compared directly
     *       (in param_t).</li>
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
            case "quantized_tanh" -> {
                if (boolParam("use_stochastic_rounding", false) || boolParam("use_real_tanh", false)) {
                    throw layer.error(setting + " quantized_tanh with use_stochastic_rounding or use_real_tanh is not"
                            + " supported (" + params + ")");
                }
                int bits = intParam("bits", 8, layer, setting);
                if (bits < 2) {
                    throw layer.error(setting + " quantized_tanh with bits=" + bits + " is not supported");
                }
                SaturationMode sat = boolParam("symmetric", false) ? SaturationMode.SAT_SYM : SaturationMode.SAT;
                return new ActivationMapping("hard_tanh", new FixedPrecisionType(bits, 1, true,
                        RoundingMode.RND_CONV, sat, 0));
            }
            case "binary", "binary_tanh" -> {
                checkAlpha(layer, setting);
                if (boolParam("use_01", false) || boolParam("use_stochastic_rounding", false)) {
                    throw layer.error(setting + " binary with use_01 or use_stochastic_rounding is not supported ("
                            + params + ")");
                }
                return new ActivationMapping("binary_tanh", INT2);
            }
            case "ternary", "ternary_tanh" -> {
                checkAlpha(layer, setting);
                if (boolParam("use_stochastic_rounding", false)) {
                    throw layer.error(setting + " ternary with use_stochastic_rounding is not supported");
                }
                double t = numberParam("threshold", 0.33, layer, setting);
                if (!(t > 0)) {
                    throw layer.error(setting + " ternary with threshold " + t + " is not supported");
                }
                return new ActivationMapping("ternary_tanh", INT2, t);
            }
            default -> throw layer.error(setting + " " + className + " is not supported (supported QActivation "
                    + "quantizers: quantized_relu, quantized_bits, quantized_tanh, binary, binary_tanh, ternary,"
                    + " ternary_tanh)");
        }
    }

    @Override
    public String toString() {
        List<String> p = new ArrayList<>();
        params.forEach((k, v) -> p.add(k + "=" + v));
        return className + "(" + String.join(", ", p) + ")";
    }
}
