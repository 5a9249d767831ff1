package org.hls4ml.types;

/**
 * A fixed-point type {@code ap_fixed<W,I,Q,O,N>} / {@code ap_ufixed<...>}: {@code width} bits in all, {@code integer} of
 * them (sign included) before the binary point, rounding mode Q, saturation mode O and N saturation bits.
 * The integer part may be negative or exceed the width, as in Xilinx's types.
 */
public record FixedPrecisionType(int width, int integer, boolean signed, RoundingMode rounding,
                                 SaturationMode saturation, int saturationBits) implements PrecisionType {

    /** The widest type the bundled C++ headers support bit-exactly. */
    public static final int MAX_WIDTH = 128;

    public FixedPrecisionType {
        if (width < 1 || width > MAX_WIDTH) {
            throw new IllegalArgumentException("fixed-point width must be 1.." + MAX_WIDTH + ", got " + width);
        }
        if (rounding == null || saturation == null) {
            throw new IllegalArgumentException("rounding and saturation modes must be given");
        }
        if (saturationBits < 0 || saturationBits > width) {
            throw new IllegalArgumentException("saturation bits must be 0.." + width + ", got " + saturationBits);
        }
    }

    /** {@code ap_fixed<width,integer>} with the default modes (TRN, WRAP). */
    public static FixedPrecisionType of(int width, int integer) {
        return new FixedPrecisionType(width, integer, true, RoundingMode.TRN, SaturationMode.WRAP, 0);
    }

    /** {@code ap_ufixed<width,integer>} with the default modes (TRN, WRAP). */
    public static FixedPrecisionType unsigned(int width, int integer) {
        return new FixedPrecisionType(width, integer, false, RoundingMode.TRN, SaturationMode.WRAP, 0);
    }

    /** Number of fractional bits ({@code width - integer}, may be negative). */
    public int fractional() {
        return width - integer;
    }

    public FixedPrecisionType withModes(RoundingMode q, SaturationMode o) {
        return new FixedPrecisionType(width, integer, signed, q, o, saturationBits);
    }

    @Override
    public String cppType() {
        StringBuilder sb = new StringBuilder(signed ? "ap_fixed<" : "ap_ufixed<");
        sb.append(width).append(',').append(integer);
        boolean n = saturationBits != 0;
        boolean o = n || saturation != SaturationMode.WRAP;
        boolean q = o || rounding != RoundingMode.TRN;
        if (q) {
            sb.append(',').append(rounding.cppName());
        }
        if (o) {
            sb.append(',').append(saturation.cppName());
        }
        if (n) {
            sb.append(',').append(saturationBits);
        }
        return sb.append('>').toString();
    }

    @Override
    public String toString() {
        return cppType();
    }
}
