package org.hls4ml.types;

import java.util.Locale;

/** Overflow (saturation) modes of Xilinx arbitrary-precision fixed-point types. */
public enum SaturationMode {
    /** Two's-complement wrap-around (the default); keeps {@code N} sign bits saturated when N &gt; 0. */
    WRAP,
    /** Saturate to the minimum or maximum representable value. */
    SAT,
    /** Set to zero on overflow. */
    SAT_ZERO,
    /** Saturate symmetrically: the minimum of a signed type is -max instead of -max-1. */
    SAT_SYM;

    /** The C++ enumerator, e.g. {@code AP_SAT}. */
    public String cppName() {
        return "AP_" + name();
    }

    /** Parses {@code AP_SAT}, {@code SAT} or {@code sat}; returns null when the text names no mode. */
    public static SaturationMode parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("AP_")) {
            t = t.substring(3);
        }
        for (SaturationMode m : values()) {
            if (m.name().equals(t)) {
                return m;
            }
        }
        return null;
    }
}
