package org.hls4ml.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hls4ml.sim.DatFile;
import org.hls4ml.testing.KerasModelFiles;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small QKeras model chaining the binary, ternary and power-of-two quantizers, in C simulation (io_parallel and
 * io_stream, bit-identical) against an exact forward pass written here from QKeras' definitions:
 * <pre>
 * input(8) -> QDense(6, kernel binary(), bias quantized_bits(4,0,1)) -> QActivation ternary(threshold=0.3)
 *   -> QDense(6, kernel ternary(threshold=0.4), no bias) -> BatchNormalization -> QActivation binary()
 *   -> QDense(4, kernel ternary(), no bias) -> QDense(3, kernel quantized_po2(5,4), no bias)
 * </pre>
 * The normalization and the binary QActivation are fused into thresholds (hls4ml's BatchNormalizationQuantizedTanh);
 * the ternary QDense after them sums integers.
 */
class QKerasBinaryTernaryCsimTest {

    static final int N = 300;
    static final int F = 10;
    static final List<String> FAST = List.of("-O0", "-std=c++14", "-Wno-unknown-pragmas");

    @TempDir
    Path out;

    static String qdense(String name, int units, String kernel, String bias) {
        return "{\"class_name\": \"QDense\", \"config\": {\"name\": \"" + name + "\", \"units\": " + units
                + ", \"activation\": \"linear\", \"use_bias\": " + (bias != null) + ", \"kernel_quantizer\": \""
                + kernel + "\", \"bias_quantizer\": " + (bias == null ? "null" : "\"" + bias + "\"") + "}}";
    }

    static String qact(String name, String q) {
        return "{\"class_name\": \"QActivation\", \"config\": {\"name\": \"" + name + "\", \"activation\": \"" + q
                + "\"}}";
    }

    @Test
    void binaryTernaryPo2ChainEqualsTheExactForwardPass() throws Exception {
        Random r = new Random(77L);
        float[][] k1 = KerasModelFiles.randomMatrix(r, 8, 6, 1.5f);
        float[] b1 = KerasModelFiles.randomMatrix(r, 1, 6, 1f)[0];
        float[][] k2 = KerasModelFiles.randomMatrix(r, 6, 6, 1f);
        float[][] k3 = KerasModelFiles.randomMatrix(r, 6, 4, 1f);
        float[][] k4 = KerasModelFiles.randomMatrix(r, 4, 3, 6f);
        k1[0][0] = 0f; // binary(): sign 0 counts as +1
        float[] gamma = new float[6];
        float[] beta = new float[6];
        float[] mean = new float[6];
        float[] var = new float[6];
        for (int i = 0; i < 6; i++) {
            gamma[i] = 0.5f + 1.5f * r.nextFloat();
            beta[i] = r.nextFloat() * 2 - 1;
            mean[i] = r.nextFloat() * 4 - 2;
            var[i] = 0.5f + 1.5f * r.nextFloat();
        }
        Map<String, Map<String, Object>> w = new LinkedHashMap<>();
        w.put("q1", Map.of("kernel", k1, "bias", b1));
        w.put("q2", Map.of("kernel", k2));
        w.put("bn", Map.of("gamma", gamma, "beta", beta, "moving_mean", mean, "moving_variance", var));
        w.put("q3", Map.of("kernel", k3));
        w.put("q4", Map.of("kernel", k4));
        KerasModelFiles.Model m = KerasModelFiles.sequential(out, "qbt", new int[] {8}, List.of(
                qdense("q1", 6, "binary()", "quantized_bits(4,0,1)"),
                qact("a1", "ternary(threshold=0.3)"),
                qdense("q2", 6, "ternary(threshold=0.4)", null),
                "{\"class_name\": \"BatchNormalization\", \"config\": {\"name\": \"bn\", \"axis\": -1, \"epsilon\":"
                        + " 0.001, \"center\": true, \"scale\": true}}",
                qact("a2", "binary()"),
                qdense("q3", 4, "ternary()", null),
                qdense("q4", 3, "quantized_po2(5,4)", null)), w);

        List<String> lines = new ArrayList<>();
        List<long[]> x = new ArrayList<>();
        for (int s = 0; s < N; s++) {
            long[] v = new long[8];
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                v[i] = r.nextInt(4 << F) - (2 << F);
                sb.append(i == 0 ? "" : " ").append(v[i] / (double) (1 << F));
            }
            x.add(v);
            lines.add(sb.toString());
        }
        Path inputs = Files.write(out.resolve("in.dat"), lines);

        List<double[]> par = null;
        for (String io : List.of("io_parallel", "io_stream")) {
            GenerateResult g = Hls4ml.generate(GenerateRequest.builder().model(m.json()).weights(m.weights())
                    .outputDirectory(out.resolve(io)).projectName("qbt").ioType(io).precision("ap_fixed<16,6>")
                    .inputData(inputs).build(), ProgressListener.NONE);
            String cpp = Files.readString(g.projectDir().resolve("firmware/qbt.cpp"));
            assertTrue(cpp.contains("nnet::normalize_binary_tanh<") && !cpp.contains("nnet::normalize<"), cpp);
            String defines = Files.readString(g.projectDir().resolve("firmware/defines.h"));
            assertTrue(defines.contains("typedef ap_int<5> "), "q3 sums in ap_int<ceil(log2 6)+2>:\n" + defines);
            assertTrue(defines.contains("typedef ap_fixed<12,4> "), "po2(5,4) weights:\n" + defines);
            Hls4ml.csim(new CsimOptions(g.projectDir(), null, FAST, null, Duration.ofMinutes(5), null, null),
                    ProgressListener.NONE);
            List<double[]> y = DatFile.read(g.projectDir().resolve("tb_data/csim_results.log"));
            assertEquals(N, y.size());
            if (par == null) {
                par = y;
            } else {
                for (int s = 0; s < N; s++) {
                    assertArrayEquals(par.get(s), y.get(s), "io_stream sample " + s);
                }
            }
        }

        // the exact forward pass
        int[] seen = new int[3];
        int distinct = 0;
        double[] first = null;
        for (int s = 0; s < N; s++) {
            long[] v = x.get(s);
            long[] h1 = new long[6];
            for (int j = 0; j < 6; j++) {
                double bq = Math.max(-7, Math.min(7, Math.rint(b1[j] * 8.0))) / 8.0; // quantized_bits(4,0,1)
                long acc = Math.round(bq * (1 << F));
                for (int i = 0; i < 8; i++) {
                    acc += v[i] * (k1[i][j] >= 0 ? 1 : -1);
                }
                h1[j] = wrap16(acc);
            }
            long t = (long) Math.floor(0.3 * (1 << F)); // the threshold in param_t ap_fixed<16,6>
            long[] a1 = new long[6];
            for (int j = 0; j < 6; j++) {
                a1[j] = h1[j] > t ? 1 : h1[j] <= -t ? -1 : 0;
                seen[(int) a1[j] + 1]++;
            }
            long[] a2 = new long[6];
            for (int j = 0; j < 6; j++) {
                long acc = 0;
                for (int i = 0; i < 6; i++) {
                    acc += a1[i] * (Math.abs(k2[i][j]) >= 0.4f ? (long) Math.signum(k2[i][j]) : 0);
                }
                float sc = gamma[j] / (float) Math.sqrt(var[j] + 0.001f);
                float bi = beta[j] - mean[j] * sc;
                a2[j] = acc > -(double) bi / sc ? 1 : -1; // scale * x + bias > 0
            }
            long[] h3 = new long[4];
            for (int j = 0; j < 4; j++) {
                for (int i = 0; i < 6; i++) {
                    h3[j] += a2[i] * (Math.abs(k3[i][j]) >= 0.33f ? (long) Math.signum(k3[i][j]) : 0);
                }
            }
            double[] y = new double[3];
            for (int j = 0; j < 3; j++) {
                long acc = 0;
                for (int i = 0; i < 4; i++) {
                    acc += h3[i] * Math.round(po2(k4[i][j]) * (1 << F));
                }
                y[j] = wrap16(acc) / (double) (1 << F);
            }
            assertArrayEquals(y, par.get(s), 0.0, "sample " + s);
            if (first == null) {
                first = y;
            } else if (!java.util.Arrays.equals(first, y)) {
                distinct++;
            }
        }
        assertTrue(seen[0] > 0 && seen[1] > 0 && seen[2] > 0, "ternary outputs " + java.util.Arrays.toString(seen));
        assertTrue(distinct > N / 3, "outputs hardly depend on the input");
    }

    /**
     * QConv1D (8 x 2 input, 4 filters of width 3, valid) with a ternary(threshold=0.25) kernel and a binary() bias, in
     * both IO types, against the exact convolution of the quantized weights.
     */
    @Test
    void ternaryKernelBinaryBiasConv1D() throws Exception {
        Random r = new Random(78L);
        float[][][] k = new float[3][2][4];
        for (float[][] a : k) {
            for (float[] b : a) {
                for (int f = 0; f < 4; f++) {
                    b[f] = r.nextFloat() - 0.5f;
                }
            }
        }
        float[] bias = {0.3f, -0.2f, 0f, -1e-6f};
        KerasModelFiles.Model m = KerasModelFiles.sequential(out, "qconv", new int[] {8, 2}, List.of(
                "{\"class_name\": \"QConv1D\", \"config\": {\"name\": \"qc\", \"filters\": 4, \"kernel_size\": [3],"
                        + " \"strides\": [1], \"padding\": \"valid\", \"activation\": \"linear\", \"use_bias\": true,"
                        + " \"kernel_quantizer\": \"ternary(threshold=0.25)\", \"bias_quantizer\": \"binary()\"}}"),
                Map.of("qc", Map.of("kernel", k, "bias", bias)));
        List<String> lines = new ArrayList<>();
        List<long[]> x = new ArrayList<>();
        for (int s = 0; s < N; s++) {
            long[] v = new long[16];
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                v[i] = r.nextInt(8 << F) - (4 << F);
                sb.append(i == 0 ? "" : " ").append(v[i] / (double) (1 << F));
            }
            x.add(v);
            lines.add(sb.toString());
        }
        Path inputs = Files.write(out.resolve("conv_in.dat"), lines);
        for (String io : List.of("io_parallel", "io_stream")) {
            GenerateResult g = Hls4ml.generate(GenerateRequest.builder().model(m.json()).weights(m.weights())
                    .outputDirectory(out.resolve(io)).projectName("qconv").ioType(io).precision("ap_fixed<16,6>")
                    .inputData(inputs).build(), ProgressListener.NONE);
            Hls4ml.csim(new CsimOptions(g.projectDir(), null, FAST, null, Duration.ofMinutes(5), null, null),
                    ProgressListener.NONE);
            List<double[]> y = DatFile.read(g.projectDir().resolve("tb_data/csim_results.log"));
            assertEquals(N, y.size());
            int zeros = 0;
            for (int s = 0; s < N; s++) {
                double[] expected = new double[6 * 4];
                for (int o = 0; o < 6; o++) {
                    for (int f = 0; f < 4; f++) {
                        long acc = (bias[f] >= 0 ? 1L : -1L) << F; // binary(): sign 0 counts as +1
                        for (int t = 0; t < 3; t++) {
                            for (int c = 0; c < 2; c++) {
                                float w = k[t][c][f];
                                long q = Math.abs(w) >= 0.25f ? (long) Math.signum(w) : 0;
                                zeros += q == 0 ? 1 : 0;
                                acc += x.get(s)[(o + t) * 2 + c] * q;
                            }
                        }
                        expected[o * 4 + f] = wrap16(acc) / (double) (1 << F);
                    }
                }
                assertArrayEquals(expected, y.get(s), 0.0, io + " sample " + s);
            }
            assertTrue(zeros > 0 && zeros < N * 6 * 4 * 6, "the ternary kernel has no zero or only zeros");
        }
    }

    static long wrap16(long raw) {
        return (raw << 48) >> 48;
    }

    /** quantized_po2(5, max_value=4): exponent sign bit (max_value &gt; 1), exponents -8..7, values capped at 4. */
    static double po2(float x) {
        double a = Math.abs((double) x);
        double sign = x < 0 ? -1 : 1;
        if (a < 1e-7) {
            return sign / 256;
        }
        a = Math.min(a, 4.0);
        int e = Math.getExponent(a);
        if (a >= Math.scalb(Math.sqrt(2.0), e)) {
            e++;
        }
        return sign * Math.scalb(1.0, Math.max(-8, Math.min(7, e)));
    }
}
