package org.hls4ml.backends.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hls4ml.types.FixedPoint;
import org.hls4ml.types.FixedPrecisionType;
import org.hls4ml.types.IntegerPrecisionType;
import org.hls4ml.types.RoundingMode;
import org.hls4ml.types.SaturationMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated Verilog casts, simulated under Verilator, equal {@link FixedPoint#convert} for random source
 * values, random source formats and random target types in every rounding and overflow mode.
 */
class FixedCastTest {

    static final int PAIRS = 160;
    static final int VALUES = 25;

    @TempDir
    Path dir;

    @Test
    void verilogCastsEqualFixedPointConvert() throws Exception {
        Random rnd = new Random(20261124L);
        List<int[]> src = new ArrayList<>(); // {width, frac}
        List<FixedPrecisionType> dst = new ArrayList<>();
        RoundingMode[] qs = RoundingMode.values();
        SaturationMode[] os = SaturationMode.values();
        for (int k = 0; k < PAIRS; k++) {
            int sw = 1 + rnd.nextInt(40);
            int sf = rnd.nextInt(sw + 8) - 4;
            int w = 1 + rnd.nextInt(24);
            int i = rnd.nextInt(w + 8) - 4;
            boolean signed = rnd.nextInt(3) != 0;
            SaturationMode o = os[k % os.length];
            // every 8th pair TRN/WRAP: the bit-field fast path of Verilog.cast; the others the cast wires
            int n = o == SaturationMode.WRAP && rnd.nextBoolean() ? 1 + rnd.nextInt(w) : 0;
            FixedPrecisionType t = k % 8 == 7 ? new FixedPrecisionType(w, i, signed, RoundingMode.TRN, SaturationMode.WRAP, 0)
                    : new FixedPrecisionType(w, i, signed, qs[(k / os.length) % qs.length], o, n);
            src.add(new int[] {sw, sf});
            dst.add(t);
        }
        simulate(src, dst, rnd, (raw, k) -> FixedPoint.convert(raw, src.get(k)[1], dst.get(k)));
    }

    /**
     * Casts into ap_int / ap_uint as the RTL reads them ({@link LayerRtl#fixed(org.hls4ml.types.PrecisionType,
     * String)}: W integer bits, AP_TRN_ZERO, AP_WRAP) equal the bundled ap types' conversion of an ap value into an
     * integer type, computed here independently: truncation toward zero, then the low W bits; and
     * {@link FixedPoint#convert} agrees.
     */
    @Test
    void castsIntoApIntTruncateTowardZeroThenWrap() throws Exception {
        Random rnd = new Random(7L);
        List<int[]> src = new ArrayList<>();
        List<FixedPrecisionType> dst = new ArrayList<>();
        for (int k = 0; k < PAIRS; k++) {
            int sw = 1 + rnd.nextInt(40);
            int sf = rnd.nextInt(sw + 8) - 4;
            IntegerPrecisionType it = new IntegerPrecisionType(1 + rnd.nextInt(24), rnd.nextInt(3) != 0);
            src.add(new int[] {sw, sf});
            dst.add(LayerRtl.fixed(it, "test"));
        }
        simulate(src, dst, rnd, (raw, k) -> {
            int sf = src.get(k)[1];
            FixedPrecisionType t = dst.get(k);
            // C: truncation toward zero of raw / 2^sf, then wrap into W bits (signed or not)
            BigInteger q = sf >= 0 ? new java.math.BigDecimal(raw).divide(new java.math.BigDecimal(
                    BigInteger.ONE.shiftLeft(sf))).toBigInteger() : raw.shiftLeft(-sf);
            BigInteger m = q.and(BigInteger.ONE.shiftLeft(t.width()).subtract(BigInteger.ONE));
            if (t.signed() && m.testBit(t.width() - 1)) {
                m = m.subtract(BigInteger.ONE.shiftLeft(t.width()));
            }
            assertEquals(m, FixedPoint.convert(raw, sf, t), () -> "FixedPoint.convert of raw " + raw + " (" + sf
                    + " fractional) to " + t.cppType());
            return m;
        });
    }

    /** Simulates the casts of random values of src[k] into dst[k] under Verilator; each result equals expected. */
    private void simulate(List<int[]> src, List<FixedPrecisionType> dst, Random rnd,
                          java.util.function.BiFunction<BigInteger, Integer, BigInteger> expectedOf) throws Exception {
        String verilator = Tools.require("verilator");
        Verilog vb = new Verilog();
        StringBuilder ports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (int k = 0; k < PAIRS; k++) {
            int sw = src.get(k)[0];
            int sf = src.get(k)[1];
            FixedPrecisionType t = dst.get(k);
            int w = t.width();
            ports.append("    input  wire [").append(sw - 1).append(":0] x").append(k).append(",\n");
            ports.append("    output wire [").append(w - 1).append(":0] y").append(k).append(k == PAIRS - 1 ? "\n" : ",\n");
            body.append("    assign y").append(k).append(" = ").append(vb.cast(new Verilog.Val("x" + k, sw, sf), t))
                    .append(";\n");
        }
        StringBuilder v = new StringBuilder("module cast_test (\n").append(ports).append(");\n");
        v.append(vb.decls()).append(vb.stmts());
        v.append(body).append("endmodule\n");
        Files.writeString(dir.resolve("cast_test.v"), v);

        long[][] xs = new long[PAIRS][VALUES];
        StringBuilder tb = new StringBuilder("""
                #include "Vcast_test.h"
                #include "verilated.h"
                #include <cstdio>
                #include <cstdint>
                int main(int argc, char **argv) {
                    Verilated::commandArgs(argc, argv);
                    Vcast_test *top = new Vcast_test;
                """);
        for (int r = 0; r < VALUES; r++) {
            for (int k = 0; k < PAIRS; k++) {
                int sw = src.get(k)[0];
                long x = rnd.nextLong() & (sw == 64 ? -1L : (1L << sw) - 1);
                if (r < 4) { // edges: 0, max, min, -1
                    long[] edge = {0, (1L << (sw - 1)) - 1, 1L << (sw - 1), (1L << sw) - 1};
                    x = edge[r] & ((1L << sw) - 1);
                }
                xs[k][r] = x;
                tb.append("    top->x").append(k).append(" = ").append(Long.toUnsignedString(x)).append("ULL;\n");
            }
            tb.append("    top->eval();\n");
            for (int k = 0; k < PAIRS; k++) {
                tb.append("    printf(\"%llu\\n\", (unsigned long long)top->y").append(k).append(");\n");
            }
        }
        tb.append("    delete top;\n    return 0;\n}\n");
        Files.writeString(dir.resolve("tb.cpp"), tb);

        Tools.ok(dir, 600, verilator, "--cc", "--exe", "--build", "-j", "1", "-Wall", "-Wno-UNUSEDSIGNAL",
                "-Wno-DECLFILENAME", "--top-module", "cast_test", "-Mdir", "obj", "cast_test.v", "tb.cpp",
                "-CFLAGS", "-O0");
        String out = Tools.ok(dir, 120, dir.resolve("obj/Vcast_test").toString());
        String[] lines = out.trim().split("\n");
        assertEquals(PAIRS * VALUES, lines.length, out);
        int checked = 0;
        for (int r = 0; r < VALUES; r++) {
            for (int k = 0; k < PAIRS; k++) {
                int sw = src.get(k)[0];
                int sf = src.get(k)[1];
                FixedPrecisionType t = dst.get(k);
                BigInteger raw = BigInteger.valueOf(xs[k][r]);
                if (raw.testBit(sw - 1)) {
                    raw = raw.subtract(BigInteger.ONE.shiftLeft(sw));
                }
                BigInteger expected = expectedOf.apply(raw, k);
                BigInteger got = new BigInteger(lines[r * PAIRS + k].trim());
                if (t.signed() && got.testBit(t.width() - 1)) {
                    got = got.subtract(BigInteger.ONE.shiftLeft(t.width()));
                }
                final int kk = k;
                final int rr = r;
                assertEquals(expected, got, () -> "cast of raw " + Long.toUnsignedString(xs[kk][rr])
                        + " (" + sw + " bits, " + sf + " fractional) to " + t.cppType());
                checked++;
            }
        }
        assertEquals(PAIRS * VALUES, checked);
    }
}
