package org.hls4ml.types;

/** An integer type: {@code ap_int<W>} or {@code ap_uint<W>}. */
public record IntegerPrecisionType(int width, boolean signed) implements PrecisionType {

    public IntegerPrecisionType {
        if (width < 1 || width > FixedPrecisionType.MAX_WIDTH) {
            throw new IllegalArgumentException("integer width must be 1.." + FixedPrecisionType.MAX_WIDTH + ", got " + width);
        }
    }

    @Override
    public String cppType() {
        return (signed ? "ap_int<" : "ap_uint<") + width + ">";
    }

    /** The same number as a fixed-point type with no fractional bits. */
    public FixedPrecisionType asFixed() {
        return new FixedPrecisionType(width, width, signed, RoundingMode.TRN, SaturationMode.WRAP, 0);
    }

    @Override
    public String toString() {
        return cppType();
    }
}
