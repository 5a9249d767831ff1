package org.hls4ml.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hls4ml.testing.CppToolchain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exact decimal printing of the bundled ap types against {@link FixedPoint#exactDecimal}: random raw values of random
 * types of every width 1..128 (signed, unsigned, ap_int / ap_uint) whose scale 2^-F ranges over F = -150..W+150, so
 * both the heap-free fast path (F = -127..124 within 128 bits) and the multi-word fallback are covered. Checked:
 * {@code to_string(10)} (integral values without ".0"), {@code nnet::exact_string} and {@code nnet::print_exact}
 * (canonical text), and the fast path against the multi-word {@code ap_detail::exact_decimal} directly.
 */
class ExactDecimalTest {

    private static final long SEED = 0xdec1_7a1L;
    private static final int TYPES = 90;
    private static final int VALUES = 40;

    private static Path headers;
    private static Path templates;
    private static Path work;

    @BeforeAll
    static void setUp() throws IOException {
        headers = CppToolchain.bundledApTypes();
        templates = Paths.get("src/main/resources/org/hls4ml/templates/vivado").toAbsolutePath();
        assertTrue(Files.isRegularFile(templates.resolve("nnet_utils/nnet_helpers.h")), "nnet_utils not found");
        work = Paths.get("target/ap-types-exact-decimal").toAbsolutePath();
        Files.createDirectories(work);
        CppToolchain.requireGxx();
    }

    private record Ty(FixedPrecisionType t, boolean isInt) {
        String cpp() {
            if (isInt) {
                return (t.signed() ? "ap_int<" : "ap_uint<") + t.width() + ">";
            }
            return (t.signed() ? "ap_fixed<" : "ap_ufixed<") + t.width() + "," + t.integer() + ">";
        }
    }

    private static Ty randomType(Random r) {
        int w = switch (r.nextInt(5)) {
            case 0 -> 1 + r.nextInt(8);
            case 1 -> 1 + r.nextInt(32);
            case 2 -> 33 + r.nextInt(32);
            case 3 -> 64 + r.nextInt(2);
            default -> 1 + r.nextInt(128);
        };
        boolean signed = r.nextBoolean();
        if (r.nextInt(8) == 0) {
            return new Ty(new FixedPrecisionType(w, w, signed, RoundingMode.TRN, SaturationMode.WRAP, 0), true);
        }
        int f = switch (r.nextInt(4)) {
            case 0 -> -150 + r.nextInt(151); // integer scales up to 2^150 (fast path up to 2^128)
            case 1 -> r.nextInt(w + 1);
            case 2 -> w + r.nextInt(151); // pure fractions down to 2^-(w+150) (fast path F <= 124)
            default -> 118 + r.nextInt(12); // around the F = 124 limit
        };
        return new Ty(new FixedPrecisionType(w, w - f, signed, RoundingMode.TRN, SaturationMode.WRAP, 0), false);
    }

    private static BigInteger randomRaw(Random r, FixedPrecisionType t) {
        BigInteger min = FixedPoint.minRaw(t);
        BigInteger max = FixedPoint.maxRaw(t);
        switch (r.nextInt(8)) {
            case 0:
                return min;
            case 1:
                return max;
            case 2:
                return BigInteger.valueOf(r.nextInt(7) - 3).max(min).min(max);
            case 3: {
                int bits = 1 + r.nextInt(Math.min(t.width(), 20));
                BigInteger v = new BigInteger(bits, r);
                return (t.signed() && r.nextBoolean() ? v.negate() : v).max(min).min(max);
            }
            default: {
                BigInteger u = new BigInteger(t.width(), r);
                return t.signed() && u.testBit(t.width() - 1) ? u.subtract(BigInteger.ONE.shiftLeft(t.width())) : u;
            }
        }
    }

    @Test
    void exactDecimalsOfRandomRawValuesMatchTheJavaModel() throws Exception {
        Random r = new Random(SEED);
        List<Ty> types = new ArrayList<>();
        for (int i = 0; i < TYPES; i++) {
            types.add(randomType(r));
        }
        StringBuilder src = new StringBuilder();
        src.append("#include \"ap_fixed.h\"\n#include \"ap_int.h\"\n#include \"nnet_utils/nnet_helpers.h\"\n")
                .append("#include <cstdio>\n#include <cstring>\n#include <iostream>\n#include <sstream>\n")
                .append("template <class T> void run(int n) {\n")
                .append("    char hex[64];\n")
                .append("    for (int c = 0; c < n; ++c) {\n")
                .append("        if (std::scanf(\"%63s\", hex) != 1) { std::printf(\"BAD INPUT\\n\"); return; }\n")
                .append("        T x;\n")
                .append("        const int len = (int)std::strlen(hex);\n")
                .append("        for (int i = 0; i < T::width; ++i) {\n")
                .append("            const int pos = len - 1 - i / 4;\n")
                .append("            const int v = pos < 0 ? 0 : (hex[pos] <= '9' ? hex[pos] - '0' : hex[pos] - 'a' + 10);\n")
                .append("            x[i] = (v >> (i % 4)) & 1;\n")
                .append("        }\n")
                .append("        std::ostringstream os;\n")
                .append("        nnet::print_exact(os, x);\n")
                .append("        std::vector<uint32_t> m;\n")
                .append("        const bool neg = ap_detail::abs_limbs(x.V, m);\n")
                .append("        const std::string slow = ap_detail::exact_decimal(m, neg, T::frac_bits);\n")
                .append("        char buf[ap_detail::dec_buf_size];\n")
                .append("        const int k = ap_detail::fast_decimal_raw(x.V, T::frac_bits, buf);\n")
                .append("        const std::string fast = k > 0 ? std::string(buf, (size_t)k) : slow;\n")
                .append("        std::cout << x.to_string(10) << ' ' << nnet::exact_string(x) << ' ' << os.str() << ' '\n")
                .append("                  << (fast == slow ? \"same\" : \"fast/slow differ: \" + fast + \" \" + slow) << ' '\n")
                .append("                  << (k > 0 ? \"fast\" : \"slow\") << '\\n';\n")
                .append("    }\n")
                .append("}\n")
                .append("int main() {\n");
        for (Ty t : types) {
            src.append("    run<").append(t.cpp()).append(" >(").append(VALUES).append(");\n");
        }
        src.append("    return 0;\n}\n");
        Path cpp = work.resolve("exact_decimal_driver.cpp");
        Files.writeString(cpp, src.toString());
        Path exe = work.resolve("exact_decimal_driver");
        Process gcc = new ProcessBuilder("g++", "-O1", "-std=c++14", "-Wno-unknown-pragmas", "-I", headers.toString(),
                "-I", templates.toString(), cpp.toString(), "-o", exe.toString()).redirectErrorStream(true).start();
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gcc.waitFor(600, TimeUnit.SECONDS), "g++ timed out");
        assertEquals(0, gcc.exitValue(), "compiling the exact-decimal driver failed:\n" + log);

        StringBuilder in = new StringBuilder();
        List<String> expected = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (Ty t : types) {
            for (int v = 0; v < VALUES; v++) {
                BigInteger raw = randomRaw(r, t.t());
                BigInteger pattern = raw.and(BigInteger.ONE.shiftLeft(t.t().width()).subtract(BigInteger.ONE));
                in.append(pattern.toString(16)).append('\n');
                String canonical = FixedPoint.exactDecimal(raw, t.t());
                String plain = canonical.endsWith(".0") ? canonical.substring(0, canonical.length() - 2) : canonical;
                expected.add(plain + " " + canonical + " " + canonical + " same");
                described.add(t.cpp() + " raw " + raw);
            }
        }
        Process run = new ProcessBuilder(exe.toString()).redirectErrorStream(true).start();
        run.getOutputStream().write(in.toString().getBytes(StandardCharsets.UTF_8));
        run.getOutputStream().close();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(120, TimeUnit.SECONDS), "driver timed out");
        assertEquals(0, run.exitValue(), out);
        List<String> lines = out.lines().toList();
        assertEquals(expected.size(), lines.size(), "driver printed an unexpected number of lines:\n" + out);
        int fast = 0;
        int slow = 0;
        for (int i = 0; i < expected.size(); i++) {
            String got = lines.get(i);
            String path = got.substring(got.lastIndexOf(' ') + 1);
            if (path.equals("fast")) {
                fast++;
            } else {
                slow++;
            }
            assertEquals(expected.get(i), got.substring(0, got.lastIndexOf(' ')), "value " + i + ": " + described.get(i));
        }
        // both paths must really be exercised
        assertTrue(fast > expected.size() / 2, "fast path taken for only " + fast + " values");
        assertTrue(slow > 20, "fallback taken for only " + slow + " values");
    }
}
