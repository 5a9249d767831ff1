package org.hls4ml.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hls4ml.testing.CppToolchain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conversions of the bundled ap_types from double, float, C integer literals and other ap types are C++14
 * {@code constexpr}, so generated weight arrays ({@code weight2_t w2[1024] = {0.27, ...};}) are constant-initialized
 * instead of compiling into a huge static initializer. A generated C++ program declares {@code constexpr} ap values in
 * every rounding and overflow mode (N saturation bits, +-inf, NaN, ties, subnormals, widths up to 128 bits) and a
 * {@code __constinit} weight array, and must compile as C++14, C++17 and with the arithmetic (non-{@code
 * __builtin_bit_cast}) decomposition of doubles; the printed raw values must equal {@link FixedPoint}'s.
 */
class ApTypesConstexprTest {

    private static final long SEED = 0xc0_57e3L;
    private static final int CASES_PER_MODE = 6;
    private static final int WEIGHTS = 64;
    private static final String[][] FLAG_SETS = {
        {"-std=c++14"}, {"-std=c++17"}, {"-std=c++14", "-DAP_NO_BIT_CAST"}};

    private static Path headers;
    private static Path work;

    @BeforeAll
    static void setUp() throws IOException {
        headers = CppToolchain.bundledApTypes();
        work = Paths.get("target/ap-types-constexpr").toAbsolutePath();
        Files.createDirectories(work);
        CppToolchain.requireGxx();
    }

    private static String cpp(FixedPrecisionType t, boolean isInt) {
        if (isInt) {
            return (t.signed() ? "ap_int<" : "ap_uint<") + t.width() + ">";
        }
        return (t.signed() ? "ap_fixed<" : "ap_ufixed<") + t.width() + "," + t.integer() + "," + t.rounding().cppName()
                + "," + t.saturation().cppName() + "," + t.saturationBits() + ">";
    }

    private static int randomWidth(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> 1 + r.nextInt(8);
            case 1 -> 1 + r.nextInt(32);
            case 2 -> 1 + r.nextInt(64);
            default -> 1 + r.nextInt(128);
        };
    }

    private static FixedPrecisionType randomFixed(Random r, RoundingMode q, SaturationMode o) {
        int w = randomWidth(r);
        int n = o == SaturationMode.WRAP && r.nextInt(3) == 0 ? r.nextInt(w + 1) : 0;
        return new FixedPrecisionType(w, -8 + r.nextInt(w + 17), r.nextBoolean(), q, o, n);
    }

    /** Doubles around t's scale: zeros, infinities, NaN, exact ties, bits below the LSB, overflow, subnormals. */
    private static double randomDouble(Random r, FixedPrecisionType t) {
        int f = t.fractional();
        switch (r.nextInt(12)) {
            case 0:
                return r.nextBoolean() ? 0.0 : -0.0;
            case 1:
                return switch (r.nextInt(3)) {
                    case 0 -> Double.POSITIVE_INFINITY;
                    case 1 -> Double.NEGATIVE_INFINITY;
                    default -> Double.NaN;
                };
            case 2: // subnormals and extremes
                return (r.nextBoolean() ? 1 : -1) * switch (r.nextInt(4)) {
                    case 0 -> Double.MIN_VALUE;
                    case 1 -> Math.scalb((double) (r.nextLong() >>> 12), -1074);
                    case 2 -> Double.MAX_VALUE;
                    default -> Double.MIN_NORMAL;
                };
            case 3:
            case 4: { // exact tie: (2k+1) * 2^-(f+1)
                long k = r.nextLong() >> (14 + r.nextInt(50));
                return Math.scalb((double) (2 * k + 1), -(f + 1));
            }
            case 5:
            case 6: { // a few bits below the LSB
                long k = r.nextLong() >> (12 + r.nextInt(50));
                return Math.scalb((double) k, -(f + 1 + r.nextInt(4)));
            }
            case 7: { // near the top of the range (overflow candidates)
                long k = r.nextLong() >> 11;
                return Math.scalb((double) k, t.integer() - 53 + r.nextInt(5) - 2);
            }
            default: {
                long k = r.nextLong() >> 11;
                return Math.scalb((double) k, -53 + r.nextInt(200) - 100);
            }
        }
    }

    /** A C++ expression of exactly v (exact decimal expansion; inf and NaN through GCC builtins). */
    private static String literal(double v, boolean asFloat) {
        if (Double.isNaN(v)) {
            return asFloat ? "__builtin_nanf(\"\")" : "__builtin_nan(\"\")";
        }
        if (Double.isInfinite(v)) {
            return (v < 0 ? "-" : "") + (asFloat ? "__builtin_inff()" : "__builtin_inf()");
        }
        String s = new BigDecimal(v).toString();
        if (!s.contains(".") && !s.contains("E")) {
            s += ".0";
        }
        return (v == 0 && 1 / v < 0 ? "-" : "") + s + (asFloat ? "f" : "");
    }

    private static BigInteger expectedOf(double v, FixedPrecisionType t) {
        return Double.isNaN(v) ? BigInteger.ZERO : FixedPoint.quantize(v, t);
    }

    private static String hex(BigInteger raw, int width) {
        return raw.and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE)).toString(16);
    }

    @Test
    void constexprConversionsCompileAndMatchTheJavaModel() throws Exception {
        Random r = new Random(SEED);
        StringBuilder decls = new StringBuilder();
        StringBuilder prints = new StringBuilder();
        List<String> expected = new ArrayList<>();
        List<String> described = new ArrayList<>();
        int id = 0;
        for (RoundingMode q : RoundingMode.values()) {
            for (SaturationMode o : SaturationMode.values()) {
                for (int k = 0; k < CASES_PER_MODE; k++, id++) {
                    FixedPrecisionType t = randomFixed(r, q, o);
                    String c = "c" + id;
                    int kind = r.nextInt(8);
                    String lit;
                    BigInteger raw;
                    if (kind == 0) { // float
                        float fv = (float) randomDouble(r, t);
                        lit = literal(fv, true);
                        raw = expectedOf(fv, t);
                    } else if (kind == 1) { // C integer literal
                        BigInteger iv = switch (r.nextInt(3)) {
                            case 0 -> BigInteger.valueOf(r.nextInt(41) - 20);
                            case 1 -> BigInteger.valueOf(r.nextLong() >> r.nextInt(63));
                            default -> new BigInteger(64, r);
                        };
                        lit = iv.signum() < 0 ? "(-" + iv.negate() + "LL)" : iv + (iv.bitLength() > 63 ? "ULL" : "LL");
                        if (iv.equals(BigInteger.ONE.shiftLeft(63).negate())) {
                            lit = "(-9223372036854775807LL - 1)";
                        }
                        raw = FixedPoint.quantize(new BigDecimal(iv), t);
                    } else {
                        double dv = randomDouble(r, t);
                        lit = literal(dv, false);
                        raw = expectedOf(dv, t);
                    }
                    decls.append("constexpr ").append(cpp(t, false)).append(' ').append(c).append(" = ").append(lit)
                            .append(";\n");
                    prints.append("  std::printf(\"%s\\n\", hex_of(").append(c).append(").c_str());\n");
                    expected.add(hex(raw, t.width()));
                    described.add(cpp(t, false) + " " + c + " = " + lit);

                    // constexpr ap -> ap conversion of the value into another random type (or an ap_int)
                    String d = "d" + id;
                    if (r.nextInt(4) == 0) {
                        // from a C integer into ap_int / ap_uint (wraps modulo 2^W)
                        int w = randomWidth(r);
                        FixedPrecisionType ti = new FixedPrecisionType(w, w, r.nextBoolean(), RoundingMode.TRN,
                                SaturationMode.WRAP, 0);
                        long iv = r.nextLong() >> r.nextInt(64);
                        String il = iv == Long.MIN_VALUE ? "(-9223372036854775807LL - 1)" : "(" + iv + "LL)";
                        decls.append("constexpr ").append(cpp(ti, true)).append(' ').append(d).append(" = ").append(il)
                                .append(";\n");
                        expected.add(hex(BigInteger.valueOf(iv), w));
                        described.add(cpp(ti, true) + " " + d + " = " + il);
                    } else {
                        FixedPrecisionType t2 = randomFixed(r, RoundingMode.values()[r.nextInt(7)],
                                SaturationMode.values()[r.nextInt(4)]);
                        decls.append("constexpr ").append(cpp(t2, false)).append(' ').append(d).append(" = ").append(c)
                                .append(";\n");
                        expected.add(hex(FixedPoint.convert(raw, t.fractional(), t2), t2.width()));
                        described.add(cpp(t2, false) + " " + d + " = " + c + " (raw " + raw + ")");
                    }
                    prints.append("  std::printf(\"%s\\n\", hex_of(").append(d).append(").c_str());\n");
                }
            }
        }
        // a mutable weight array as the writer generates it, required to be constant-initialized
        FixedPrecisionType wt = FixedPrecisionType.of(16, 6);
        StringBuilder weights = new StringBuilder("AP_TEST_CONSTINIT ap_fixed<16,6> w[" + WEIGHTS + "] = {");
        for (int i = 0; i < WEIGHTS; i++) {
            double v = i < 4 ? new double[] {0.2731347382, -0.1211331636, 1e6, -0.0009765625}[i]
                    : Math.round(r.nextGaussian() * 1e10) / 1e10;
            String text = i < 4 ? Double.toString(v) : String.format(Locale.ROOT, "%.10f", v);
            weights.append(i == 0 ? "" : ", ").append(text);
            // the C++ compiler reads the literal text; the model takes the double Java reads from the same text
            double parsed = Double.parseDouble(text);
            expected.add(hex(FixedPoint.quantize(parsed, wt), 16));
            described.add("w[" + i + "] = " + v);
        }
        weights.append("};\n");
        prints.append("  for (int i = 0; i < ").append(WEIGHTS)
                .append("; ++i) std::printf(\"%s\\n\", hex_of(w[i]).c_str());\n");

        String program = """
                #include "ap_fixed.h"
                #include "ap_int.h"
                #include <cstdio>
                #include <string>
                #if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
                #define AP_TEST_CONSTINIT __constinit
                #else
                #define AP_TEST_CONSTINIT
                #endif
                template <class T> std::string hex_of(const T& x) {
                    std::string s;
                    for (int i = 0; i < T::width; i += 4) {
                        int d = 0;
                        for (int b = 3; b >= 0; --b)
                            if (i + b < T::width && x[i + b]) d |= 1 << b;
                        s.push_back("0123456789abcdef"[d]);
                    }
                    while (s.size() > 1 && s[s.size() - 1] == '0') s.erase(s.size() - 1);
                    return std::string(s.rbegin(), s.rend());
                }
                constexpr ap_fixed<16, 6> probe = 0.27;
                static_assert(probe.V == 276, "0.27 -> ap_fixed<16,6> raw 276 at compile time");
                """ + decls + weights + "int main() {\n" + prints + "  return 0;\n}\n";
        Path src = work.resolve("constexpr_values.cpp");
        Files.writeString(src, program);

        List<Process> compiles = new ArrayList<>();
        List<Path> exes = new ArrayList<>();
        for (int m = 0; m < FLAG_SETS.length; m++) {
            Path exe = work.resolve("constexpr_values_" + m);
            exes.add(exe);
            List<String> cmd = new ArrayList<>(List.of("g++", "-O0", "-Wall"));
            cmd.addAll(List.of(FLAG_SETS[m]));
            cmd.addAll(List.of("-I", headers.toString(), "-o", exe.toString(), src.toString()));
            compiles.add(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        }
        for (int m = 0; m < FLAG_SETS.length; m++) {
            Process gcc = compiles.get(m);
            String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(gcc.waitFor(300, TimeUnit.SECONDS), "g++ timed out");
            assertEquals(0, gcc.exitValue(), "constexpr program failed to compile with " + String.join(" ", FLAG_SETS[m])
                    + " (" + src + "):\n" + log);
        }
        for (int m = 0; m < FLAG_SETS.length; m++) {
            Process run = new ProcessBuilder(exes.get(m).toString()).redirectErrorStream(true).start();
            String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(run.waitFor(60, TimeUnit.SECONDS), "program timed out");
            assertEquals(0, run.exitValue(), out);
            String[] got = out.split("\n");
            assertEquals(expected.size(), got.length, "number of output lines");
            for (int i = 0; i < got.length; i++) {
                if (!expected.get(i).equals(got[i].trim())) {
                    fail("[" + String.join(" ", FLAG_SETS[m]) + "] " + described.get(i) + ": expected raw 0x"
                            + expected.get(i) + ", constexpr C++ gave 0x" + got[i].trim());
                }
            }
        }
    }
}
