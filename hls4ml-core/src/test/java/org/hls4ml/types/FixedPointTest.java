package org.hls4ml.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FixedPointTest {

    private static FixedPrecisionType t(int w, int i, boolean s, RoundingMode q, SaturationMode o, int n) {
        return new FixedPrecisionType(w, i, s, q, o, n);
    }

    private static FixedPrecisionType fx(int w, int i, RoundingMode q, SaturationMode o) {
        return t(w, i, true, q, o, 0);
    }

    /** Quantized value (as a double) of v. */
    private static double q(double v, FixedPrecisionType t) {
        return FixedPoint.toDouble(FixedPoint.quantize(v, t), t);
    }

    @Test
    void roundingModesOnTiesAndNonTies() {
        // ap_fixed<8,8,Q>: integer rounding
        double[] in = {2.5, -2.5, 3.5, -3.5, 2.25, -2.25, 2.75, -2.75};
        Object[][] expected = {
                {RoundingMode.TRN, new double[] {2, -3, 3, -4, 2, -3, 2, -3}},
                {RoundingMode.TRN_ZERO, new double[] {2, -2, 3, -3, 2, -2, 2, -2}},
                {RoundingMode.RND, new double[] {3, -2, 4, -3, 2, -2, 3, -3}},
                {RoundingMode.RND_ZERO, new double[] {2, -2, 3, -3, 2, -2, 3, -3}},
                {RoundingMode.RND_INF, new double[] {3, -3, 4, -4, 2, -2, 3, -3}},
                {RoundingMode.RND_MIN_INF, new double[] {2, -3, 3, -4, 2, -2, 3, -3}},
                {RoundingMode.RND_CONV, new double[] {2, -2, 4, -4, 2, -2, 3, -3}},
        };
        for (Object[] row : expected) {
            RoundingMode m = (RoundingMode) row[0];
            double[] out = (double[]) row[1];
            for (int k = 0; k < in.length; k++) {
                assertEquals(out[k], q(in[k], fx(8, 8, m, SaturationMode.WRAP)), m + " of " + in[k]);
            }
        }
    }

    @Test
    void saturationModesFromTheUserGuide() {
        assertEquals(7.0, q(19.0, fx(4, 4, RoundingMode.RND, SaturationMode.SAT)));
        assertEquals(-8.0, q(-19.0, fx(4, 4, RoundingMode.RND, SaturationMode.SAT)));
        assertEquals(15.0, q(19.0, t(4, 4, false, RoundingMode.RND, SaturationMode.SAT, 0)));
        assertEquals(0.0, q(-19.0, t(4, 4, false, RoundingMode.RND, SaturationMode.SAT, 0)));
        assertEquals(0.0, q(19.0, fx(4, 4, RoundingMode.RND, SaturationMode.SAT_ZERO)));
        assertEquals(0.0, q(-19.0, fx(4, 4, RoundingMode.RND, SaturationMode.SAT_ZERO)));
        assertEquals(7.0, q(19.0, fx(4, 4, RoundingMode.RND, SaturationMode.SAT_SYM)));
        assertEquals(-7.0, q(-19.0, fx(4, 4, RoundingMode.RND, SaturationMode.SAT_SYM)));
        assertEquals(-8.0, q(-8.0, fx(4, 4, RoundingMode.RND, SaturationMode.SAT_SYM)), "in range: no saturation");
        assertEquals(0.0, q(-19.0, t(4, 4, false, RoundingMode.RND, SaturationMode.SAT_SYM, 0)));
        // wrap: 19 = 0b10011 -> 0b0011 = 3; -19 -> 0b01101 -> -3
        assertEquals(3.0, q(19.0, fx(4, 4, RoundingMode.RND, SaturationMode.WRAP)));
        assertEquals(-3.0, q(-19.0, fx(4, 4, RoundingMode.RND, SaturationMode.WRAP)));
        assertEquals(3.0, q(19.0, t(4, 4, false, RoundingMode.RND, SaturationMode.WRAP, 0)));
        // rounding carry overflows: 7.5 -> 8 -> saturates to 7
        assertEquals(7.0, q(7.5, fx(4, 4, RoundingMode.RND, SaturationMode.SAT)));
        assertEquals(-8.0, q(7.5, fx(4, 4, RoundingMode.RND, SaturationMode.WRAP)));
    }

    @Test
    void wrapWithSaturatedBits() {
        // signed <4,4,WRAP,1>: sign kept: 19 -> 0b0011 with sign 0 = 3; 12 = 0b1100 -> 0b0100 = 4; -12 -> 0b0100 -> 0b1100 = -4
        assertEquals(4.0, q(12.0, t(4, 4, true, RoundingMode.TRN, SaturationMode.WRAP, 1)));
        assertEquals(-4.0, q(-12.0, t(4, 4, true, RoundingMode.TRN, SaturationMode.WRAP, 1)));
        // N=2: 12 -> 0b01 00 = 4; 9 = 0b1001 -> 0b0101 = 5; -9 = 0b0111 (low 4) -> 0b1011 = -5
        assertEquals(5.0, q(9.0, t(4, 4, true, RoundingMode.TRN, SaturationMode.WRAP, 2)));
        assertEquals(-5.0, q(-9.0, t(4, 4, true, RoundingMode.TRN, SaturationMode.WRAP, 2)));
        // in range: untouched
        assertEquals(-3.0, q(-3.0, t(4, 4, true, RoundingMode.TRN, SaturationMode.WRAP, 2)));
        // unsigned N=2: 17 = 0b10001 -> 0b0001 -> 0b1101 = 13; -1 -> 0b1111 -> 0b0011 = 3
        assertEquals(13.0, q(17.0, t(4, 4, false, RoundingMode.TRN, SaturationMode.WRAP, 2)));
        assertEquals(3.0, q(-1.0, t(4, 4, false, RoundingMode.TRN, SaturationMode.WRAP, 2)));
    }

    @Test
    void negativeAndLargeIntegerBits() {
        // ap_fixed<2,0>: values -0.5, -0.25, 0, 0.25
        FixedPrecisionType a = fx(2, 0, RoundingMode.TRN, SaturationMode.SAT);
        assertEquals(-0.5, q(-0.5, a));
        assertEquals(0.25, q(0.3, a));
        assertEquals(0.25, q(0.9, a));
        // ap_ufixed<1,-1>: 0 or 0.25
        FixedPrecisionType b = t(1, -1, false, RoundingMode.RND, SaturationMode.WRAP, 0);
        assertEquals(0.25, q(0.2, b));
        assertEquals(0.0, q(0.1, b));
        // ap_fixed<1,-7> z = 1/256 (RND; 1-bit signed means raw -1 -> -2^-8; 2^-8 wraps to -2^-8)
        FixedPrecisionType c = fx(1, -7, RoundingMode.TRN, SaturationMode.WRAP);
        assertEquals(-1.0 / 256, q(1.0 / 256, c));
        // ap_fixed<4,8>: step 16, range -128..112
        FixedPrecisionType d = fx(4, 8, RoundingMode.RND_CONV, SaturationMode.SAT);
        assertEquals(32.0, q(40.0, d)); // 2.5 steps -> 2 (even)
        assertEquals(64.0, q(56.0, d)); // 3.5 steps -> 4 (even)
        assertEquals(112.0, q(1000.0, d)); // saturates
    }

    @Test
    void exactDecimalAndValue() {
        FixedPrecisionType t = FixedPrecisionType.of(16, 6);
        assertEquals("0.0029296875", FixedPoint.exactDecimal(BigInteger.valueOf(3), t));
        assertEquals("-3.5", FixedPoint.exactDecimal(BigInteger.valueOf(-3584), t));
        assertEquals("1.0", FixedPoint.exactDecimal(BigInteger.valueOf(1024), t));
        assertEquals("0.0", FixedPoint.exactDecimal(BigInteger.ZERO, t));
        assertEquals("48.0", FixedPoint.exactDecimal(BigInteger.valueOf(3), FixedPrecisionType.of(4, 8)));
        assertEquals(new BigDecimal("-3.5"), FixedPoint.value(BigInteger.valueOf(-3584), t).stripTrailingZeros());
        assertEquals(BigInteger.valueOf(3), FixedPoint.quantize(new BigDecimal("0.0029296875"), t));
        assertEquals(BigInteger.valueOf(-3), FixedPoint.quantize(new BigDecimal("-0.002"), t.withModes(RoundingMode.TRN, SaturationMode.WRAP)));
        assertEquals(BigInteger.valueOf(-2), FixedPoint.quantize(new BigDecimal("-0.002"), t.withModes(RoundingMode.RND, SaturationMode.WRAP)));
    }

    @Test
    void infinitiesAndNaN() {
        FixedPrecisionType t = FixedPrecisionType.of(8, 3);
        assertEquals(BigInteger.valueOf(127), FixedPoint.quantize(Double.POSITIVE_INFINITY, t));
        assertEquals(BigInteger.valueOf(-128), FixedPoint.quantize(Double.NEGATIVE_INFINITY, t));
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.quantize(Double.NaN, t));
    }

    @Test
    void resultTypes() {
        FixedPrecisionType a = FixedPrecisionType.of(16, 6);
        FixedPrecisionType u = FixedPrecisionType.unsigned(8, 2);
        assertEquals("ap_fixed<32,12>", FixedPoint.productType(a, a).cppType());
        assertEquals("ap_fixed<24,8>", FixedPoint.productType(a, u).cppType());
        assertEquals("ap_fixed<17,7>", FixedPoint.sumType(a, a).cppType());
        assertEquals("ap_ufixed<9,3>", FixedPoint.sumType(u, FixedPrecisionType.unsigned(4, 1)).cppType());
        // signed I=2 with unsigned I=6: max(2, 6+1) + 1 = 8 integer bits, fraction max(14, 2)
        assertEquals("ap_fixed<22,8>", FixedPoint.sumType(FixedPrecisionType.of(16, 2), FixedPrecisionType.unsigned(8, 6)).cppType());
        assertEquals(BigInteger.valueOf(32767), FixedPoint.maxRaw(a));
        assertEquals(BigInteger.valueOf(-32768), FixedPoint.minRaw(a));
        assertEquals(BigInteger.valueOf(255), FixedPoint.maxRaw(u));
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.productType(FixedPrecisionType.of(100, 1), FixedPrecisionType.of(100, 1)));
    }

    @Test
    void convertBetweenTypes() {
        // raw 0b1011 with 3 fractional bits = 1.375 into <8,6> (F=2): 5.5 steps -> TRN 5, RND_CONV 6, RND_ZERO 5
        FixedPrecisionType t = fx(8, 6, RoundingMode.TRN, SaturationMode.WRAP);
        assertEquals(BigInteger.valueOf(5), FixedPoint.convert(BigInteger.valueOf(11), 3, t));
        assertEquals(BigInteger.valueOf(6), FixedPoint.convert(BigInteger.valueOf(11), 3, t.withModes(RoundingMode.RND_CONV, SaturationMode.WRAP)));
        assertEquals(BigInteger.valueOf(-6), FixedPoint.convert(BigInteger.valueOf(-11), 3, t.withModes(RoundingMode.RND_CONV, SaturationMode.WRAP)));
        assertEquals(BigInteger.valueOf(-5), FixedPoint.convert(BigInteger.valueOf(-11), 3, t.withModes(RoundingMode.RND_ZERO, SaturationMode.WRAP)));
        assertEquals(BigInteger.valueOf(-6), FixedPoint.convert(BigInteger.valueOf(-11), 3, t.withModes(RoundingMode.RND_INF, SaturationMode.WRAP)));
        // negative fractional bits in the source: raw 3 with F=-4 is 48
        assertEquals(BigInteger.valueOf(192), FixedPoint.convert(BigInteger.valueOf(3), -4, FixedPrecisionType.unsigned(8, 6)));
    }
}
