package org.hls4ml.types;

/**
 * A numeric precision of a tensor, weight or table: fixed point, integer, or {@code auto} (to be inferred).
 * Parse one from text with {@link PrecisionParser#parse(String)}.
 */
public sealed interface PrecisionType permits FixedPrecisionType, IntegerPrecisionType, AutoPrecisionType {

    /** The C++ type, e.g. {@code ap_fixed<16,6>} or {@code ap_uint<8>}. */
    String cppType();

    /** Total bit width; 0 for {@code auto}. */
    int width();

    /** Whether the type is signed. */
    boolean signed();
}
