package org.hls4ml.backends.rtl;

import java.math.BigInteger;
import org.hls4ml.types.FixedPoint;
import org.hls4ml.types.FixedPrecisionType;
import org.hls4ml.types.RoundingMode;
import org.hls4ml.types.SaturationMode;

/**
 * Generates the Verilog that converts a signed fixed-point value (raw two's-complement bits, a width and a number of
 * fractional bits) into a {@link FixedPrecisionType} with its rounding (all seven modes) and overflow handling (WRAP
 * with N saturation bits, SAT, SAT_ZERO, SAT_SYM), bit for bit as {@link FixedPoint#convert}.
 *
 * <p>The source is always read as signed: an unsigned value of width W is passed zero-extended to W+1 bits. The cast
 * is a few continuous assignments in the calling module (the exact rounded value, its overflow flag, the result): no
 * Verilog function, which Verilator would inline at every call site at a large C++ compile cost. The result is the
 * target's raw bits (an unsigned vector, read as signed or unsigned per the target type).
 */
public final class FixedCast {

    /** Where the cast's wires go: declares {@code name} of {@code width} bits and assigns {@code expr} to it. */
    interface Wires {
        void assign(String name, int width, String expr);
    }

    private FixedCast() {
    }

    /** A stable name for a cast from (srcWidth, srcFrac, signed) to t, e.g. {@code s16f10_to_s18f10_rnd_sat0}. */
    public static String name(int srcWidth, int srcFrac, FixedPrecisionType t) {
        return "s" + srcWidth + "f" + num(srcFrac) + "_to_" + (t.signed() ? "s" : "u") + t.width() + "f"
                + num(t.fractional()) + "_" + t.rounding().name().toLowerCase() + "_"
                + t.saturation().name().toLowerCase() + t.saturationBits();
    }

    private static String num(int v) {
        return v < 0 ? "m" + (-v) : String.valueOf(v);
    }

    /**
     * Emits the cast of {@code x} (a plain signal name of exactly srcWidth bits, read as signed) to t through
     * {@code out}, with wire names starting with {@code base}; returns the name of the result wire (t.width() bits).
     *
     * <p>The arithmetic: y = the source rounded to t's fraction, exact (sign-extended and shifted left, or shifted right
     * with t's rounding decided from the half bit, the bits below it and the sign), in yw &gt;= w + 2 bits; overflow
     * when y does not fit t; the result is y's low w bits or t's overflow value.
     */
    static String assign(Wires out, String base, String x, int srcWidth, int srcFrac, FixedPrecisionType t) {
        int w = t.width();
        int d = t.fractional() - srcFrac;
        String sign = x + "[" + (srcWidth - 1) + "]";
        int yw;
        String y;
        if (d >= 0) {
            // exact: sign-extend and shift left, no rounding
            yw = Math.max(srcWidth + d + 1, w + 2);
            y = "{{" + (yw - srcWidth - d) + "{" + sign + "}}, " + x + (d > 0 ? ", " + d + "'b0" : "") + "}";
        } else {
            int e = -d;
            // floor(x / 2^e) has max(srcWidth - e, 1) bits, plus one for the rounding increment
            yw = Math.max(Math.max(srcWidth - e, 1) + 1, w + 2);
            // floor(x / 2^e) in yw bits
            String floor = e >= srcWidth ? "{" + yw + "{" + sign + "}}"
                    : "{{" + (yw - (srcWidth - e)) + "{" + sign + "}}, " + x + "[" + (srcWidth - 1) + ":" + e + "]}";
            String half = bit(x, srcWidth, e - 1);
            String low = e >= 2 ? "(|" + x + "[" + Math.min(e - 2, srcWidth - 1) + ":0])" : "1'b0";
            String up = switch (t.rounding()) {
                case TRN -> null;
                case TRN_ZERO -> sign + " & (" + half + " | " + low + ")";
                case RND -> half;
                case RND_ZERO -> half + " & (" + low + " | " + sign + ")";
                case RND_MIN_INF -> half + " & " + low;
                case RND_INF -> half + " & (" + low + " | ~" + sign + ")";
                case RND_CONV -> half + " & (" + low + " | " + bit(x, srcWidth, e) + ")";
            };
            y = up == null ? floor : floor + " + {{" + (yw - 1) + "{1'b0}}, " + up + "}";
        }
        String yn = base + "_y";
        out.assign(yn, yw, y);
        String lowBits = yn + "[" + (w - 1) + ":0]";
        if (isPlainWrap(t)) {
            out.assign(base, w, lowBits);
            return base;
        }
        // overflow: y (exact, yw >= w + 2 bits) outside t's range
        String ovf;
        if (t.signed()) {
            String top = yn + "[" + (yw - 1) + ":" + (w - 1) + "]";
            ovf = "~((&" + top + ") | ~(|" + top + "))";
        } else {
            ovf = "(|" + yn + "[" + (yw - 1) + ":" + w + "])";
        }
        String neg = yn + "[" + (yw - 1) + "]";
        String overflowValue = switch (t.saturation()) {
            case SAT -> neg + " ? " + lit(FixedPoint.minRaw(t), w) + " : " + lit(FixedPoint.maxRaw(t), w);
            case SAT_ZERO -> lit(BigInteger.ZERO, w);
            case SAT_SYM -> neg + " ? " + lit(t.signed() ? FixedPoint.maxRaw(t).negate() : BigInteger.ZERO, w) + " : "
                    + lit(FixedPoint.maxRaw(t), w);
            case WRAP -> wrapValue(t, yn, neg);
        };
        out.assign(base + "_o", 1, ovf);
        out.assign(base, w, base + "_o ? (" + overflowValue + ") : " + lowBits);
        return base;
    }

    /** Bit i of x sign-extended beyond its width. */
    private static String bit(String x, int width, int i) {
        return x + "[" + Math.min(i, width - 1) + "]";
    }

    private static String wrapValue(FixedPrecisionType t, String y, String neg) {
        int w = t.width();
        int n = t.saturationBits();
        if (n == 0) {
            return y + "[" + (w - 1) + ":0]";
        }
        BigInteger topNeg;
        BigInteger topPos;
        if (t.signed()) {
            topNeg = BigInteger.ONE.shiftLeft(n - 1);
            topPos = BigInteger.ONE.shiftLeft(n - 1).subtract(BigInteger.ONE);
        } else {
            topNeg = BigInteger.ZERO;
            topPos = BigInteger.ONE.shiftLeft(n).subtract(BigInteger.ONE);
        }
        String lowPart = w - n > 0 ? ", " + y + "[" + (w - n - 1) + ":0]" : "";
        return neg + " ? {" + lit(topNeg, n) + lowPart + "} : {" + lit(topPos, n) + lowPart + "}";
    }

    /** An unsigned hexadecimal literal of the low w bits of v (two's complement for negative v). */
    static String lit(BigInteger v, int w) {
        BigInteger bits = v.and(BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE));
        return w + "'h" + bits.toString(16);
    }

    /** WRAP without saturation bits: the result is the low bits, whatever the value. */
    static boolean isPlainWrap(FixedPrecisionType t) {
        return t.saturation() == SaturationMode.WRAP && t.saturationBits() == 0;
    }

    /** TRN: rounding toward minus infinity, i.e. dropping bits. */
    static boolean isTruncating(FixedPrecisionType t) {
        return t.rounding() == RoundingMode.TRN;
    }
}
