package org.hls4ml.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.hls4ml.sim.DatFile;
import org.hls4ml.testing.SharedData;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BinaryDense / TernaryDense models of shared/models/keras (no float reference exists for them) through generation
 * and C simulation in io_parallel and io_stream on random inputs: both IO types agree bit for bit and equal the exact
 * forward pass of the quantized model computed here from the h5 floats. That pass is written from hls4ml's
 * definitions, not from the converter:
 * <ul>
 *   <li>BinaryDense weights: w &gt; 0 ? 1 : -1; TernaryDense: w &gt; 0.5 ? 1 : w &lt;= -0.5 ? -1 : 0;</li>
 *   <li>BatchNormalization (float32, as Keras/hls4ml compute it): scale = gamma / sqrt(var + eps),
 *       bias = beta - mean * scale;</li>
 *   <li>BatchNormalization + binary_tanh (fused by hls4ml): scale * x + bias &gt; 0, i.e. x &gt; -bias / scale, gives 1,
 *       else -1; + ternary_tanh: x &gt; (0.5 - bias) / scale gives 1, x &lt;= (-0.5 - bias) / scale gives -1, else 0;</li>
 *   <li>sums of products exact (binary/ternary inputs and weights give integers; otherwise in ap_fixed&lt;16,6&gt;,
 *       truncated/wrapped like the C++ types);</li>
 *   <li>an unfused BatchNormalization (the last layer, or before relu1) in fixed point: scale and bias as written to
 *       the weight headers (10 decimals) then truncated to ap_fixed&lt;16,6&gt;, x * scale + bias exact, truncated to
 *       ap_fixed&lt;16,6&gt;; relu1 = min(max(x, 0), 1).</li>
 * </ul>
 */
class BinaryTernaryModelsCsimTest {

    static final int N = 300;
    static final int IN = 16;
    static final int F = 10; // fractional bits of ap_fixed<16,6>
    static final List<String> FAST = List.of("-O0", "-std=c++14", "-Wno-unknown-pragmas");

    @TempDir
    Path out;

    /** One model: its dense and batch-norm layer names, the activation between them, the epsilon. */
    record Spec(String name, String[] dense, String[] bn, String act, boolean ternary, double eps) {
    }

    static final String[] DENSE = {"fc1", "fc2", "fc3", "output"};
    static final String[] BN = {"bn1", "bn2", "bn3", "bn"};

    @Test
    void binarySmaller() throws Exception {
        run(new Spec("KERAS_3layer_binary_smaller", DENSE, BN, "binary_tanh", false, 1e-6));
    }

    @Test
    void ternarySmall() throws Exception {
        run(new Spec("KERAS_3layer_ternary_small", DENSE, BN, "ternary_tanh", true, 1e-6));
    }

    @Test
    void binaryDenseReluMax() throws Exception {
        run(new Spec("KERAS_3layer_binarydense_relu_max", DENSE, BN, "relu1", false, 1e-6));
    }

    @Test
    void kerasBnn() throws Exception {
        run(new Spec("keras_bnn", new String[] {"binary_dense_2", "binary_dense_4", "binary_dense_6", "binary_dense_8"},
                new String[] {"batch_normalization_1", "batch_normalization_2", "batch_normalization_3",
                        "batch_normalization_4"}, "binary_tanh", false, 1e-4));
    }

    void run(Spec spec) throws Exception {
        Path json = SharedData.model("keras/" + spec.name() + ".json");
        Path h5 = SharedData.model("keras/" + spec.name() + "_weights.h5");
        Random r = new Random(spec.name().hashCode());
        List<String> lines = new ArrayList<>();
        List<long[]> x = new ArrayList<>();
        for (int s = 0; s < N; s++) {
            long[] v = new long[IN];
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < IN; i++) {
                v[i] = Math.round(r.nextGaussian() * 1.5 * (1 << F)); // on the 2^-10 grid, well inside +-32
                sb.append(i == 0 ? "" : " ").append(v[i] / (double) (1 << F));
            }
            x.add(v);
            lines.add(sb.toString());
        }
        Path inputs = Files.write(out.resolve("inputs.dat"), lines);

        List<double[]> parallel = null;
        for (String io : List.of("io_parallel", "io_stream")) {
            GenerateResult g = Hls4ml.generate(GenerateRequest.builder().model(json).weights(h5)
                    .outputDirectory(out.resolve(io)).projectName("bnn").ioType(io).precision("ap_fixed<16,6>")
                    .inputData(inputs).build(), ProgressListener.NONE);
            String cpp = Files.readString(g.projectDir().resolve("firmware/bnn.cpp"));
            boolean fused = !spec.act().equals("relu1");
            String call = spec.ternary() ? "nnet::normalize_ternary_tanh" : "nnet::normalize_binary_tanh";
            assertEquals(fused ? 3 : 0, count(cpp, call), "fused thresholding calls in\n" + cpp);
            assertEquals(fused ? 1 : 4, count(cpp, "nnet::normalize<"), "plain normalizations in\n" + cpp);
            if (fused) {
                assertFalse(cpp.contains("nnet::binary_tanh<") || cpp.contains("nnet::ternary_tanh<"), cpp);
            }
            CsimReport rep = Hls4ml.csim(new CsimOptions(g.projectDir(), null, FAST, null, Duration.ofMinutes(5), null,
                    null), ProgressListener.NONE);
            assertEquals(N, rep.result().samples());
            List<double[]> y = DatFile.read(g.projectDir().resolve("tb_data/csim_results.log"));
            assertEquals(N, y.size());
            if (parallel == null) {
                parallel = y;
            } else {
                for (int s = 0; s < N; s++) {
                    assertArrayEquals(parallel.get(s), y.get(s), spec.name() + ": io_stream differs, sample " + s);
                }
            }
        }

        Reference ref = new Reference(h5, spec);
        int different = 0;
        double[] first = null;
        for (int s = 0; s < N; s++) {
            double[] expected = ref.forward(x.get(s));
            assertArrayEquals(expected, parallel.get(s), 0.0, spec.name() + ": sample " + s + " input "
                    + Arrays.toString(x.get(s)));
            if (first == null) {
                first = expected;
            } else if (!Arrays.equals(first, expected)) {
                different++;
            }
        }
        assertTrue(different > N / 2, spec.name() + ": the outputs hardly depend on the input ("
                + different + " of " + N + " differ from the first)");
        assertTrue(ref.flips > N, spec.name() + ": the thresholds decided too few values");
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** The exact forward pass; values are raw integers with {@value #F} fractional bits or plain integers. */
    static final class Reference {
        final Spec spec;
        final float[][][] kernels = new float[4][][];
        final float[][][] bn = new float[4][][]; // gamma, beta, mean, variance
        int flips;

        Reference(Path h5, Spec spec) {
            this.spec = spec;
            try (HdfFile f = new HdfFile(h5)) {
                for (int l = 0; l < 4; l++) {
                    kernels[l] = floats2(f.getDatasetByPath(spec.dense()[l] + "/" + spec.dense()[l] + "/kernel:0")
                            .getData());
                    String b = spec.bn()[l];
                    bn[l] = new float[4][];
                    String[] keys = {"gamma", "beta", "moving_mean", "moving_variance"};
                    for (int k = 0; k < 4; k++) {
                        bn[l][k] = floats(f.getDatasetByPath(b + "/" + b + "/" + keys[k] + ":0").getData());
                    }
                }
            }
        }

        /** keras_bnn stores float64 arrays; the converter (and Keras at inference) use them as float32. */
        static float[] floats(Object data) {
            if (data instanceof float[] f) {
                return f;
            }
            double[] d = (double[]) data;
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }

        static float[][] floats2(Object data) {
            if (data instanceof float[][] f) {
                return f;
            }
            double[][] d = (double[][]) data;
            float[][] f = new float[d.length][];
            for (int i = 0; i < d.length; i++) {
                f[i] = floats(d[i]);
            }
            return f;
        }

        double weight(float w) {
            if (spec.ternary()) {
                return w > 0.5f ? 1 : w <= -0.5f ? -1 : 0;
            }
            return w > 0 ? 1 : -1;
        }

        float scale(int l, int k) {
            return bn[l][0][k] / (float) Math.sqrt(bn[l][3][k] + (float) spec.eps());
        }

        float bias(int l, int k, float scale) {
            return bn[l][1][k] - bn[l][2][k] * scale;
        }

        /** Raw of ap_fixed<16,6> from a weight as the header prints it: 10 decimals, then truncated. */
        static long headerFixed(float v) {
            double printed = new BigDecimal(v).setScale(F, RoundingMode.HALF_EVEN).doubleValue();
            return (long) Math.floor(printed * (1 << F));
        }

        static long wrap16(long raw) {
            return (raw << 48) >> 48;
        }

        double[] forward(long[] input) {
            long[] v = input.clone(); // frac F
            int frac = F;
            for (int l = 0; l < 4; l++) {
                float[][] w = kernels[l];
                int nOut = w[0].length;
                long[] sum = new long[nOut];
                for (int j = 0; j < nOut; j++) {
                    long acc = 0;
                    for (int i = 0; i < v.length; i++) {
                        acc += v[i] * (long) weight(w[i][j]);
                    }
                    sum[j] = frac == F ? wrap16(acc) : acc; // ap_fixed<16,6> accumulator, or an exact integer
                }
                boolean last = l == 3;
                if (!last && !spec.act().equals("relu1")) {
                    // fused normalization + binary/ternary tanh, in real arithmetic on the float32 scale and bias
                    long[] next = new long[nOut];
                    for (int k = 0; k < nOut; k++) {
                        float s = scale(l, k);
                        float b = bias(l, k, s);
                        double value = sum[k] / Math.scalb(1.0, frac);
                        double t = -(double) b / s;
                        if (spec.ternary()) {
                            double hi = 0.5 / s + t;
                            double lo = -0.5 / s + t;
                            next[k] = value > hi ? 1 : value <= lo ? -1 : 0;
                        } else {
                            next[k] = value > t ? 1 : -1;
                        }
                        flips += next[k] > 0 ? 1 : 0;
                    }
                    v = next;
                    frac = 0;
                    continue;
                }
                // fixed-point normalization: x * scale + bias exact, truncated to 10 fractional bits, wrapped
                long[] y = new long[nOut];
                for (int k = 0; k < nOut; k++) {
                    float s = scale(l, k);
                    long sr = headerFixed(s);
                    long br = headerFixed(bias(l, k, s));
                    long exact = sum[k] * sr + (br << frac); // frac + F fractional bits
                    y[k] = wrap16(Math.floorDiv(exact, 1L << frac));
                }
                if (last) {
                    double[] res = new double[nOut];
                    for (int k = 0; k < nOut; k++) {
                        res[k] = y[k] / Math.scalb(1.0, F);
                    }
                    return res;
                }
                // relu1: relu_max with max 1 (exact in param_t)
                for (int k = 0; k < nOut; k++) {
                    y[k] = Math.max(0, Math.min(1L << F, y[k]));
                    flips += y[k] > 0 && y[k] < (1L << F) ? 1 : 0;
                }
                v = y;
                frac = F;
            }
            throw new AssertionError("unreachable");
        }
    }
}
