package org.hls4ml.backends.rtl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hls4ml.model.WeightVariable;
import org.hls4ml.types.FixedPoint;
import org.hls4ml.types.FixedPrecisionType;

/**
 * Text of one generated layer module being built: its declarations and statements, and the ROM modules it
 * instantiates.
 * Values are handled as signed two's-complement vectors ({@link Val}); an unsigned fixed-point value of width W is
 * carried zero-extended to W+1 bits.
 */
final class Verilog {

    /** A signed value: a Verilog expression of exactly {@code width} bits and {@code frac} fractional bits. */
    record Val(String expr, int width, int frac) {
    }

    /**
     * A ROM module: its name, a one-line description, the address and word widths and the 2^addrBits words as Verilog
     * literals (rendered by {@link RtlWriter} into a file of its own).
     */
    record Rom(String module, String description, int addrBits, int width, List<String> entries) {
    }

    /** The layer module's name (the ROM modules are named after it). */
    private final String module;
    private final Map<String, Rom> roms = new LinkedHashMap<>();
    private final Map<String, Integer> romReads = new LinkedHashMap<>();
    /** Casts emitted so far: "cast name + source expression" to the result wire. */
    private final Map<String, String> casts = new LinkedHashMap<>();
    private final StringBuilder decls = new StringBuilder();
    private final StringBuilder stmts = new StringBuilder();
    private int wireCount;

    Verilog(String module) {
        this.module = module;
    }

    /** For text that declares no ROM. */
    Verilog() {
        this("rom");
    }

    /** The ROM modules declared with {@link #rom}. */
    List<Rom> roms() {
        return List.copyOf(roms.values());
    }

    StringBuilder decls() {
        return decls;
    }

    StringBuilder stmts() {
        return stmts;
    }

    /** The signed-value view of the raw bits {@code bits} of a value of type t. */
    static Val of(String bits, FixedPrecisionType t) {
        return t.signed() ? new Val(bits, t.width(), t.fractional())
                : new Val("{1'b0, " + bits + "}", t.width() + 1, t.fractional());
    }

    /** Width of the signed view of t. */
    static int reprWidth(FixedPrecisionType t) {
        return t.signed() ? t.width() : t.width() + 1;
    }

    /** Bits [hi:lo] of a packed vector of elements of width w: element k. */
    static String slice(String vec, int k, int w) {
        return vec + "[" + ((k + 1) * w - 1) + ":" + (k * w) + "]";
    }

    /** Declares a wire holding expr (of the given width) and returns its name. */
    String wire(String prefix, int width, String expr) {
        String n = prefix + "_" + (wireCount++);
        decls.append("    wire [").append(width - 1).append(":0] ").append(n).append(";\n");
        stmts.append("    assign ").append(n).append(" = ").append(expr).append(";\n");
        return n;
    }

    /**
     * Casts v to t (t's rounding and overflow); returns the raw bits of t as an expression of t.width() bits. TRN with
     * plain WRAP is a bit field of the source; every other cast is a few wires (see {@link FixedCast#assign}), emitted
     * once per source expression and target type.
     */
    String cast(Val v, FixedPrecisionType t) {
        if (FixedCast.isPlainWrap(t) && FixedCast.isTruncating(t)) {
            return truncWrap(v, t.width(), t.fractional());
        }
        String key = FixedCast.name(v.width(), v.frac(), t) + " " + v.expr();
        String done = casts.get(key);
        if (done != null) {
            return done;
        }
        String x = v.expr();
        if (!x.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            x = wire("c", v.width(), x);
        }
        String r = FixedCast.assign((name, width, expr) -> {
            decls.append("    wire [").append(width - 1).append(":0] ").append(name).append(";\n");
            stmts.append("    assign ").append(name).append(" = ").append(expr).append(";\n");
        }, "cast_" + (wireCount++), x, v.width(), v.frac(), t);
        casts.put(key, r);
        return r;
    }

    /** TRN + WRAP: the target bits are a plain bit field of the (sign-extended, shifted) source. */
    private String truncWrap(Val v, int w, int f) {
        String x = v.expr();
        if (!x.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            x = wire("c", v.width(), x);
        }
        int sw = v.width();
        int lo = v.frac() - f; // source index of result bit 0
        int signBits = Math.max(0, Math.min(w, lo + w - sw));
        int zeroBits = Math.max(0, Math.min(w, -lo));
        int hi = Math.min(lo + w - 1, sw - 1);
        int from = Math.max(lo, 0);
        List<String> parts = new ArrayList<>();
        if (signBits > 0) {
            parts.add("{" + signBits + "{" + x + "[" + (sw - 1) + "]}}");
        }
        if (hi >= from) {
            parts.add(x + "[" + hi + ":" + from + "]");
        }
        if (zeroBits > 0) {
            parts.add(zeroBits + "'b0");
        }
        return "{" + String.join(", ", parts) + "}";
    }

    /** The exact product of two signed values (full precision) as a new wire. */
    Val mul(String prefix, Val a, Val b) {
        int w = a.width() + b.width();
        String n = "p_" + prefix + "_" + (wireCount++);
        decls.append("    wire signed [").append(w - 1).append(":0] ").append(n).append(";\n");
        stmts.append("    assign ").append(n).append(" = $signed(").append(a.expr()).append(") * $signed(")
                .append(b.expr()).append(");\n");
        return new Val(n, w, a.frac() + b.frac());
    }

    /** The exact sum (or difference) of two signed values, aligned to the larger fraction, as an expression. */
    static Val add(Val a, Val b, boolean subtract) {
        int f = Math.max(a.frac(), b.frac());
        int ia = a.width() - a.frac();
        int ib = b.width() - b.frac();
        int w = Math.max(ia, ib) + 1 + f;
        String ea = align(a, f, w);
        String eb = align(b, f, w);
        return new Val("(" + ea + (subtract ? " - " : " + ") + eb + ")", w, f);
    }

    /** Sign-extends / shifts v to fraction f and width w (w large enough). */
    static String align(Val v, int f, int w) {
        int sh = f - v.frac();
        String e = sh > 0 ? "{" + v.expr() + ", " + sh + "'b0}" : v.expr();
        int ew = v.width() + sh;
        return sext(e, ew, w, v);
    }

    private static String sext(String e, int ew, int w, Val v) {
        if (w == ew) {
            return e;
        }
        String sign = signBit(v);
        return "{{" + (w - ew) + "{" + sign + "}}, " + e + "}";
    }

    /** The sign bit of a value (handles the zero-extended unsigned form). */
    static String signBit(Val v) {
        String e = v.expr();
        if (e.startsWith("{1'b0, ")) {
            return "1'b0";
        }
        java.util.regex.Matcher lit = java.util.regex.Pattern.compile("(\\d+)'h([0-9a-f]+)").matcher(e);
        if (lit.matches()) {
            int w = Integer.parseInt(lit.group(1));
            return new BigInteger(lit.group(2), 16).testBit(w - 1) ? "1'b1" : "1'b0";
        }
        if (e.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return e + "[" + (v.width() - 1) + "]";
        }
        if (e.matches("[A-Za-z_][A-Za-z0-9_]*\\[\\d+:\\d+\\]")) {
            int lo = Integer.parseInt(e.substring(e.lastIndexOf(':') + 1, e.length() - 1));
            return e.substring(0, e.indexOf('[')) + "[" + (lo + v.width() - 1) + "]";
        }
        throw new IllegalStateException("no sign bit for expression " + e);
    }

    /** A constant as a signed value of the given type (the signed view, as a sized literal). */
    static Val constant(BigInteger raw, FixedPrecisionType t) {
        int w = reprWidth(t);
        return new Val(FixedCast.lit(raw, w), w, t.fractional());
    }

    /** A literal of the raw bits of t. */
    static String rawLiteral(BigInteger raw, FixedPrecisionType t) {
        return FixedCast.lit(raw, t.width());
    }

    /**
     * Declares ROM {@code name} of this module: 2^addrBits words of t's width holding the given raw values (zero
     * beyond them), a module of its own named {@code <this module>_<name>} (see {@link #roms}).
     */
    void rom(String name, int addrBits, List<BigInteger> values, FixedPrecisionType t, String comment) {
        if (roms.containsKey(name)) {
            return;
        }
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 1 << addrBits; i++) {
            entries.add(rawLiteral(i < values.size() ? values.get(i) : BigInteger.ZERO, t));
        }
        roms.put(name, new Rom(module + "_" + name, comment, addrBits, t.width(), entries));
    }

    /**
     * The entry of ROM {@code name} at address {@code addr} (exactly addrBits wide), as a wire: every read is an
     * instance of the ROM module of its own, as the C++ has one lookup per unrolled element. Synthesis then gives each
     * read its own ROM (a block RAM when the read is registered), not one memory with many read ports; Verilator
     * compiles the (not inlined) module once. Not a function with a case statement: Verilator would inline the whole
     * case at every read.
     */
    String romRead(String name, String addr) {
        Rom r = roms.get(name);
        int k = romReads.merge(name, 1, Integer::sum) - 1;
        String q = name + "_q" + k;
        decls.append("    wire [").append(r.width() - 1).append(":0] ").append(q).append(";\n");
        stmts.append("    ").append(r.module()).append(' ').append(name).append('_').append(k).append(" (.a(")
                .append(addr).append("), .q(").append(q).append("));\n");
        return q;
    }

    /** The raw value of element i of a weight array as the C++ sees it: hls4ml's decimal text, parsed, then quantized. */
    static BigInteger weightRaw(WeightVariable w, int i) {
        FixedPrecisionType t = LayerRtl.fixed(w.type().precision(), "weights " + w.name());
        int decimals = Math.max(0, t.fractional());
        double d = w.data().data()[i];
        String text = new BigDecimal(d).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
        return FixedPoint.quantize(Double.parseDouble(text), t);
    }

    /** Balanced sum tree of same-width terms (mod 2^width), as an expression. */
    static String tree(List<String> terms) {
        if (terms.size() == 1) {
            return terms.get(0);
        }
        int h = terms.size() / 2;
        return "(" + tree(terms.subList(0, h)) + " + " + tree(terms.subList(h, terms.size())) + ")";
    }

    static List<String> list() {
        return new ArrayList<>();
    }

    static int clog2(int n) {
        int b = 0;
        while ((1 << b) < n) {
            b++;
        }
        return b;
    }
}
