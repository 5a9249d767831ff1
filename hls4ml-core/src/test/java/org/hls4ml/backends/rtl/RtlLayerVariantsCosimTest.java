package org.hls4ml.backends.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.hls4ml.api.CsimOptions;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.GenerateResult;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.api.SimulationFailureException;
import org.hls4ml.cosim.CosimOptions;
import org.hls4ml.cosim.CosimOutcome;
import org.hls4ml.cosim.CosimReport;
import org.hls4ml.testing.SharedData;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RTL of the layers and layer options the KERAS_3layer acceptance does not reach, against the generated C++: small
 * synthetic Keras models in io_stream (a Dense 16 -> 8 on the first {@value #N} jets of jet16_normal, then the layers
 * under test) go through generate, csim and cosim of the {@link Hls4ml} facade, and the RTL co-simulation's output must
 * equal the C simulation's line for line.
 *
 * <p>Every model costs one g++ and one Verilator build, so the cases share models, each placed where a difference in
 * its output reaches the model's output: argmax, whose one-hot output would hide almost any difference upstream, has
 * a model of its own, as has softmax 'legacy' (a softmax is last in every model).
 * <ul>
 * <li>{@code tables}: Dense + tanh, Dense + sigmoid, BatchNormalization, Dense + relu, Dense, softmax 'stable';
 * ap_fixed&lt;16,6&gt; everywhere.</li>
 * <li>{@code rndsat}: rounding and saturating types (AP_RND, AP_RND_CONV, AP_SAT, AP_SAT_SYM) on the result and
 * accumulator of every layer; Dense with Resource strategy and ReuseFactor 4 (whole input rows per step) and 16
 * (part of a row per step), a linear activation (kept: it changes the precision; its inputs leave its range often),
 * tanh, BatchNormalization, and softmax 'latency' with a saturating accumulator.</li>
 * <li>{@code legacy}: Dense 16 -&gt; 5, softmax 'legacy'.</li>
 * <li>{@code argmax}: Dense + relu, Dense, softmax 'argmax'.</li>
 * <li>{@code acts}: the other activations chained between Dense layers: LeakyReLU, hard_sigmoid, selu,
 * ThresholdedReLU, softplus, ReLU(max_value), elu, ELU(alpha), softsign.</li>
 * </ul>
 */
class RtlLayerVariantsCosimTest {

    static final int N = 300;
    /** The C++ is about numbers here: -O0 keeps the g++ time down. */
    static final List<String> FAST = List.of("-O0", "-std=c++14", "-Wno-unknown-pragmas");

    @TempDir
    static Path data;

    @TempDir
    Path out;

    static Path inputs;

    @BeforeAll
    static void inputs() throws Exception {
        List<String> lines;
        try (Stream<String> s = Files.lines(SharedData.reference("inputs/jet16_normal_n10000.dat"))) {
            lines = s.limit(N).toList();
        }
        assertEquals(N, lines.size());
        inputs = Files.write(data.resolve("jet16_normal_n" + N + ".dat"), lines);
    }

    // ------------------------------------------------------------------------------------------ models

    /** A Keras Sequential model being written: JSON layers and the weights of each layer. */
    static final class Model {
        final String name;
        final Random random;
        final List<String> layers = new ArrayList<>();
        final Map<String, Map<String, Object>> weights = new LinkedHashMap<>();
        int width;

        Model(String name, long seed, int inputs) {
            this.name = name;
            this.random = new Random(seed);
            this.width = inputs;
            layers.add("{\"class_name\": \"InputLayer\", \"config\": {\"name\": \"x\", \"batch_input_shape\": [null, "
                    + inputs + "]}}");
        }

        Model dense(String layer, int units, String activation, float scale) {
            layers.add("{\"class_name\": \"Dense\", \"config\": {\"name\": \"" + layer + "\", \"units\": " + units
                    + ", \"activation\": \"" + activation + "\", \"use_bias\": true}}");
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("kernel", matrix(width, units, scale));
            w.put("bias", matrix(1, units, scale / 2)[0]);
            weights.put(layer, w);
            width = units;
            return this;
        }

        Model activation(String layer, String activation) {
            layers.add("{\"class_name\": \"Activation\", \"config\": {\"name\": \"" + layer + "\", \"activation\": \""
                    + activation + "\"}}");
            return this;
        }

        /** A layer without weights, given as its JSON object. */
        Model layer(String json) {
            layers.add(json);
            return this;
        }

        /** Moving statistics and affine parameters away from the identity, so the scale and bias are not trivial. */
        Model batchNorm(String layer) {
            layers.add("{\"class_name\": \"BatchNormalization\", \"config\": {\"name\": \"" + layer
                    + "\", \"axis\": -1, \"epsilon\": 0.001, \"center\": true, \"scale\": true}}");
            Map<String, Object> w = new LinkedHashMap<>();
            float[] gamma = new float[width];
            float[] beta = new float[width];
            float[] mean = new float[width];
            float[] variance = new float[width];
            for (int i = 0; i < width; i++) {
                gamma[i] = 0.5f + 1.5f * random.nextFloat();
                beta[i] = random.nextFloat() - 0.5f;
                mean[i] = 0.4f * (random.nextFloat() - 0.5f);
                variance[i] = 0.05f + 0.5f * random.nextFloat();
            }
            w.put("gamma", gamma);
            w.put("beta", beta);
            w.put("moving_mean", mean);
            w.put("moving_variance", variance);
            weights.put(layer, w);
            return this;
        }

        /** The outputs of Dense {@code layer} (the first layer) on the test inputs, in double precision. */
        List<double[]> denseOutputs(String layer) throws Exception {
            float[][] w = (float[][]) weights.get(layer).get("kernel");
            float[] b = (float[]) weights.get(layer).get("bias");
            List<double[]> out = new ArrayList<>();
            for (String line : Files.readAllLines(inputs)) {
                String[] x = line.trim().split("\\s+");
                double[] y = new double[b.length];
                for (int j = 0; j < b.length; j++) {
                    y[j] = b[j];
                    for (int i = 0; i < x.length; i++) {
                        y[j] += Double.parseDouble(x[i]) * w[i][j];
                    }
                }
                out.add(y);
            }
            return out;
        }

        float[][] matrix(int rows, int cols, float scale) {
            float[][] m = new float[rows][cols];
            for (float[] row : m) {
                for (int j = 0; j < cols; j++) {
                    row[j] = (random.nextFloat() * 2 - 1) * scale;
                }
            }
            return m;
        }

        Path json(Path dir) throws Exception {
            return Files.writeString(dir.resolve(name + ".json"), "{\"class_name\": \"Sequential\", \"config\": {"
                    + "\"name\": \"" + name + "\", \"layers\": [\n  " + String.join(",\n  ", layers) + "]}}\n");
        }

        /** Keras-2-style weights: group LAYER with weight_names, datasets LAYER/LAYER/KEY:0. */
        Path h5(Path dir) {
            Path file = dir.resolve(name + "_weights.h5");
            try (WritableHdfFile f = HdfFile.write(file)) {
                f.putAttribute("layer_names", weights.keySet().toArray(new String[0]));
                for (var layer : weights.entrySet()) {
                    WritableGroup g = f.putGroup(layer.getKey());
                    g.putAttribute("weight_names", layer.getValue().keySet().stream()
                            .map(k -> layer.getKey() + "/" + k + ":0").toArray(String[]::new));
                    WritableGroup inner = g.putGroup(layer.getKey());
                    layer.getValue().forEach((k, v) -> inner.putDataset(k + ":0", v));
                }
            }
            return file;
        }
    }

    /**
     * Generates the model in io_stream (ap_fixed&lt;16,6&gt; unless the configuration says otherwise), runs csim and
     * cosim, and checks that the RTL co-simulation equals the C simulation line for line.
     */
    void cosimEqualsCsim(Model m, String hlsConfig) throws Exception {
        String keep = System.getProperty("hls4ml.rtl.keep"); // debugging: keep the generated projects there
        if (keep != null && !keep.isBlank()) {
            out = Files.createDirectories(Path.of(keep, m.name));
        }
        Path config = Files.writeString(out.resolve(m.name + ".yml"), "HLSConfig:\n" + hlsConfig);
        cosimEqualsCsim(m.name, GenerateRequest.builder().model(m.json(out)).weights(m.h5(out)).config(config)
                .outputDirectory(out).projectName(m.name).ioType("io_stream").precision("ap_fixed<16,6>")
                .inputData(inputs).build(), N, "RtlLayerVariantsCosimTest");
    }

    /**
     * Generates the request's project (io_stream, {@code n} input samples), runs csim and cosim, and checks that the
     * RTL co-simulation equals the C simulation line for line; prints the timings after {@code [tag]}.
     */
    static void cosimEqualsCsim(String name, GenerateRequest request, int n, String tag) throws Exception {
        long t0 = System.nanoTime();
        GenerateResult g = Hls4ml.generate(request, ProgressListener.NONE);
        Path prj = g.projectDir();
        long t1 = System.nanoTime();
        Hls4ml.csim(new CsimOptions(prj, null, FAST, null, Duration.ofMinutes(5), null, null), ProgressListener.NONE);
        long t2 = System.nanoTime();
        Path csim = prj.resolve("tb_data/csim_results.log");
        Path rtl = prj.resolve("tb_data/rtl_cosim_results.log");
        CosimOutcome o;
        try {
            o = Hls4ml.cosim(new CosimOptions(prj, null, null, null, Duration.ofMinutes(5), null, null, false),
                    ProgressListener.NONE);
        } catch (SimulationFailureException e) {
            // show the first sample that differs, with the layers of the model
            throw new AssertionError(name + ": " + e.getMessage() + "\n" + firstDifference(csim, rtl) + "\nlayers: "
                    + Files.readString(prj.resolve("firmware/" + name + ".cpp")).lines()
                    .filter(l -> l.contains("nnet::")).map(String::trim).toList(), e);
        }
        long t3 = System.nanoTime();
        List<String> expected = Files.readAllLines(csim);
        List<String> actual = Files.readAllLines(rtl);
        assertEquals(n, expected.size());
        assertEquals(n, actual.size(), name);
        for (int i = 0; i < n; i++) {
            assertEquals(expected.get(i), actual.get(i), name + ": sample " + (i + 1));
        }
        CosimReport r = o.cosim().report();
        assertEquals(n, r.samples());
        assertTrue(o.cosim().built());
        System.out.printf(Locale.ROOT, "[%s] %s: %d samples equal; latency %d cycles, interval %.2f; generate %.1f s,"
                        + " csim %.1f s, cosim (Verilator build + run) %.1f s%n", tag, name, n, r.latencyCycles(),
                r.intervalCycles(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }

    static String firstDifference(Path a, Path b) throws Exception {
        if (!Files.isRegularFile(b)) {
            return "(no " + b.getFileName() + ")";
        }
        List<String> x = Files.readAllLines(a);
        List<String> y = Files.readAllLines(b);
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            if (!x.get(i).equals(y.get(i))) {
                return "sample " + (i + 1) + ":\n  csim: " + x.get(i) + "\n  rtl:  " + y.get(i);
            }
        }
        return x.size() == y.size() ? "no line differs" : "csim has " + x.size() + " lines, rtl " + y.size();
    }

    // ------------------------------------------------------------------------------------------ cases

    @Test
    void tanhSigmoidBatchNormReluLinearAndSoftmaxStable() throws Exception {
        Model m = new Model("tables", 11L, 16)
                .dense("d1", 8, "tanh", 0.5f)
                .dense("d2", 8, "sigmoid", 1.5f)
                .batchNorm("bn")
                .dense("d3", 8, "relu", 1.0f)
                .dense("d4", 5, "linear", 1.5f)
                .activation("sm", "softmax");
        cosimEqualsCsim(m, """
                  Model:
                    Precision: ap_fixed<16,6>
                """);
    }

    @Test
    void roundingSaturatingTypesResourceDenseAndSoftmaxLatency() throws Exception {
        Model m = new Model("rndsat", 12L, 16)
                .dense("d1", 8, "linear", 1.2f)
                .activation("lin", "linear")
                .dense("d2", 8, "tanh", 1.0f)
                .batchNorm("bn")
                .dense("d3", 5, "linear", 1.0f)
                .activation("sm", "softmax");
        cosimEqualsCsim(m, """
                  Model:
                    Precision: ap_fixed<16,6>
                  LayerName:
                    d1:
                      Strategy: Resource
                      ReuseFactor: 4
                      Precision:
                        accum: ap_fixed<14,5,AP_RND,AP_SAT>
                        result: ap_fixed<12,4,AP_RND,AP_SAT>
                    lin:
                      Precision:
                        result: ap_fixed<10,3,AP_RND_CONV,AP_SAT_SYM>
                    d2:
                      Strategy: Resource
                      ReuseFactor: 16
                      Precision:
                        accum: ap_fixed<12,4,AP_RND,AP_SAT>
                        result: ap_fixed<12,4,AP_RND,AP_SAT>
                    d2_tanh:
                      Precision:
                        result: ap_fixed<10,2,AP_RND,AP_SAT>
                    bn:
                      Precision:
                        result: ap_fixed<12,4,AP_RND,AP_SAT>
                    d3:
                      Precision:
                        accum: ap_fixed<14,6,AP_RND,AP_SAT>
                        result: ap_fixed<12,5,AP_RND,AP_SAT>
                    sm:
                      Implementation: latency
                      Precision:
                        accum: ap_fixed<18,8,AP_RND,AP_SAT>
                        result: ap_fixed<12,2,AP_RND,AP_SAT>
                """);
        // the saturating paths are taken: d1's outputs leave lin's range [-4, 4) often (in double precision)
        double outside = m.denseOutputs("d1").stream().flatMapToDouble(java.util.Arrays::stream)
                .filter(y -> y < -4 || y >= 4).count() / (N * 8.0);
        assertTrue(outside > 0.02, "d1 outputs outside [-4, 4): " + outside);
    }

    @Test
    void softmaxLegacy() throws Exception {
        // five values: n (n - 1) = 20 exp lookups (eight would be 56, each a ROM instance to compile)
        Model m = new Model("legacy", 13L, 16)
                .dense("d1", 5, "linear", 0.7f)
                .activation("sm", "softmax");
        cosimEqualsCsim(m, """
                  Model:
                    Precision: ap_fixed<16,6>
                  LayerName:
                    sm:
                      Implementation: legacy
                """);
    }

    @Test
    void softmaxArgmax() throws Exception {
        Model m = new Model("argmax", 14L, 16)
                .dense("d1", 8, "relu", 0.7f)
                .dense("d2", 5, "linear", 1.0f)
                .activation("sm", "softmax");
        cosimEqualsCsim(m, """
                  Model:
                    Precision: ap_fixed<16,6>
                  LayerName:
                    sm:
                      Implementation: argmax
                """);
    }

    @Test
    void leakyHardSigmoidSeluThresholdedSoftplusClippedEluSoftsign() throws Exception {
        Model m = new Model("acts", 15L, 16)
                .dense("d1", 8, "linear", 1.5f)
                .layer("{\"class_name\": \"LeakyReLU\", \"config\": {\"name\": \"leaky\", \"alpha\": 0.3}}")
                .dense("d2", 8, "hard_sigmoid", 2.0f)
                .dense("d3", 8, "selu", 2.0f)
                .layer("{\"class_name\": \"ThresholdedReLU\", \"config\": {\"name\": \"thr\", \"theta\": 0.4}}")
                .dense("d4", 8, "softplus", 1.5f)
                .layer("{\"class_name\": \"ReLU\", \"config\": {\"name\": \"clip\", \"max_value\": 1.5}}")
                .dense("d5", 8, "elu", 2.0f)
                .layer("{\"class_name\": \"ELU\", \"config\": {\"name\": \"elu2\", \"alpha\": 0.7}}")
                .dense("d6", 8, "softsign", 2.0f)
                .dense("d7", 5, "linear", 1.0f);
        cosimEqualsCsim(m, """
                  Model:
                    Precision: ap_fixed<16,6>
                """);
    }
}
