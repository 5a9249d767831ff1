package org.hls4ml.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hls4ml.sim.DatFile;
import org.hls4ml.testing.SharedData;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * qkeras_mnist_dense (QActivation quantized_relu(2) on the input, QDense 784-&gt;20 with quantized_po2(4,1) kernel and
 * quantized_bits(2,0,1) bias, quantized_relu(3,1), QDense 20-&gt;10 with quantized_bits(4,0,1), softmax) in C
 * simulation on random inputs, against an exact forward pass of the quantized model written here from QKeras'
 * definitions and the h5 floats (no float reference exists for it):
 * <ul>
 *   <li>the logits (the model without its softmax) in io_parallel and io_stream with the default ap_fixed&lt;16,6&gt;
 *       accumulators (wrapping like the C++ type);</li>
 *   <li>the logits with {@code accum} and {@code result} of the Dense layers set to {@code auto}: the accumulator is
 *       inferred from the quantizers' types and holds the exact sums;</li>
 *   <li>the whole model with softmax implementation argmax: a one-hot vector at the first largest logit.</li>
 * </ul>
 */
class QKerasMnistDenseCsimTest {

    static final int N = 100;
    static final int IN = 784;
    static final List<String> FAST = List.of("-O0", "-std=c++14", "-Wno-unknown-pragmas");

    @TempDir
    Path out;

    Path inputs;
    List<long[]> x = new ArrayList<>();
    Path h5;

    @BeforeEach
    void inputs() throws Exception {
        h5 = SharedData.model("keras/qkeras_mnist_dense_weights.h5");
        Random r = new Random(784L);
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < N; s++) {
            long[] v = new long[IN];
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < IN; i++) {
                v[i] = r.nextInt(3) == 0 ? 0 : r.nextInt(1024); // pixels in [0, 1) on the 2^-10 grid, a third zero
                sb.append(i == 0 ? "" : " ").append(v[i] / 1024.0);
            }
            x.add(v);
            lines.add(sb.toString());
        }
        inputs = Files.write(out.resolve("mnist_random.dat"), lines);
    }

    /** The model JSON without its final softmax layer. */
    Path logitsModel() throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = (ObjectNode) m.readTree(SharedData.model("keras/qkeras_mnist_dense.json").toFile());
        ArrayNode layers = (ArrayNode) root.get("config").get("layers");
        assertEquals("activation_3", layers.get(layers.size() - 1).get("config").get("name").asText());
        layers.remove(layers.size() - 1);
        ObjectNode config = (ObjectNode) root.get("config");
        if (config.has("output_layers")) {
            assertTrue(config.get("output_layers").toString().contains("activation_3"), config.toString());
            config.set("output_layers", m.readTree("[[\"q_dense_3\", 0, 0]]"));
        }
        Path p = out.resolve("qkeras_mnist_dense_logits.json");
        m.writeValue(p.toFile(), root);
        return p;
    }

    List<double[]> csim(Path json, String io, String project, Path config) throws Exception {
        GenerateRequest.Builder b = GenerateRequest.builder().model(json).weights(h5).outputDirectory(out.resolve(io))
                .projectName(project).ioType(io).inputData(inputs);
        if (config != null) {
            b.config(config);
        } else {
            b.precision("ap_fixed<16,6>");
        }
        GenerateResult g = Hls4ml.generate(b.build(), ProgressListener.NONE);
        CsimReport r = Hls4ml.csim(new CsimOptions(g.projectDir(), null, FAST, null, Duration.ofMinutes(10), null, null),
                ProgressListener.NONE);
        assertEquals(N, r.result().samples());
        List<double[]> y = DatFile.read(g.projectDir().resolve("tb_data/csim_results.log"));
        assertEquals(N, y.size());
        lastDefines = Files.readString(g.projectDir().resolve("firmware/defines.h"));
        return y;
    }

    String lastDefines;

    @Test
    void logitsEqualTheExactForwardPassInBothIoTypes() throws Exception {
        Path json = logitsModel();
        Reference ref = new Reference(h5, true);
        List<double[]> par = csim(json, "io_parallel", "logits", null);
        List<double[]> str = csim(json, "io_stream", "logits", null);
        int distinct = 0;
        for (int s = 0; s < N; s++) {
            double[] expected = ref.logits(x.get(s));
            assertArrayEquals(expected, par.get(s), 0.0, "io_parallel sample " + s);
            assertArrayEquals(expected, str.get(s), 0.0, "io_stream sample " + s);
            distinct += s > 0 && !java.util.Arrays.equals(expected, ref.logits(x.get(0))) ? 1 : 0;
        }
        assertTrue(distinct > N / 2, "the logits hardly depend on the input");
        assertTrue(ref.po2Products > 1000, "too few non-zero po2 products: " + ref.po2Products);
    }

    @Test
    void autoAccumulatorAndResultAreInferredFromTheQuantizers() throws Exception {
        Path yaml = Files.writeString(out.resolve("auto.yml"), """
                HLSConfig:
                  Model:
                    Precision: ap_fixed<16,6>
                  LayerType:
                    Dense:
                      Precision:
                        accum: auto
                        result: auto
                  LayerName:
                    q_activation_3:
                      Precision:
                        result: auto
                    q_dense_3:
                      Precision:
                        weight: auto
                        bias: auto
                """);
        List<double[]> y = csim(logitsModel(), "io_parallel", "autoprec", yaml);
        assertTrue(lastDefines.contains(" q_dense_2_accum_t;") && lastDefines.contains(" q_dense_3_accum_t;"),
                lastDefines);
        assertFalse(lastDefines.contains("typedef ap_fixed<16,6> q_dense_2_accum_t;"), lastDefines);
        // an explicit 'auto' on a quantized variable is its quantizer's type
        assertTrue(lastDefines.contains("typedef ap_ufixed<3,1,AP_RND_CONV,AP_SAT> layer4_t;"), lastDefines);
        assertTrue(lastDefines.contains("typedef ap_fixed<4,1> weight5_t;"), lastDefines);
        assertFalse(lastDefines.contains("typedef ap_fixed<16,6> q_dense_3_accum_t;"), lastDefines);
        Reference ref = new Reference(h5, false);
        for (int s = 0; s < N; s++) {
            assertArrayEquals(ref.logits(x.get(s)), y.get(s), 0.0, "sample " + s + "\n" + lastDefines);
        }
    }

    @Test
    void wholeModelWithArgmaxSoftmaxIsOneHotAtTheLargestLogit() throws Exception {
        Path yaml = Files.writeString(out.resolve("argmax.yml"), """
                HLSConfig:
                  Model:
                    Precision: ap_fixed<16,6>
                  LayerName:
                    activation_3:
                      Implementation: argmax
                """);
        List<double[]> y = csim(SharedData.model("keras/qkeras_mnist_dense.json"), "io_parallel", "full", yaml);
        Reference ref = new Reference(h5, true);
        int[] histogram = new int[10];
        for (int s = 0; s < N; s++) {
            double[] l = ref.logits(x.get(s));
            int best = 0;
            for (int k = 1; k < l.length; k++) {
                if (l[k] > l[best]) {
                    best = k;
                }
            }
            double[] expected = new double[10];
            expected[best] = 1;
            histogram[best]++;
            assertArrayEquals(expected, y.get(s), 0.0, "sample " + s);
        }
        assertTrue(java.util.Arrays.stream(histogram).filter(c -> c > 0).count() >= 2,
                "every sample has the same class: " + java.util.Arrays.toString(histogram));
    }

    /** The quantized model, exactly; {@code wrap16}: accumulators are ap_fixed&lt;16,6&gt; (else exact). */
    static final class Reference {
        final long[][] w2 = new long[IN][20]; // raw, 8 fractional bits
        final long[] b2 = new long[20]; // raw, 1 fractional bit
        final long[][] w3 = new long[20][10]; // raw, 3 fractional bits
        final long[] b3 = new long[10]; // raw, 3 fractional bits
        final boolean wrap16;
        int po2Products;

        Reference(Path h5, boolean wrap16) {
            this.wrap16 = wrap16;
            try (HdfFile f = new HdfFile(h5)) {
                float[][] k2 = (float[][]) f.getDatasetByPath("q_dense_2/q_dense_2/kernel:0").getData();
                float[] c2 = (float[]) f.getDatasetByPath("q_dense_2/q_dense_2/bias:0").getData();
                float[][] k3 = (float[][]) f.getDatasetByPath("q_dense_3/q_dense_3/kernel:0").getData();
                float[] c3 = (float[]) f.getDatasetByPath("q_dense_3/q_dense_3/bias:0").getData();
                for (int i = 0; i < IN; i++) {
                    for (int j = 0; j < 20; j++) {
                        w2[i][j] = Math.round(po2(k2[i][j]) * 256);
                    }
                }
                for (int j = 0; j < 20; j++) {
                    b2[j] = Math.round(symmetric(c2[j], 2) * 2);
                    for (int k = 0; k < 10; k++) {
                        w3[j][k] = Math.round(symmetric(k3[j][k], 4) * 8);
                    }
                }
                for (int k = 0; k < 10; k++) {
                    b3[k] = Math.round(symmetric(c3[k], 4) * 8);
                }
            }
        }

        /** quantized_po2(4, max_value=1): the nearest power of two in the log domain, exponents -8..0. */
        static double po2(float x) {
            double a = Math.abs((double) x);
            double sign = x < 0 ? -1 : 1;
            if (a < 1e-7) {
                return sign / 256;
            }
            a = Math.min(a, 1.0);
            int e = Math.getExponent(a);
            if (a >= Math.scalb(Math.sqrt(2.0), e)) {
                e++;
            }
            return sign * Math.scalb(1.0, Math.max(-8, Math.min(0, e)));
        }

        /** quantized_bits(bits, 0, symmetric=1): steps of 2^(1-bits), clipped to +-(1 - step), ties to even. */
        static double symmetric(float x, int bits) {
            double m = Math.scalb(1.0, bits - 1);
            return Math.max(-(m - 1), Math.min(m - 1, Math.rint(x * m))) / m;
        }

        /** relu, then round half to even from {@code from} to {@code to} fractional bits, saturated at {@code max}. */
        static long reluRndConvSat(long raw, int from, int to, long max) {
            if (raw <= 0) {
                return 0;
            }
            long step = 1L << (from - to);
            long q = Math.floorDiv(raw, step);
            long rem = raw - q * step;
            if (rem * 2 > step || (rem * 2 == step && (q & 1) == 1)) {
                q++;
            }
            return Math.min(q, max);
        }

        long acc(long v) {
            return wrap16 ? (v << 48) >> 48 : v;
        }

        /** Raw logits with 10 fractional bits (ap_fixed<16,6>) or, exact, as doubles. */
        double[] logits(long[] input) {
            long[] a = new long[IN]; // ap_ufixed<2,0,RND_CONV,SAT>: 2 fractional bits, at most 3
            for (int i = 0; i < IN; i++) {
                a[i] = reluRndConvSat(input[i], 10, 2, 3);
            }
            long[] h = new long[20]; // 10 fractional bits
            int products = 0;
            for (int j = 0; j < 20; j++) {
                long s = b2[j] << 9;
                for (int i = 0; i < IN; i++) {
                    s = acc(s + a[i] * w2[i][j]); // 2 + 8 fractional bits
                    products += a[i] != 0 ? 1 : 0;
                }
                h[j] = s;
            }
            po2Products = Math.max(po2Products, products);
            long[] q = new long[20]; // ap_ufixed<3,1,RND_CONV,SAT>: 2 fractional bits, at most 7
            for (int j = 0; j < 20; j++) {
                q[j] = reluRndConvSat(h[j], 10, 2, 7);
            }
            double[] y = new double[10];
            for (int k = 0; k < 10; k++) {
                long s = b3[k] << 7; // 3 -> 10 fractional bits
                for (int j = 0; j < 20; j++) {
                    s = acc(s + ((q[j] * w3[j][k]) << 5)); // 2 + 3 -> 10 fractional bits
                }
                y[k] = s / 1024.0;
            }
            return y;
        }
    }
}
