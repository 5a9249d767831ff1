package org.hls4ml.types;

import java.util.Locale;

/** Quantization (rounding) modes of Xilinx arbitrary-precision fixed-point types. */
public enum RoundingMode {
    /** Truncate towards minus infinity (the default). */
    TRN,
    /** Truncate towards zero. */
    TRN_ZERO,
    /** Round to nearest, ties towards plus infinity. */
    RND,
    /** Round to nearest, ties towards zero. */
    RND_ZERO,
    /** Round to nearest, ties away from zero. */
    RND_INF,
    /** Round to nearest, ties towards minus infinity. */
    RND_MIN_INF,
    /** Round to nearest, ties to even. */
    RND_CONV;

    /** The C++ enumerator, e.g. {@code AP_RND_CONV}. */
    public String cppName() {
        return "AP_" + name();
    }

    /** Parses {@code AP_RND}, {@code RND} or {@code rnd}; returns null when the text names no mode. */
    public static RoundingMode parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("AP_")) {
            t = t.substring(3);
        }
        for (RoundingMode m : values()) {
            if (m.name().equals(t)) {
                return m;
            }
        }
        return null;
    }
}
