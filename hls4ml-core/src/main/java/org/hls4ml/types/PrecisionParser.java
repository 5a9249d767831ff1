package org.hls4ml.types;

import java.util.Locale;

/**
 * Parses hls4ml precision strings: {@code ap_fixed<W,I[,Q[,O[,N]]]>}, {@code ap_ufixed<...>}, {@code fixed<...>},
 * {@code ufixed<...>}, {@code ap_int<W>}, {@code ap_uint<W>}, {@code int<W>}, {@code uint<W>} and {@code auto}.
 */
public final class PrecisionParser {

    public static final String ACCEPTED_FORMS =
            "ap_fixed<W,I[,Q[,O[,N]]]>, ap_ufixed<...>, fixed<...>, ufixed<...>, ap_int<W>, ap_uint<W>, int<W>, uint<W> or auto"
                    + " (Q one of TRN, TRN_ZERO, RND, RND_ZERO, RND_INF, RND_MIN_INF, RND_CONV with optional AP_ prefix;"
                    + " O one of WRAP, SAT, SAT_ZERO, SAT_SYM)";

    private PrecisionParser() {
    }

    /** Parses a precision; throws {@link PrecisionFormatException} naming the text when it is malformed. */
    public static PrecisionType parse(String text) {
        if (text == null) {
            throw new PrecisionFormatException("missing precision; expected " + ACCEPTED_FORMS);
        }
        String t = text.replaceAll("\\s+", "");
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("auto")) {
            return AutoPrecisionType.INSTANCE;
        }
        int lt = t.indexOf('<');
        if (lt <= 0 || !t.endsWith(">")) {
            throw malformed(text, "expected NAME<...>");
        }
        String name = lower.substring(0, lt);
        String[] args = t.substring(lt + 1, t.length() - 1).split(",", -1);
        try {
            switch (name) {
                case "ap_fixed", "fixed", "ap_ufixed", "ufixed":
                    return parseFixed(text, !name.contains("ufixed"), args);
                case "ap_int", "int", "ap_uint", "uint":
                    if (args.length != 1) {
                        throw malformed(text, name + " takes exactly one argument, the width");
                    }
                    return new IntegerPrecisionType(parseInt(text, args[0], "width"), !name.contains("uint"));
                default:
                    throw malformed(text, "unknown type name '" + t.substring(0, lt) + "'");
            }
        } catch (PrecisionFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw malformed(text, e.getMessage());
        }
    }

    /** Parses a precision that must be fixed-point or integer (integers become fixed with no fraction). */
    public static FixedPrecisionType parseFixed(String text) {
        PrecisionType p = parse(text);
        if (p instanceof FixedPrecisionType f) {
            return f;
        }
        if (p instanceof IntegerPrecisionType i) {
            return i.asFixed();
        }
        throw malformed(text, "a concrete fixed-point type is needed here, not 'auto'");
    }

    private static FixedPrecisionType parseFixed(String text, boolean signed, String[] args) {
        if (args.length < 2 || args.length > 5) {
            throw malformed(text, "fixed-point types take 2 to 5 arguments: W,I[,Q[,O[,N]]]");
        }
        int w = parseInt(text, args[0], "width");
        int i = parseInt(text, args[1], "integer bits");
        RoundingMode q = RoundingMode.TRN;
        SaturationMode o = SaturationMode.WRAP;
        int n = 0;
        if (args.length > 2) {
            q = RoundingMode.parse(args[2]);
            if (q == null) {
                throw malformed(text, "unknown rounding mode '" + args[2] + "'");
            }
        }
        if (args.length > 3) {
            o = SaturationMode.parse(args[3]);
            if (o == null) {
                throw malformed(text, "unknown saturation mode '" + args[3] + "'");
            }
        }
        if (args.length > 4) {
            n = parseInt(text, args[4], "saturation bits");
        }
        return new FixedPrecisionType(w, i, signed, q, o, n);
    }

    private static int parseInt(String text, String arg, String what) {
        try {
            return Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            throw malformed(text, what + " '" + arg + "' is not an integer");
        }
    }

    private static PrecisionFormatException malformed(String text, String why) {
        return new PrecisionFormatException("malformed precision '" + text + "': " + why + "; expected " + ACCEPTED_FORMS);
    }
}
