package org.hls4ml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.hls4ml.testing.KerasModelFiles.randomMatrix;
import static org.hls4ml.testing.KerasModelFiles.writeWeights;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hls4ml.sim.DatFile;
import org.hls4ml.sim.PredictionComparison;
import org.hls4ml.testing.SharedData;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real C simulations of Dense variants and of the other layers' options on the first 500 samples of
 * jet16_normal_n10000: Resource/Latency with several reuse factors bit for bit against hls4ml's own C simulation, an
 * invalid reuse factor corrected with a warning, the softmax implementations, sigmoid/tanh tables against a double
 * forward pass, batch normalization in both IO types against the float reference, and the Vitis project.
 *
 * <p>These tests are about numbers, not speed: they compile with {@code -O0} to keep the g++ time down.
 */
class DenseVariantsCsimTest {

    static final int N = 500;
    static final List<String> FAST = List.of("-O0", "-std=c++14", "-Wno-unknown-pragmas");

    @TempDir
    static Path data;

    @TempDir
    Path out;

    static Path inputs;
    static Path hls4mlReference;
    static Path floatReference;

    /** Collects warnings (the listener must be thread safe: tool output arrives on drain threads). */
    static final class Recorder implements ProgressListener {
        final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void info(String msg) {
        }

        @Override
        public void warn(String msg) {
            warnings.add(msg);
        }
    }

    @BeforeAll
    static void subsets() throws Exception {
        inputs = head(SharedData.reference("inputs/jet16_normal_n10000.dat"), "jet16_normal_n500.dat");
        hls4mlReference = head(SharedData.reference("hls4ml/hls4ml_KERAS_3layer_io_parallel_jet16_normal_n10000.dat"),
                "hls4ml_KERAS_3layer_n500.dat");
        floatReference = head(SharedData.reference("float/KERAS_3layer_floatref_normal_n10000.dat"),
                "KERAS_3layer_floatref_n500.dat");
    }

    static Path head(Path file, String name) throws Exception {
        List<String> lines;
        try (Stream<String> s = Files.lines(file)) {
            lines = s.limit(N).toList();
        }
        assertEquals(N, lines.size(), file + " has fewer than " + N + " lines");
        return Files.write(data.resolve(name), lines);
    }

    GenerateRequest.Builder keras3layer(String project) {
        return GenerateRequest.builder()
                .model(SharedData.model("keras/KERAS_3layer.json"))
                .weights(SharedData.model("keras/KERAS_3layer_weights.h5"))
                .outputDirectory(out)
                .projectName(project)
                .inputData(inputs);
    }

    Path yaml(String name, String text) throws Exception {
        return Files.writeString(out.resolve(name), text);
    }

    static CsimReport csim(Path projectDir, ProgressListener log) {
        CsimReport r = Hls4ml.csim(new CsimOptions(projectDir, null, FAST, null, Duration.ofMinutes(10), null, null),
                log);
        assertTrue(r.result().ran());
        assertEquals(N, r.result().samples());
        return r;
    }

    static List<double[]> rows(Path file) throws Exception {
        List<double[]> r = DatFile.read(file);
        assertEquals(N, r.size(), file.toString());
        return r;
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    static double argmaxAgreement(List<double[]> a, List<double[]> b) {
        int same = 0;
        for (int i = 0; i < a.size(); i++) {
            if (argmax(a.get(i)) == argmax(b.get(i))) {
                same++;
            }
        }
        return same / (double) a.size();
    }

    /** Fraction of samples whose reference argmax is one of the (possibly tied) largest outputs. */
    static double topAmongMaxima(List<double[]> actual, List<double[]> reference) {
        int hits = 0;
        for (int i = 0; i < actual.size(); i++) {
            double[] a = actual.get(i);
            if (a[argmax(reference.get(i))] == a[argmax(a)]) {
                hits++;
            }
        }
        return hits / (double) actual.size();
    }

    static double maxAbsDiff(List<double[]> a, List<double[]> b) {
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            assertEquals(b.get(i).length, a.get(i).length, "sample " + (i + 1));
            for (int j = 0; j < a.get(i).length; j++) {
                max = Math.max(max, Math.abs(a.get(i)[j] - b.get(i)[j]));
            }
        }
        return max;
    }

    static double meanAbsDiff(List<double[]> a, List<double[]> b) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < a.get(i).length; j++) {
                sum += Math.abs(a.get(i)[j] - b.get(i)[j]);
                n++;
            }
        }
        return sum / n;
    }

    /** The config structs of parameters.h by index: {@code struct configN : nnet::dense_config { ... }}. */
    static Map<Integer, String> denseConfigs(Path projectDir) throws Exception {
        Map<Integer, String> m = new TreeMap<>();
        Matcher c = Pattern.compile("struct config(\\d+) : nnet::dense_config \\{(.*?)\\};", Pattern.DOTALL)
                .matcher(Files.readString(projectDir.resolve("firmware/parameters.h")));
        while (c.find()) {
            m.put(Integer.parseInt(c.group(1)), c.group(2));
        }
        return m;
    }

    static void assertDense(Map<Integer, String> configs, int index, String strategy, int reuse) {
        String c = configs.get(index);
        assertTrue(c != null, "no config" + index + " in " + configs.keySet());
        assertTrue(c.contains("static const unsigned strategy = nnet::" + strategy + ";"), "config" + index + c);
        assertTrue(c.contains("static const unsigned reuse_factor = " + reuse + ";"), "config" + index + c);
    }

    // ------------------------------------------------------------------------------------------ (a) + (b)

    /**
     * One project holding every variant, to spend one compile: fc1 Resource RF 1, fc2 Resource RF 4, fc3 Latency RF 4,
     * and the output Dense with the invalid RF 5, corrected to Resource RF 4. hls4ml's accumulator wraps, so the order
     * of the sums does not matter and the outputs must equal hls4ml's Latency RF 1 simulation bit for bit.
     */
    @Test
    void resourceAndLatencyWithReuseFactorsMatchHls4mlBitForBit() throws Exception {
        Path config = yaml("variants.yml", """
                HLSConfig:
                  Model:
                    Precision: ap_fixed<16,6>
                    Strategy: Resource
                    ReuseFactor: 4
                  LayerName:
                    fc1_relu:
                      ReuseFactor: 1
                    fc3_relu:
                      Strategy: Latency
                    output_softmax:
                      ReuseFactor: 5
                """);
        Recorder log = new Recorder();
        GenerateResult g = Hls4ml.generate(keras3layer("variants").config(config).outputPredictions(hlsReference())
                .build(), log);

        // (b) the invalid reuse factor: nearest valid one, with a warning listing the valid values (hls4ml's rule
        // for n_in=32, n_out=5: divisors of 160 that keep the multiplier count a multiple of n_out)
        List<String> rfWarnings = log.warnings.stream().filter(w -> w.contains("ReuseFactor")).toList();
        assertEquals(1, rfWarnings.size(), log.warnings.toString());
        String w = rfWarnings.get(0);
        assertTrue(w.contains("'output_softmax'"), w);
        assertTrue(w.contains("ReuseFactor 5 is not valid"), w);
        assertTrue(w.contains("using 4 instead"), w);
        assertTrue(w.contains("[1, 2, 4, 8, 16, 32, 160]"), w);

        Map<Integer, String> configs = denseConfigs(g.projectDir());
        assertEquals(List.of(2, 4, 6, 8), List.copyOf(configs.keySet()));
        assertDense(configs, 2, "resource", 1);
        assertDense(configs, 4, "resource", 4);
        assertDense(configs, 6, "latency", 4);
        assertDense(configs, 8, "resource", 4);

        CsimReport r = csim(g.projectDir(), log);
        List<String[]> actual = DatFile.readRaw(r.result().resultsFile());
        List<String[]> expected = DatFile.readRaw(hlsReference());
        assertEquals("none", PredictionComparison.firstDifference(actual, expected).orElse("none"));
        assertTrue(r.comparison().exactMatch(), r.comparison().describe());
    }

    static Path hlsReference() {
        return hls4mlReference;
    }

    // ------------------------------------------------------------------------------------------ (c)

    @Test
    void softmaxImplementationsLatencyLegacyAndArgmax() throws Exception {
        List<double[]> reference = rows(floatReference);
        StringBuilder figures = new StringBuilder();
        Map<String, Double> agreements = new TreeMap<>();
        for (String impl : List.of("latency", "legacy", "argmax")) {
            // 'latency' looks exp(x) up for the logit itself and keeps it in accum_t (current hls4ml does the same):
            // with the default accum_t ap_fixed<16,6> (wrapping) every logit above ln 32 wraps, and KERAS_3layer has
            // many (argmax agreement 0.35 measured). A saturating accum_t as wide as exp_table_t is given here.
            String yamlText = "HLSConfig:\n"
                    + "  Model:\n"
                    + "    Precision: ap_fixed<16,6>\n"
                    + "  LayerType:\n"
                    + "    Softmax:\n"
                    + "      Implementation: " + impl + "\n"
                    + (impl.equals("latency") ? "      Precision:\n        accum: ap_fixed<18,8,AP_RND,AP_SAT>\n" : "");
            Path config = yaml("softmax_" + impl + ".yml", yamlText);
            GenerateResult g = Hls4ml.generate(keras3layer("softmax_" + impl).config(config).build(),
                    ProgressListener.NONE);
            String params = Files.readString(g.projectDir().resolve("firmware/parameters.h"));
            assertTrue(params.contains("nnet::softmax_implementation::" + impl + ";"), params);
            if (impl.equals("latency")) {
                String defines = Files.readString(g.projectDir().resolve("firmware/defines.h"));
                assertTrue(defines.contains("typedef ap_fixed<18,8,AP_RND,AP_SAT> output_softmax_softmax_accum_t;"),
                        defines);
            }

            List<double[]> actual = rows(csim(g.projectDir(), ProgressListener.NONE).result().resultsFile());
            double agreement = argmaxAgreement(actual, reference);
            double amongMaxima = topAmongMaxima(actual, reference);
            figures.append(String.format(Locale.ROOT, "%s: argmax agreement %.3f, float argmax among the maxima %.3f%n",
                    impl, agreement, amongMaxima));
            if (impl.equals("argmax")) {
                for (int i = 0; i < N; i++) {
                    double[] v = actual.get(i);
                    int ones = 0;
                    for (double x : v) {
                        assertTrue(x == 0.0 || x == 1.0, "sample " + (i + 1) + " is not one-hot: " + List.of(v));
                        ones += x == 1.0 ? 1 : 0;
                    }
                    assertEquals(1, ones, "sample " + (i + 1) + " is not one-hot");
                }
                assertTrue(agreement >= 0.95, figures.toString());
            } else {
                // no range check: the tables saturate and the results are not normalized; the ranking is what counts
                double min = actual.stream().flatMapToDouble(java.util.Arrays::stream).min().orElseThrow();
                double max = actual.stream().flatMapToDouble(java.util.Arrays::stream).max().orElseThrow();
                figures.append(String.format(Locale.ROOT, "  outputs in [%.4f, %.4f]%n", min, max));
                agreements.put(impl, agreement);
                agreements.put(impl + " among maxima", amongMaxima);
            }
        }
        System.out.print("[DenseVariantsCsimTest] softmax vs float reference (" + N + " samples)\n" + figures);
        // latency: exp_table_t and accum_t saturate at 128, so every logit above ln 128 reads the same value and the
        // first of them wins the argmax. The float argmax must be among the tied maxima (measured 0.998); the strict
        // agreement is what the ties leave (measured 0.806).
        assertTrue(agreements.get("latency among maxima") >= 0.95, figures.toString());
        assertTrue(agreements.get("latency") >= 0.75, figures.toString());
        assertTrue(agreements.get("legacy") >= 0.90, figures.toString());
    }

    // ------------------------------------------------------------------------------------------ (d)

    static final String SIG_TANH_JSON = """
            {"class_name": "Sequential", "config": {"name": "sigtanh", "layers": [
              {"class_name": "InputLayer", "config": {"name": "x", "batch_input_shape": [null, 16]}},
              {"class_name": "Dense", "config": {"name": "d1", "units": 8, "activation": "tanh", "use_bias": true}},
              {"class_name": "Dense", "config": {"name": "d2", "units": 4, "activation": "linear", "use_bias": true}},
              {"class_name": "Activation", "config": {"name": "sig", "activation": "sigmoid"}}]}}
            """;

    static double[] dense(double[] x, float[][] w, float[] b) {
        double[] y = new double[b.length];
        for (int j = 0; j < b.length; j++) {
            double s = b[j];
            for (int i = 0; i < x.length; i++) {
                s += x[i] * w[i][j];
            }
            y[j] = s;
        }
        return y;
    }

    @Test
    void sigmoidAndTanhTablesFollowADoubleForwardPass() throws Exception {
        Random random = new Random(20240611L);
        float[][] w1 = randomMatrix(random, 16, 8, 0.5f);
        float[] b1 = randomMatrix(random, 1, 8, 0.25f)[0];
        float[][] w2 = randomMatrix(random, 8, 4, 1.0f);
        float[] b2 = randomMatrix(random, 1, 4, 0.25f)[0];
        Path json = Files.writeString(out.resolve("sigtanh.json"), SIG_TANH_JSON);
        Path h5 = out.resolve("sigtanh_weights.h5");
        Map<String, Map<String, Object>> weights = new LinkedHashMap<>();
        weights.put("d1", new LinkedHashMap<>(Map.of("kernel", w1)));
        weights.get("d1").put("bias", b1);
        weights.put("d2", new LinkedHashMap<>(Map.of("kernel", w2)));
        weights.get("d2").put("bias", b2);
        writeWeights(h5, weights);

        GenerateResult g = Hls4ml.generate(GenerateRequest.builder().model(json).weights(h5).outputDirectory(out)
                .projectName("sigtanh").precision("ap_fixed<16,6>").inputData(inputs).build(), ProgressListener.NONE);
        String cpp = Files.readString(g.projectDir().resolve("firmware/sigtanh.cpp"));
        assertTrue(cpp.contains("nnet::tanh<") && cpp.contains("nnet::sigmoid<"), cpp);

        List<double[]> actual = rows(csim(g.projectDir(), ProgressListener.NONE).result().resultsFile());
        List<double[]> expected = new ArrayList<>();
        for (double[] x : DatFile.read(inputs)) {
            double[] h = dense(x, w1, b1);
            for (int i = 0; i < h.length; i++) {
                h[i] = Math.tanh(h[i]);
            }
            double[] y = dense(h, w2, b2);
            for (int i = 0; i < y.length; i++) {
                y[i] = 1 / (1 + Math.exp(-y[i]));
            }
            expected.add(y);
        }
        double max = maxAbsDiff(actual, expected);
        double mean = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 4; j++) {
                mean += Math.abs(actual.get(i)[j] - expected.get(i)[j]) / (N * 4.0);
                assertTrue(actual.get(i)[j] >= 0 && actual.get(i)[j] <= 1, "sigmoid output " + actual.get(i)[j]);
            }
        }
        System.out.printf(Locale.ROOT, "[DenseVariantsCsimTest] sigmoid/tanh vs double: max |diff| %.5f, mean %.5f%n",
                max, mean);
        // tables of 1024 entries over [-8, 8): bin 1/64; tanh's slope is at most 1, sigmoid's 1/4, |w2| <= 1 over 8
        // inputs: at most about 8 * 1/64 / 4 + 1/64 / 4 + a few 2^-10 steps, ~0.04. Measured: max 0.011, mean 0.0027;
        // the bounds leave about a factor 2 (a wrong table or a missing activation is off by far more)
        assertTrue(max < 0.025, "max |diff| " + max);
        assertTrue(mean < 0.006, "mean |diff| " + mean);
    }

    // ------------------------------------------------------------------------------------------ (e)

    @Test
    void batchNormInBothIoTypesFollowsTheFloatReferenceAndAgreesBitForBit() throws Exception {
        Path floatRef = head(SharedData.reference("float/KERAS_3layer_batch_norm_floatref_normal_n10000.dat"),
                "KERAS_3layer_batch_norm_floatref_n500.dat");
        List<double[]> reference = rows(floatRef);
        Map<String, String> results = new TreeMap<>();
        StringBuilder figures = new StringBuilder();
        for (String io : List.of("io_parallel", "io_stream")) {
            GenerateResult g = Hls4ml.generate(GenerateRequest.builder()
                    .model(SharedData.model("keras/KERAS_3layer_batch_norm.json"))
                    .weights(SharedData.model("keras/KERAS_3layer_batch_norm_weights.h5"))
                    .outputDirectory(out).projectName("bn_" + io).ioType(io).precision("ap_fixed<16,6>")
                    .inputData(inputs).build(), ProgressListener.NONE);
            String cpp = Files.readString(g.projectDir().resolve("firmware/bn_" + io + ".cpp"));
            assertTrue(cpp.contains("nnet::normalize<"), cpp);
            Path res = csim(g.projectDir(), ProgressListener.NONE).result().resultsFile();
            results.put(io, Files.readString(res));
            List<double[]> actual = rows(res);
            double max = maxAbsDiff(actual, reference);
            double mean = meanAbsDiff(actual, reference);
            double agreement = argmaxAgreement(actual, reference);
            figures.append(String.format(Locale.ROOT, "%s: max |diff| %.4f, mean |diff| %.5f, argmax agreement %.3f%n",
                    io, max, mean, agreement));
            // hls4ml's own C simulation of KERAS_3layer (no batch norm) on these samples, against its float
            // reference: max |diff| 1.0, mean 0.023, argmax agreement 0.978. Measured here: 0.42, 0.0205, 0.96.
            assertTrue(mean < 0.04, figures.toString());
            assertTrue(max < 0.6, figures.toString());
            assertTrue(agreement >= 0.93, figures.toString());
        }
        System.out.print("[DenseVariantsCsimTest] KERAS_3layer_batch_norm vs float reference (" + N + " samples)\n"
                + figures);
        assertEquals(results.get("io_parallel"), results.get("io_stream"), "io_parallel and io_stream differ");
    }

    // ------------------------------------------------------------------------------------------ (f)

    @Test
    void vitisUsesTheVivadoFlowTargetAndTheSameFirmware() throws Exception {
        Path vivado = Hls4ml.generate(keras3layer("myproject").outputDirectory(out.resolve("vivado")).build(),
                ProgressListener.NONE).projectDir();
        Path vitis = Hls4ml.generate(keras3layer("myproject").outputDirectory(out.resolve("vitis")).backend("Vitis")
                .build(), ProgressListener.NONE).projectDir();
        String vitisTcl = Files.readString(vitis.resolve("build_prj.tcl"));
        String vivadoTcl = Files.readString(vivado.resolve("build_prj.tcl"));
        assertTrue(vitisTcl.contains("open_solution -reset \"solution1\" -flow_target vivado"), vitisTcl);
        assertFalse(vivadoTcl.contains("-flow_target"), vivadoTcl);
        assertTrue(Files.readString(vitis.resolve("project.tcl")).contains("set backend \"vitis\""));
        assertTrue(Files.readString(vitis.resolve("hls4ml-project.json")).contains("vitis_hls"));

        Map<String, String> vivadoFirmware = tree(vivado.resolve("firmware"));
        Map<String, String> vitisFirmware = tree(vitis.resolve("firmware"));
        assertTrue(vivadoFirmware.containsKey("myproject.cpp") && vivadoFirmware.containsKey("parameters.h")
                && vivadoFirmware.keySet().stream().anyMatch(k -> k.startsWith("weights/")), vivadoFirmware.keySet()
                .toString());
        assertEquals(vivadoFirmware.keySet(), vitisFirmware.keySet());
        for (String f : vivadoFirmware.keySet()) {
            assertEquals(vivadoFirmware.get(f), vitisFirmware.get(f), "firmware/" + f + " differs");
        }
        assertEquals(Files.readString(vivado.resolve("myproject_test.cpp")),
                Files.readString(vitis.resolve("myproject_test.cpp")));
    }

    static Map<String, String> tree(Path dir) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return m;
    }
}
