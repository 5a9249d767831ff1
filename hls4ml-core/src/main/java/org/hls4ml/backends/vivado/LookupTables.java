package org.hls4ml.backends.vivado;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.hls4ml.types.FixedPoint;
import org.hls4ml.types.FixedPrecisionType;

/**
 * The lookup tables of the table-based activations, computed once in Java and emitted into the project (and, later,
 * into the RTL), so every simulator reads the same bits. Each table's definition follows hls4ml's: the real function
 * evaluated in single precision at the table's sample points, then quantized to the table type.
 */
public final class LookupTables {

    private LookupTables() {
    }

    /** The table of activation {@code fn} (sigmoid, tanh, softplus, softsign, elu, selu); null for one without. */
    public static List<BigInteger> activation(String fn, int n, FixedPrecisionType table) {
        return switch (fn) {
            case "sigmoid" -> sigmoid(n, table);
            case "tanh" -> tanh(n, table);
            case "softplus" -> softplus(n, table);
            case "softsign" -> softsign(n, table);
            case "elu" -> elu(n, table);
            case "selu" -> selu(n, table);
            default -> null;
        };
    }

    /** The input range the table of activation {@code fn} covers, as text. */
    public static String activationRange(String fn) {
        return switch (fn) {
            case "tanh" -> "[-4, 4)";
            case "elu", "selu" -> "(-8, 0]";
            default -> "[-8, 8)";
        };
    }

    /** sigmoid over [-8, 8): entry i = 1 / (1 + exp(-x)), x = 16 (i - n/2) / n, exp in float, result rounded to float. */
    public static List<BigInteger> sigmoid(int n, FixedPrecisionType table) {
        return build(n, table, i -> {
            float x = (float) (2 * 8.0 * (i - n / 2.0) / n);
            float e = (float) Math.exp(-x);
            return (float) (1.0 / (double) (1.0f + e));
        });
    }

    /** tanh over [-4, 4): entry i = tanh(x), x = 8 (i - n/2) / n as a float, tanh in double. */
    public static List<BigInteger> tanh(int n, FixedPrecisionType table) {
        return build(n, table, i -> {
            float x = (float) (2 * 4.0 * (i - n / 2.0) / n);
            return Math.tanh(x);
        });
    }

    /** softplus over [-8, 8): entry i = log(exp(x) + 1), x = 16 (i - n/2) / n as a float, exp in float, log in double. */
    public static List<BigInteger> softplus(int n, FixedPrecisionType table) {
        return build(n, table, i -> (float) Math.log((double) (float) Math.exp(symmetricInput(i, n, 8)) + 1.0));
    }

    /** softsign over [-8, 8): entry i = x / (|x| + 1), x = 16 (i - n/2) / n as a float, the quotient in double. */
    public static List<BigInteger> softsign(int n, FixedPrecisionType table) {
        return build(n, table, i -> {
            float x = symmetricInput(i, n, 8);
            return (float) (x / (Math.abs(x) + 1.0));
        });
    }

    /** elu over (-8, 0]: entry i = exp(x) - 1, x = -8 i / n as a float, exp in float (alpha is applied after). */
    public static List<BigInteger> elu(int n, FixedPrecisionType table) {
        return build(n, table, i -> (float) ((double) (float) Math.exp(negativeInput(i, n)) - 1.0));
    }

    /** selu over (-8, 0]: entry i = 1.0507009873554805 (1.6732632423543772 (exp(x) - 1)), x = -8 i / n, exp in float. */
    public static List<BigInteger> selu(int n, FixedPrecisionType table) {
        return build(n, table, i -> (float) (SELU_SCALE
                * (SELU_ALPHA * ((double) (float) Math.exp(negativeInput(i, n)) - 1.0))));
    }

    /** selu's scale (its value for x &gt;= 0 is scale * x) and alpha. */
    public static final double SELU_SCALE = 1.0507009873554804934193349852946;
    public static final double SELU_ALPHA = 1.6732632423543772848170429916717;

    private static float symmetricInput(int i, int n, double half) {
        return (float) (2 * half * (i - n / 2.0) / n);
    }

    private static float negativeInput(int i, int n) {
        return (float) (-8.0 * i / (float) n);
    }

    /** Softmax 'stable' exp table: entry i = exp(-v(i)), v(i) the value of {@code inpNorm} whose top bits are i. */
    public static List<BigInteger> softmaxStableExp(int n, FixedPrecisionType inpNorm, FixedPrecisionType table) {
        return build(n, table, i -> (float) Math.exp(-indexValue(i, n, inpNorm)));
    }

    /** Softmax 'latency' exp table: entry i = exp(v(i)), v(i) the value of the input type whose top bits are i. */
    public static List<BigInteger> softmaxLatencyExp(int n, FixedPrecisionType input, FixedPrecisionType table) {
        return build(n, table, i -> (float) Math.exp(indexValue(i, n, input)));
    }

    /**
     * Softmax inverse table ('stable' and 'latency', indexed through inv_inp_t): entry i = 1 / v(i), v(i) the value of {@code index} whose top bits are
     * i; 1/0 is +infinity and saturates.
     */
    public static List<BigInteger> softmaxInvert(int n, FixedPrecisionType index, FixedPrecisionType table) {
        return build(n, table, i -> {
            float v = indexValue(i, n, index);
            return 1.0f / v;
        });
    }

    /** Softmax 'legacy' exp table over [-8, 8): entry i = exp(16 (i - n/2) / n). */
    public static List<BigInteger> softmaxLegacyExp(int n, FixedPrecisionType table) {
        return build(n, table, i -> {
            float x = (float) (2 * 8.0 * (i - n / 2.0) / n);
            return (float) Math.exp(x);
        });
    }

    /** Softmax 'legacy' inverse table over [0, 64): entry i = 1 / (64 i / n), 0 for i = 0. */
    public static List<BigInteger> softmaxLegacyInvert(int n, FixedPrecisionType table) {
        return build(n, table, i -> {
            float x = (float) (64.0 * i / n);
            return x > 0 ? 1.0 / x : 0.0;
        });
    }

    /** The value of a fixed-point type whose top log2(n) bits hold i and whose other bits are zero. */
    static float indexValue(int i, int n, FixedPrecisionType t) {
        int bits = Integer.numberOfTrailingZeros(n);
        BigInteger raw = BigInteger.valueOf(i);
        raw = t.width() >= bits ? raw.shiftLeft(t.width() - bits) : raw.shiftRight(bits - t.width());
        if (t.signed() && raw.testBit(t.width() - 1)) {
            raw = raw.subtract(BigInteger.ONE.shiftLeft(t.width()));
        }
        return (float) FixedPoint.toDouble(raw, t);
    }

    private static List<BigInteger> build(int n, FixedPrecisionType table, IntToDoubleFunction f) {
        List<BigInteger> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(FixedPoint.quantize(f.applyAsDouble(i), table));
        }
        return out;
    }
}
