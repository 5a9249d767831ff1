package org.hls4ml.types;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Exact reference model (BigInteger) of Xilinx {@code ap_fixed}/{@code ap_ufixed} quantization, overflow handling,
 * value printing and full-precision operator result types. The bundled C++ headers ({@code ap_types/}) implement the
 * same semantics and are checked against this class by a differential test.
 *
 * <p>Raw values are the exact two's-complement integers r with value {@code r * 2^-F}, {@code F = width - integer}
 * (signed types: {@code -2^(W-1) <= r < 2^(W-1)}; unsigned: {@code 0 <= r < 2^W}).
 *
 * <p>Semantics: the source value is first rounded exactly to a multiple of {@code 2^-F} with the destination's
 * quantization mode, then overflow is handled with its overflow mode:
 * <ul>
 * <li>WRAP, N = 0: keep the low W bits; WRAP, N &gt; 0 (on overflow only): low W bits, then for signed types the
 * sign bit is set to the sign of the value and the next N-1 bits are saturated (1s if positive, 0s if negative); for
 * unsigned types the N MSBs become all 1s (positive overflow) or all 0s (negative overflow);</li>
 * <li>SAT: max/min; SAT_ZERO: 0; SAT_SYM: max, or -max for negative overflow of signed types (0 for unsigned).</li>
 * </ul>
 * Intermediate results wider than {@link FixedPrecisionType#MAX_WIDTH} are handled as raw BigIntegers plus a
 * fractional-bit count ({@link #convert}); {@link #productType}/{@link #sumType} throw when the result type would be
 * wider than 128 bits.
 */
public final class FixedPoint {

    private FixedPoint() {
    }

    /** Raw two's-complement integer r (value = r * 2^-fractional) of v quantized into t with t's rounding and saturation. */
    public static BigInteger quantize(BigDecimal v, FixedPrecisionType t) {
        // v = unscaled * 10^-scale; exact as a binary fraction only if it terminates: scale by 2^F, round exactly
        BigDecimal scaled = v.multiply(pow2(t.fractional()));
        BigInteger floor = scaled.setScale(0, java.math.RoundingMode.FLOOR).toBigIntegerExact();
        int cmpHalf = scaled.subtract(new BigDecimal(floor)).compareTo(new BigDecimal("0.5"));
        boolean inexact = scaled.compareTo(new BigDecimal(floor)) != 0;
        return overflow(round(floor, inexact, cmpHalf, v.signum() < 0, t.rounding()), t);
    }

    /** The same for the exact value of a double; +inf/-inf saturate to t's max/min; NaN throws IllegalArgumentException. */
    public static BigInteger quantize(double v, FixedPrecisionType t) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("NaN cannot be converted to " + t);
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? maxRaw(t) : minRaw(t);
        }
        long bits = Double.doubleToRawLongBits(v);
        int ex = (int) ((bits >>> 52) & 0x7ff);
        long man = bits & ((1L << 52) - 1);
        if (ex == 0) {
            ex = 1;
        } else {
            man |= 1L << 52;
        }
        BigInteger m = BigInteger.valueOf(v < 0 || (bits < 0) ? -man : man);
        return convert(m, 1075 - ex, t);
    }

    /** Converts a raw value with {@code fractionalBits} fractional bits (any sign/size) into t (rounding + saturation of t). */
    public static BigInteger convert(BigInteger raw, int fractionalBits, FixedPrecisionType t) {
        int d = t.fractional() - fractionalBits;
        if (d >= 0) {
            return overflow(raw.shiftLeft(d), t);
        }
        int e = -d;
        BigInteger floor = raw.shiftRight(e); // floor division by 2^e
        BigInteger rem = raw.subtract(floor.shiftLeft(e)); // 0 <= rem < 2^e
        int cmpHalf = rem.compareTo(BigInteger.ONE.shiftLeft(e - 1));
        return overflow(round(floor, rem.signum() != 0, cmpHalf, raw.signum() < 0, t.rounding()), t);
    }

    /** Rounds given floor(x), whether x was inexact, the comparison of the remainder with one half and the sign. */
    private static BigInteger round(BigInteger floor, boolean inexact, int cmpHalf, boolean negative, RoundingMode q) {
        if (!inexact) {
            return floor;
        }
        boolean up = switch (q) {
            case TRN -> false;
            case TRN_ZERO -> negative;
            case RND -> cmpHalf >= 0;
            case RND_ZERO -> cmpHalf > 0 || (cmpHalf == 0 && negative);
            case RND_MIN_INF -> cmpHalf > 0;
            case RND_INF -> cmpHalf > 0 || (cmpHalf == 0 && !negative);
            case RND_CONV -> cmpHalf > 0 || (cmpHalf == 0 && floor.testBit(0));
        };
        return up ? floor.add(BigInteger.ONE) : floor;
    }

    /** Applies t's overflow mode to an exact raw integer. */
    private static BigInteger overflow(BigInteger y, FixedPrecisionType t) {
        BigInteger max = maxRaw(t);
        BigInteger min = minRaw(t);
        if (y.compareTo(max) <= 0 && y.compareTo(min) >= 0) {
            return y;
        }
        boolean neg = y.signum() < 0;
        int w = t.width();
        switch (t.saturation()) {
            case SAT:
                return neg ? min : max;
            case SAT_ZERO:
                return BigInteger.ZERO;
            case SAT_SYM:
                return neg ? (t.signed() ? max.negate() : BigInteger.ZERO) : max;
            case WRAP:
            default: {
                BigInteger bits = y.and(mask(w)); // low W bits, unsigned
                int n = t.saturationBits();
                if (n > 0) {
                    BigInteger top = mask(n).shiftLeft(w - n);
                    bits = bits.andNot(top);
                    if (t.signed()) {
                        bits = bits.or(neg ? BigInteger.ONE.shiftLeft(w - 1) : mask(n - 1).shiftLeft(w - n));
                    } else if (!neg) {
                        bits = bits.or(top);
                    }
                }
                return fromBits(bits, t);
            }
        }
    }

    /** Interprets the low W bits (unsigned pattern) as a raw value of t. */
    private static BigInteger fromBits(BigInteger bits, FixedPrecisionType t) {
        if (t.signed() && bits.testBit(t.width() - 1)) {
            return bits.subtract(BigInteger.ONE.shiftLeft(t.width()));
        }
        return bits;
    }

    private static BigInteger mask(int n) {
        return BigInteger.ONE.shiftLeft(n).subtract(BigInteger.ONE);
    }

    private static BigDecimal pow2(int e) {
        return e >= 0 ? new BigDecimal(BigInteger.ONE.shiftLeft(e))
                : BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-e)));
    }

    /** Exact value of a raw integer of type t. */
    public static BigDecimal value(BigInteger raw, FixedPrecisionType t) {
        return value(raw, t.fractional());
    }

    /** Exact value of a raw integer with the given number of fractional bits. */
    public static BigDecimal value(BigInteger raw, int fractionalBits) {
        return new BigDecimal(raw).multiply(pow2(-fractionalBits));
    }

    public static double toDouble(BigInteger raw, FixedPrecisionType t) {
        return toDouble(raw, t.fractional());
    }

    /** Nearest double (ties to even) of raw * 2^-fractionalBits; the integer is rounded first, then scaled. */
    public static double toDouble(BigInteger raw, int fractionalBits) {
        double d = raw.doubleValue(); // correctly rounded
        return Math.scalb(d, -fractionalBits);
    }

    /** Exact decimal, plain notation, trailing zeros stripped but at least one fractional digit: "0.0029296875", "1.0", "-3.5", "0.0". */
    public static String exactDecimal(BigInteger raw, FixedPrecisionType t) {
        return exactDecimal(raw, t.fractional());
    }

    /** {@link #exactDecimal(BigInteger, FixedPrecisionType)} for a raw integer with the given fractional bits. */
    public static String exactDecimal(BigInteger raw, int fractionalBits) {
        BigDecimal v = value(raw, fractionalBits);
        if (v.signum() == 0) {
            return "0.0";
        }
        String s = v.stripTrailingZeros().toPlainString();
        return s.indexOf('.') < 0 ? s + ".0" : s;
    }

    /** Max representable raw value of t. */
    public static BigInteger maxRaw(FixedPrecisionType t) {
        return t.signed() ? mask(t.width() - 1) : mask(t.width());
    }

    /** Min representable raw value of t (plain min: -2^(W-1) for signed, 0 for unsigned). */
    public static BigInteger minRaw(FixedPrecisionType t) {
        return t.signed() ? BigInteger.ONE.shiftLeft(t.width() - 1).negate() : BigInteger.ZERO;
    }

    /** {@code a * b}: width W1+W2, integer bits I1+I2, signed if either is; default modes (TRN, WRAP). */
    public static FixedPrecisionType productType(FixedPrecisionType a, FixedPrecisionType b) {
        return new FixedPrecisionType(a.width() + b.width(), a.integer() + b.integer(), a.signed() || b.signed(),
                RoundingMode.TRN, SaturationMode.WRAP, 0);
    }

    /**
     * {@code a + b}: fraction max(F1,F2); integer bits max(I1 + (S2 &amp;&amp; !S1), I2 + (S1 &amp;&amp; !S2)) + 1;
     * signed if either is; default modes. (Subtraction has the same width but is always signed.)
     */
    public static FixedPrecisionType sumType(FixedPrecisionType a, FixedPrecisionType b) {
        int i = sumInteger(a, b);
        int f = Math.max(a.fractional(), b.fractional());
        return new FixedPrecisionType(i + f, i, a.signed() || b.signed(), RoundingMode.TRN, SaturationMode.WRAP, 0);
    }

    /** Integer bits of the sum/difference type. */
    static int sumInteger(FixedPrecisionType a, FixedPrecisionType b) {
        boolean s1 = a.signed();
        boolean s2 = b.signed();
        return Math.max(a.integer() + (s2 && !s1 ? 1 : 0), b.integer() + (s1 && !s2 ? 1 : 0)) + 1;
    }
}
