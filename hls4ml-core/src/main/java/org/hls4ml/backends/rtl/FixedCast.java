package org.hls4ml.backends.rtl;

import java.math.BigInteger;
import org.hls4ml.types.FixedPoint;
import org.hls4ml.types.FixedPrecisionType;
import org.hls4ml.types.RoundingMode;
import org.hls4ml.types.SaturationMode;

/**
 * Generates Verilog functions that convert a signed fixed-point value (raw two's-complement bits, a width and a number
 * of fractional bits) into a {@link FixedPrecisionType} with its rounding (all seven modes) and overflow handling
 * (WRAP with N saturation bits, SAT, SAT_ZERO, SAT_SYM), bit for bit as {@link FixedPoint#convert}.
 *
 * <p>The source is always read as signed: an unsigned value of width W is passed zero-extended to W+1 bits. The
 * function returns the target's raw bits (an unsigned vector, read as signed or unsigned per the target type).
 */
public final class FixedCast {

    private FixedCast() {
    }

    /** A stable function name for a cast from (srcWidth, srcFrac, signed) to t. */
    public static String name(int srcWidth, int srcFrac, FixedPrecisionType t) {
        return "cast_s" + srcWidth + "f" + num(srcFrac) + "_to_" + (t.signed() ? "s" : "u") + t.width() + "f"
                + num(t.fractional()) + "_" + t.rounding().name().toLowerCase() + "_"
                + t.saturation().name().toLowerCase() + t.saturationBits();
    }

    private static String num(int v) {
        return v < 0 ? "m" + (-v) : String.valueOf(v);
    }

    /** The Verilog function text for the cast; its name is {@link #name}. */
    public static String function(int srcWidth, int srcFrac, FixedPrecisionType t) {
        String fn = name(srcWidth, srcFrac, t);
        int w = t.width();
        int d = t.fractional() - srcFrac;
        StringBuilder sb = new StringBuilder();
        sb.append("    // ").append(srcWidth).append("-bit signed value with ").append(srcFrac)
                .append(" fractional bits -> ").append(t.cppType()).append('\n');
        sb.append("    function [").append(w - 1).append(":0] ").append(fn).append(";\n");
        sb.append("        input signed [").append(srcWidth - 1).append(":0] x;\n");
        int yw;
        StringBuilder body = new StringBuilder();
        if (d >= 0) {
            // exact: shift left, no rounding
            yw = Math.max(srcWidth + d + 1, w + 2);
            sb.append("        reg signed [").append(yw - 1).append(":0] y;\n");
            body.append("            y = ").append(signExtend("x", srcWidth, yw)).append(";\n");
            if (d > 0) {
                body.append("            y = y <<< ").append(d).append(";\n");
            }
        } else {
            int e = -d;
            int xw = Math.max(srcWidth, e + 1) + 1;
            yw = Math.max(xw, w + 2);
            sb.append("        reg signed [").append(xw - 1).append(":0] xs;\n");
            sb.append("        reg signed [").append(yw - 1).append(":0] y;\n");
            sb.append("        reg half, low, up;\n");
            body.append("            xs = ").append(signExtend("x", srcWidth, xw)).append(";\n");
            body.append("            half = xs[").append(e - 1).append("];\n");
            body.append("            low = ").append(e >= 2 ? "|xs[" + (e - 2) + ":0]" : "1'b0").append(";\n");
            String neg = "xs[" + (xw - 1) + "]";
            String up = switch (t.rounding()) {
                case TRN -> "1'b0";
                case TRN_ZERO -> neg + " & (half | low)";
                case RND -> "half";
                case RND_ZERO -> "half & (low | " + neg + ")";
                case RND_MIN_INF -> "half & low";
                case RND_INF -> "half & (low | ~" + neg + ")";
                case RND_CONV -> "half & (low | xs[" + e + "])";
            };
            body.append("            up = ").append(up).append(";\n");
            // floor = xs >>> e, kept in yw bits
            String floor = signExtend("xs[" + (xw - 1) + ":" + e + "]", xw - e, yw);
            body.append("            y = ").append(floor).append(" + {{").append(yw - 1).append("{1'b0}}, up};\n");
        }
        sb.append("        reg ovf;\n");
        sb.append("        begin\n").append(body);
        // overflow detection on the exact rounded value y (yw bits, yw >= w + 2)
        if (t.signed()) {
            String top = "y[" + (yw - 1) + ":" + (w - 1) + "]";
            sb.append("            ovf = ~((&").append(top).append(") | ~(|").append(top).append("));\n");
        } else {
            sb.append("            ovf = |y[").append(yw - 1).append(":").append(w).append("];\n");
        }
        String neg = "y[" + (yw - 1) + "]";
        String low = "y[" + (w - 1) + ":0]";
        String overflowValue = switch (t.saturation()) {
            case SAT -> neg + " ? " + lit(FixedPoint.minRaw(t), w) + " : " + lit(FixedPoint.maxRaw(t), w);
            case SAT_ZERO -> lit(BigInteger.ZERO, w);
            case SAT_SYM -> neg + " ? " + lit(t.signed() ? FixedPoint.maxRaw(t).negate() : BigInteger.ZERO, w) + " : "
                    + lit(FixedPoint.maxRaw(t), w);
            case WRAP -> wrapValue(t, neg);
        };
        sb.append("            ").append(fn).append(" = ovf ? (").append(overflowValue).append(") : ").append(low)
                .append(";\n");
        sb.append("        end\n    endfunction\n");
        return sb.toString();
    }

    private static String wrapValue(FixedPrecisionType t, String neg) {
        int w = t.width();
        int n = t.saturationBits();
        if (n == 0) {
            return "y[" + (w - 1) + ":0]";
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
        String lowPart = w - n > 0 ? ", y[" + (w - n - 1) + ":0]" : "";
        return neg + " ? {" + lit(topNeg, n) + lowPart + "} : {" + lit(topPos, n) + lowPart + "}";
    }

    /** Sign-extends the signed expression e of width from to width to (to >= from). */
    static String signExtend(String e, int from, int to) {
        if (to == from) {
            return e;
        }
        String sign = e.endsWith("]") && e.contains(":") ? e.substring(0, e.lastIndexOf('[')) + "[" + msbOf(e) + "]" : e + "[" + (from - 1) + "]";
        return "{{" + (to - from) + "{" + sign + "}}, " + e + "}";
    }

    private static int msbOf(String sliced) {
        String inside = sliced.substring(sliced.lastIndexOf('[') + 1, sliced.length() - 1);
        return Integer.parseInt(inside.substring(0, inside.indexOf(':')));
    }

    /** An unsigned binary literal of the low w bits of v (two's complement for negative v). */
    static String lit(BigInteger v, int w) {
        BigInteger bits = v.and(BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE));
        return w + "'h" + bits.toString(16);
    }

    /** Convenience for types: unused-mode check (keeps the enums referenced for readers). */
    static boolean isPlainWrap(FixedPrecisionType t) {
        return t.saturation() == SaturationMode.WRAP && t.saturationBits() == 0;
    }

    static boolean isTruncating(FixedPrecisionType t) {
        return t.rounding() == RoundingMode.TRN;
    }
}
