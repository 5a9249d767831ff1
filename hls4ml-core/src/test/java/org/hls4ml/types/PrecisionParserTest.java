package org.hls4ml.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrecisionParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "ap_fixed<16,6>;16;6;true;TRN;WRAP;0;ap_fixed<16,6>",
            "ap_fixed<16, 6>;16;6;true;TRN;WRAP;0;ap_fixed<16,6>",
            "ap_ufixed<8,0>;8;0;false;TRN;WRAP;0;ap_ufixed<8,0>",
            "ap_fixed<18,8,AP_RND,AP_SAT>;18;8;true;RND;SAT;0;ap_fixed<18,8,AP_RND,AP_SAT>",
            "ap_fixed<7,1,AP_RND_CONV,AP_SAT>;7;1;true;RND_CONV;SAT;0;ap_fixed<7,1,AP_RND_CONV,AP_SAT>",
            "fixed<10,-2,RND_ZERO,SAT_SYM>;10;-2;true;RND_ZERO;SAT_SYM;0;ap_fixed<10,-2,AP_RND_ZERO,AP_SAT_SYM>",
            "ufixed<12,14,TRN_ZERO>;12;14;false;TRN_ZERO;WRAP;0;ap_ufixed<12,14,AP_TRN_ZERO>",
            "ap_fixed<16,6,AP_RND_INF,AP_WRAP,2>;16;6;true;RND_INF;WRAP;2;ap_fixed<16,6,AP_RND_INF,AP_WRAP,2>",
            "ap_fixed<16,6,AP_RND_MIN_INF,AP_SAT_ZERO>;16;6;true;RND_MIN_INF;SAT_ZERO;0;ap_fixed<16,6,AP_RND_MIN_INF,AP_SAT_ZERO>",
            "ap_fixed<16,6,AP_TRN,AP_WRAP>;16;6;true;TRN;WRAP;0;ap_fixed<16,6>"})
    void parsesFixed(String text, int w, int i, boolean signed, String q, String o, int n, String cpp) {
        FixedPrecisionType t = (FixedPrecisionType) PrecisionParser.parse(text);
        assertEquals(w, t.width());
        assertEquals(i, t.integer());
        assertEquals(signed, t.signed());
        assertEquals(RoundingMode.valueOf(q), t.rounding());
        assertEquals(SaturationMode.valueOf(o), t.saturation());
        assertEquals(n, t.saturationBits());
        assertEquals(cpp, t.cppType());
    }

    @Test
    void parsesIntegersAndAuto() {
        assertEquals(new IntegerPrecisionType(8, true), PrecisionParser.parse("ap_int<8>"));
        assertEquals(new IntegerPrecisionType(3, false), PrecisionParser.parse("ap_uint<3>"));
        assertEquals(new IntegerPrecisionType(5, true), PrecisionParser.parse("int<5>"));
        assertEquals("ap_uint<7>", PrecisionParser.parse("uint<7>").cppType());
        assertSame(AutoPrecisionType.INSTANCE, PrecisionParser.parse("auto"));
        assertEquals(FixedPrecisionType.of(8, 8), PrecisionParser.parseFixed("ap_int<8>"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "ap_fixed<16>;2 to 5 arguments",
            "ap_fixed<16,6;expected NAME<...>",
            "ap_fixd<16,6>;unknown type name 'ap_fixd'",
            "ap_fixed<16,6,AP_ROUND>;unknown rounding mode 'AP_ROUND'",
            "ap_fixed<16,6,AP_RND,AP_CLAMP>;unknown saturation mode 'AP_CLAMP'",
            "ap_fixed<x,6>;width 'x' is not an integer",
            "ap_fixed<0,0>;width must be 1..128",
            "ap_fixed<129,10>;width must be 1..128",
            "ap_int<8,2>;exactly one argument",
            "16,6;expected NAME<...>"})
    void rejectsMalformed(String text, String why) {
        PrecisionFormatException e = assertThrows(PrecisionFormatException.class, () -> PrecisionParser.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
