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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hls4ml.testing.CppToolchain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Randomized differential test of the bundled C++ ap_types headers against the Java reference model
 * {@link FixedPoint}: one generated C++ driver instantiates many random (A, B, D) type triples, reads random cases
 * and prints conversions, +, -, *, comparisons, range reads/writes, exact decimal strings and to_double results.
 */
class ApTypesDifferentialTest {

    private static final long SEED = 0x5eed_a91L;
    private static final int CONFIGS = 48;
    private static final int CASES_PER_CONFIG = 420;
    private static final int PARTS = 2;

    private static Path headers;
    private static Path work;

    @BeforeAll
    static void setUp() throws IOException {
        headers = CppToolchain.bundledApTypes();
        work = Paths.get("target/ap-types-diff").toAbsolutePath();
        Files.createDirectories(work);
        CppToolchain.requireGxx();
    }

    /** A type of the test: its model and its C++ spelling. */
    record Ty(FixedPrecisionType t, boolean isInt) {
        String cpp() {
            if (isInt) {
                return (t.signed() ? "ap_int<" : "ap_uint<") + t.width() + ">";
            }
            return (t.signed() ? "ap_fixed<" : "ap_ufixed<") + t.width() + "," + t.integer() + ","
                    + t.rounding().cppName() + "," + t.saturation().cppName() + "," + t.saturationBits() + ">";
        }
    }

    private static Ty randomType(Random r, RoundingMode q, SaturationMode o, boolean allowInt) {
        int w = switch (r.nextInt(4)) {
            case 0 -> 1 + r.nextInt(8);
            case 1 -> 1 + r.nextInt(32);
            case 2 -> 1 + r.nextInt(64);
            default -> 1 + r.nextInt(128);
        };
        boolean signed = r.nextBoolean();
        if (allowInt && r.nextInt(7) == 0) {
            return new Ty(new FixedPrecisionType(w, w, signed, RoundingMode.TRN, SaturationMode.WRAP, 0), true);
        }
        int i = -8 + r.nextInt(w + 17);
        int n = o == SaturationMode.WRAP && r.nextInt(3) == 0 ? r.nextInt(w + 1) : 0;
        return new Ty(new FixedPrecisionType(w, i, signed, q, o, n), false);
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
            case 3: { // small magnitude
                int bits = 1 + r.nextInt(Math.min(t.width(), 20));
                BigInteger v = new BigInteger(bits, r);
                return (t.signed() && r.nextBoolean() ? v.negate() : v).max(min).min(max);
            }
            default: {
                BigInteger u = new BigInteger(t.width(), r); // uniform W-bit pattern
                return t.signed() && u.testBit(t.width() - 1) ? u.subtract(BigInteger.ONE.shiftLeft(t.width())) : u;
            }
        }
    }

    /** A double around the destination's scale: exact ties, in-range, overflowing and assorted magnitudes. */
    private static double randomDouble(Random r, FixedPrecisionType d) {
        int f = d.fractional();
        switch (r.nextInt(10)) {
            case 0:
                return r.nextBoolean() ? 0.0 : -0.0;
            case 1:
                return r.nextInt(20) == 0 ? (r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY)
                        : (r.nextBoolean() ? 1 : -1) * Math.scalb(1.0, r.nextInt(300) - 150);
            case 2:
            case 3: { // exact tie: (2k+1) * 2^-(f+1)
                long k = r.nextLong() >> (14 + r.nextInt(50));
                return Math.scalb((double) (2 * k + 1), -(f + 1));
            }
            case 4:
            case 5: { // few bits below the LSB
                long k = r.nextLong() >> (12 + r.nextInt(50));
                return Math.scalb((double) k, -(f + 1 + r.nextInt(4)));
            }
            case 6: { // near the top of the range (overflow candidates)
                long k = r.nextLong() >> 11;
                return Math.scalb((double) k, d.integer() - 53 + r.nextInt(5) - 2);
            }
            default: {
                long k = r.nextLong() >> 11;
                return Math.scalb((double) k, -53 + r.nextInt(200) - 100);
            }
        }
    }

    private static String hex(BigInteger raw, int width) {
        return raw.and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE)).toString(16);
    }

    private static String typedHex(int w, int i, BigInteger raw) {
        return w + ":" + i + ":" + hex(raw, w);
    }

    private static int bit(boolean b) {
        return b ? 1 : 0;
    }

    @Test
    void headersMatchTheJavaModel() throws Exception {
        Random r = new Random(SEED);
        RoundingMode[] qs = RoundingMode.values();
        SaturationMode[] os = SaturationMode.values();
        // the configurations are split over PARTS translation units compiled in parallel
        StringBuilder[] parts = new StringBuilder[PARTS];
        String include = "#include \"" + Paths.get("src/test/cpp/ap_diff_driver.h").toAbsolutePath() + "\"\n";
        for (int p = 0; p < PARTS; p++) {
            parts[p] = new StringBuilder(include).append("bool dispatch").append(p)
                    .append("(int cfg, int n) {\n  switch (cfg) {\n");
        }
        StringBuilder input = new StringBuilder();
        List<String> expected = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (int c = 0; c < CONFIGS; c++) {
            Ty a = randomType(r, qs[r.nextInt(qs.length)], os[r.nextInt(os.length)], true);
            Ty b = randomType(r, qs[r.nextInt(qs.length)], os[r.nextInt(os.length)], true);
            Ty d = randomType(r, qs[c % qs.length], os[(c / qs.length) % os.length], false);
            parts[c % PARTS].append("      case ").append(c).append(": run_cases<").append(a.cpp()).append(", ").append(b.cpp())
                    .append(", ").append(d.cpp()).append(">(n); break;\n");
            input.append(c).append(' ').append(CASES_PER_CONFIG).append('\n');
            for (int k = 0; k < CASES_PER_CONFIG; k++) {
                BigInteger ra = randomRaw(r, a.t());
                BigInteger rb = randomRaw(r, b.t());
                double v = randomDouble(r, d.t());
                int hi = r.nextInt(a.t().width());
                int lo = r.nextInt(hi + 1);
                BigDecimal va = FixedPoint.value(ra, a.t());
                long kk = r.nextBoolean() ? va.setScale(0, java.math.RoundingMode.FLOOR).max(BigDecimal.valueOf(-1L << 40))
                        .min(BigDecimal.valueOf(1L << 40)).longValue() + r.nextInt(3) - 1 : r.nextInt();
                input.append(hex(ra, a.t().width())).append(' ').append(hex(rb, b.t().width())).append(' ')
                        .append(Long.toHexString(Double.doubleToRawLongBits(v))).append(' ').append(hi).append(' ')
                        .append(lo).append(' ').append(kk).append('\n');
                expected.add(expect(a.t(), b.t(), d.t(), ra, rb, v, hi, lo, kk));
                described.add("A=" + a.cpp() + " B=" + b.cpp() + " D=" + d.cpp() + " a=" + ra + " b=" + rb + " v="
                        + v + (Double.isInfinite(v) ? "" : " (" + new BigDecimal(v).toPlainString() + ")") + " hi=" + hi + " lo=" + lo + " k=" + kk);
            }
        }
        StringBuilder main = new StringBuilder("#include <cstdio>\n");
        for (int p = 0; p < PARTS; p++) {
            parts[p].append("      default: return false;\n  }\n  return true;\n}\n");
            main.append("bool dispatch").append(p).append("(int, int);\n");
        }
        main.append("int main() {\n  int cfg, n;\n  while (std::scanf(\"%d %d\", &cfg, &n) == 2) {\n    if (!(");
        for (int p = 0; p < PARTS; p++) {
            main.append(p == 0 ? "" : " || ").append("dispatch").append(p).append("(cfg, n)");
        }
        main.append(")) { std::printf(\"BAD CONFIG\\n\"); return 1; }\n  }\n  return 0;\n}\n");
        Path exe = work.resolve("driver");
        Path in = work.resolve("cases.txt");
        Path out = work.resolve("out.txt");
        Files.writeString(in, input.toString());
        List<String> objects = new ArrayList<>();
        List<Process> compiles = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int p = 0; p <= PARTS; p++) {
            Path src = work.resolve(p < PARTS ? "driver" + p + ".cpp" : "driver_main.cpp");
            Files.writeString(src, p < PARTS ? parts[p].toString() : main.toString());
            Path obj = work.resolve(src.getFileName().toString().replace(".cpp", ".o"));
            objects.add(obj.toString());
            compiles.add(new ProcessBuilder("g++", "-O1", "-std=c++14", "-I", headers.toString(), "-c", "-o",
                    obj.toString(), src.toString()).redirectErrorStream(true).start());
        }
        for (Process gcc : compiles) {
            String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(gcc.waitFor(300, TimeUnit.SECONDS), "g++ timed out");
            assertEquals(0, gcc.exitValue(), "driver failed to compile:\n" + log);
        }
        List<String> link = new ArrayList<>(List.of("g++", "-o", exe.toString()));
        link.addAll(objects);
        Process ld = new ProcessBuilder(link).redirectErrorStream(true).start();
        String ldLog = new String(ld.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ld.waitFor(120, TimeUnit.SECONDS), "link timed out");
        assertEquals(0, ld.exitValue(), "driver failed to link:\n" + ldLog);
        long t1 = System.nanoTime();
        Process run = new ProcessBuilder(exe.toString()).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertTrue(run.waitFor(120, TimeUnit.SECONDS), "driver timed out");
        assertEquals(0, run.exitValue(), "driver exited with " + run.exitValue());
        long t2 = System.nanoTime();
        List<String> got = Files.readAllLines(out);
        System.out.printf("ap_types differential: %d cases, compile %.1f s, run %.2f s%n", expected.size(),
                (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        assertEquals(expected.size(), got.size(), "number of driver output lines");
        String[] names = {"D(double)", "D(a)", "a+b", "a-b", "a*b", "D(a*b)", "D(a-b)", "a<b,a<=b,a==b,a!=b,a>b,a>=b",
                "a<k,a==k", "a.to_string()", "a(hi,lo)", "a(hi,lo)=b", "D(double).to_double()"};
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals(got.get(i))) {
                String[] e = expected.get(i).split(" ");
                String[] g = got.get(i).split(" ");
                StringBuilder diff = new StringBuilder();
                for (int f = 0; f < Math.max(e.length, g.length); f++) {
                    String ef = f < e.length ? e[f] : "<missing>";
                    String gf = f < g.length ? g[f] : "<missing>";
                    if (!ef.equals(gf)) {
                        diff.append("\n  ").append(f < names.length ? names[f] : "field " + f).append(": expected ")
                                .append(ef).append(", C++ gave ").append(gf);
                    }
                }
                fail("case " + i + " differs: " + described.get(i) + diff);
            }
        }
    }

    private static String expect(FixedPrecisionType a, FixedPrecisionType b, FixedPrecisionType d, BigInteger ra,
                                 BigInteger rb, double v, int hi, int lo, long k) {
        int fa = a.fractional();
        int fb = b.fractional();
        int fs = Math.max(fa, fb);
        int is = FixedPoint.sumInteger(a, b);
        BigInteger sa = ra.shiftLeft(fs - fa);
        BigInteger sb = rb.shiftLeft(fs - fb);
        BigInteger sum = sa.add(sb);
        BigInteger dif = sa.subtract(sb);
        BigInteger prod = ra.multiply(rb);
        int cmp = sa.compareTo(sb);
        int cmpK = FixedPoint.value(ra, a).compareTo(BigDecimal.valueOf(k));
        String dec = FixedPoint.exactDecimal(ra, a);
        if (dec.endsWith(".0")) {
            dec = dec.substring(0, dec.length() - 2); // C++ prints integral values without ".0"
        }
        BigInteger pattern = ra.and(BigInteger.ONE.shiftLeft(a.width()).subtract(BigInteger.ONE));
        int len = hi - lo + 1;
        BigInteger sliceMask = BigInteger.ONE.shiftLeft(len).subtract(BigInteger.ONE);
        BigInteger range = pattern.shiftRight(lo).and(sliceMask);
        BigInteger written = pattern.andNot(sliceMask.shiftLeft(lo)).or(rb.and(sliceMask).shiftLeft(lo));
        BigInteger dv = FixedPoint.quantize(v, d);
        return String.join(" ",
                hex(dv, d.width()),
                hex(FixedPoint.convert(ra, fa, d), d.width()),
                typedHex(is + fs, is, sum),
                typedHex(is + fs, is, dif),
                typedHex(a.width() + b.width(), a.integer() + b.integer(), prod),
                hex(FixedPoint.convert(prod, fa + fb, d), d.width()),
                hex(FixedPoint.convert(dif, fs, d), d.width()),
                "" + bit(cmp < 0) + bit(cmp <= 0) + bit(cmp == 0) + bit(cmp != 0) + bit(cmp > 0) + bit(cmp >= 0),
                "" + bit(cmpK < 0) + bit(cmpK == 0),
                dec,
                range.toString(16),
                written.toString(16),
                String.format("%016x", Double.doubleToRawLongBits(FixedPoint.toDouble(dv, d))));
    }

    @Test
    void widthAbove128FailsWithAClearMessage() throws Exception {
        Path src = work.resolve("too_wide.cpp");
        Files.writeString(src, "#include \"ap_fixed.h\"\nint main() { ap_fixed<129, 10> x = 1.0; return (int)x.to_int(); }\n");
        Process gcc = new ProcessBuilder("g++", "-std=c++14", "-fsyntax-only", "-I", headers.toString(), src.toString())
                .redirectErrorStream(true).start();
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS));
        assertTrue(gcc.exitValue() != 0, "ap_fixed<129,10> must not compile");
        assertTrue(log.contains("widths above 128 bits are not supported by the bundled ap_types"), log);
    }

    @Test
    void apiSmokeTestCompilesAsCpp17AndRuns() throws Exception {
        Path src = work.resolve("smoke.cpp");
        Files.writeString(src, """
                #include "ap_fixed.h"
                #include "ap_int.h"
                #include "hls_stream.h"
                #include <iostream>
                int main() {
                  ap_fixed<16,6> a = 1.5, b = -2.25, acc = 0;
                  for (int i = 0; i < 3; i++) acc += (ap_fixed<16,6>)(a * b);
                  ap_fixed<4,4,AP_RND,AP_SAT> s = 19.0;
                  ap_int<8> i = -7; ap_uint<8> u = 2;
                  int n = i; unsigned top = a(a.width - 1, a.width - 4);
                  hls::stream<ap_fixed<16,6> > st("st");
                  st.write(a); st << b; ap_fixed<16,6> r1 = st.read(), r2; st >> r2;
                  std::cout << acc.to_string() << " " << s << " " << (i / u) << " " << n << " " << top << " "
                            << (r1 == a) << (r2 == b) << st.empty() << st.max_size() << " " << (a > 1) << (a == 1.5)
                            << " " << a.to_double() << " " << (-a).to_string() << std::endl;
                  return 0;
                }
                """);
        Path exe = work.resolve("smoke");
        Process gcc = new ProcessBuilder("g++", "-std=c++17", "-O2", "-Wall", "-I", headers.toString(), "-o",
                exe.toString(), src.toString()).redirectErrorStream(true).start();
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gcc.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, gcc.exitValue(), log);
        Process run = new ProcessBuilder(exe.toString()).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        assertEquals("-10.125 7 -3 -7 0 1112 11 1.5 -1.5", out);
    }

    @Test
    void readingAnEmptyStreamAbortsNamingTheStream() throws Exception {
        Path src = work.resolve("empty_stream.cpp");
        Files.writeString(src, "#include \"hls_stream.h\"\nint main() { hls::stream<int> s(\"layer2_out\"); return s.read(); }\n");
        Path exe = work.resolve("empty_stream");
        Process gcc = new ProcessBuilder("g++", "-std=c++14", "-I", headers.toString(), "-o", exe.toString(),
                src.toString()).redirectErrorStream(true).start();
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, gcc.exitValue(), log);
        Process run = new ProcessBuilder(exe.toString()).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        assertTrue(run.exitValue() != 0, "must abort");
        assertTrue(out.contains("layer2_out") && out.contains("empty"), out);
    }
}
