package org.hls4ml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hls4ml.sim.DatFile;
import org.hls4ml.testing.KerasFunctionalModels;
import org.hls4ml.testing.KerasModelFiles;
import org.hls4ml.testing.RandomInputs;
import org.hls4ml.testing.RecordingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Models with forks: a tensor read by several layers. With io_stream each fork gets a Clone (nnet::clone_stream into
 * one copy per read); with io_parallel the array is read again. Both must give the numbers of the exact integer
 * computation in ap_fixed&lt;16,6&gt; (Dense weights multiples of 1/4 and biases multiples of 1/8, so nothing but the
 * documented truncations and wraps happens).
 */
class ResidualCsimTest {

    static final int N = 8;
    static final int SAMPLES = ConvExactCsimTest.SAMPLES;

    @TempDir
    Path dir;

    /** x -> Dense -> Add(dense, x) -> Concatenate(add, x): x is read three times. */
    static KerasModelFiles.Model residual(Path dir, String name, float[][] kernel, float[] bias) throws Exception {
        Files.createDirectories(dir);
        Map<String, Map<String, Object>> w = new LinkedHashMap<>();
        w.put("dense", Map.of("kernel", kernel, "bias", bias));
        return KerasFunctionalModels.write(dir, name, List.of(KerasFunctionalModels.input("x", N),
                KerasFunctionalModels.layer("dense", "Dense", "\"units\": " + N + ", \"activation\": \"linear\","
                        + " \"use_bias\": true", "x"),
                KerasFunctionalModels.layer("add", "Add", "", "dense", "x"),
                KerasFunctionalModels.layer("cat", "Concatenate", "\"axis\": -1", "add", "x")),
                List.of("x"), List.of("cat"), w);
    }

    /** Weights k/4 for k in [-4, 4], biases k/8 for k in [-8, 8]. */
    static float[][] kernel(Random r, int nIn, int nOut) {
        float[][] k = new float[nIn][nOut];
        for (float[] row : k) {
            for (int j = 0; j < nOut; j++) {
                row[j] = (r.nextInt(9) - 4) / 4f;
            }
        }
        return k;
    }

    static float[] bias(Random r, int n) {
        float[] b = new float[n];
        for (int j = 0; j < n; j++) {
            b[j] = (r.nextInt(17) - 8) / 8f;
        }
        return b;
    }

    /** nnet::dense in raw ap_fixed&lt;16,6&gt;: each product truncated to 10 fractional bits, the sum wrapping. */
    static long[] dense(long[] x, float[][] kernel, float[] bias) {
        long[] out = new long[kernel[0].length];
        for (int j = 0; j < out.length; j++) {
            long acc = ConvExactCsimTest.Reference.quantize(bias[j]);
            for (int i = 0; i < x.length; i++) {
                long w = ConvExactCsimTest.Reference.quantize(kernel[i][j]);
                acc = ConvExactCsimTest.Reference.wrap(acc + Math.floorDiv(x[i] * w, 1L << ConvExactCsimTest.FRAC));
            }
            out[j] = acc;
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"io_parallel", "io_stream"})
    void residualWithAThreeWayForkIsExact(String io) throws Exception {
        Random r = new Random(7);
        float[][] k = kernel(r, N, N);
        float[] b = bias(r, N);
        KerasModelFiles.Model m = residual(dir, "residual", k, b);
        Path inputs = RandomInputs.write(dir.resolve("res_in.dat"), SAMPLES, N, 77);
        Path results = PoolingCsimTest.csim(dir, m, "residual", io, inputs);
        String cpp = Files.readString(results.getParent().getParent().resolve("firmware/residual.cpp"));
        if (io.equals("io_stream")) {
            assertTrue(cpp.contains("nnet::clone_stream<input_t, input_t, 8>(x, layer5_cpy1, layer5_cpy2, layer5_cpy3);"),
                    cpp);
        } else {
            assertTrue(!cpp.contains("clone_stream"), cpp);
        }
        List<double[]> actual = DatFile.read(results);
        List<double[]> x = DatFile.read(inputs);
        assertEquals(SAMPLES, actual.size());
        int wraps = 0;
        for (int n = 0; n < SAMPLES; n++) {
            long[] xr = Arrays.stream(x.get(n)).mapToLong(ConvExactCsimTest.Reference::quantize).toArray();
            long[] d = dense(xr, k, b);
            long[] sum = new long[N];
            for (int i = 0; i < N; i++) {
                sum[i] = MergeCsimTest.merge("Add", d[i], xr[i]);
                wraps += sum[i] != d[i] + xr[i] ? 1 : 0;
            }
            ConvExactCsimTest.assertRaw(MergeCsimTest.concatenate(sum, new int[] {N}, xr, new int[] {N}, 0),
                    actual.get(n), io + " sample " + (n + 1));
        }
        assertTrue(wraps > 0, "some residual sums wrap");
    }

    /** x -> d1 -> d2, Add(d1, d2): the fork is a Dense output; io_stream clones it into two copies. */
    @ParameterizedTest
    @ValueSource(strings = {"io_parallel", "io_stream"})
    void forkOfAHiddenLayerIsExact(String io) throws Exception {
        Random r = new Random(8);
        float[][] k1 = kernel(r, N, N);
        float[] b1 = bias(r, N);
        float[][] k2 = kernel(r, N, N);
        float[] b2 = bias(r, N);
        Map<String, Map<String, Object>> w = new LinkedHashMap<>();
        w.put("d1", Map.of("kernel", k1, "bias", b1));
        w.put("d2", Map.of("kernel", k2, "bias", b2));
        String dense = "\"units\": " + N + ", \"activation\": \"linear\", \"use_bias\": true";
        KerasModelFiles.Model m = KerasFunctionalModels.write(dir, "hidden", List.of(KerasFunctionalModels.input("x", N),
                KerasFunctionalModels.layer("d1", "Dense", dense, "x"),
                KerasFunctionalModels.layer("d2", "Dense", dense, "d1"),
                KerasFunctionalModels.layer("sub", "Subtract", "", "d2", "d1")), List.of("x"), List.of("sub"), w);
        Path inputs = RandomInputs.write(dir.resolve("hidden_in.dat"), SAMPLES, N, 78);
        List<double[]> actual = DatFile.read(PoolingCsimTest.csim(dir, m, "hidden", io, inputs));
        List<double[]> x = DatFile.read(inputs);
        for (int n = 0; n < SAMPLES; n++) {
            long[] xr = Arrays.stream(x.get(n)).mapToLong(ConvExactCsimTest.Reference::quantize).toArray();
            long[] h1 = dense(xr, k1, b1);
            long[] h2 = dense(h1, k2, b2);
            long[] expected = new long[N];
            for (int i = 0; i < N; i++) {
                expected[i] = MergeCsimTest.merge("Subtract", h2[i], h1[i]);
            }
            ConvExactCsimTest.assertRaw(expected, actual.get(n), io + " sample " + (n + 1));
        }
    }

    /**
     * x -> d1 -> d2 with both d1 and d2 model outputs: d1 is read by d2 and is an output, so io_stream clones it and the
     * second copy becomes the model's first output port.
     */
    @ParameterizedTest
    @ValueSource(strings = {"io_parallel", "io_stream"})
    void aTensorReadByALayerAndAsAModelOutput(String io) throws Exception {
        Random r = new Random(10);
        float[][] k1 = kernel(r, N, N);
        float[] b1 = bias(r, N);
        float[][] k2 = kernel(r, N, 3);
        float[] b2 = bias(r, 3);
        Map<String, Map<String, Object>> w = new LinkedHashMap<>();
        w.put("d1", Map.of("kernel", k1, "bias", b1));
        w.put("d2", Map.of("kernel", k2, "bias", b2));
        KerasModelFiles.Model m = KerasFunctionalModels.write(dir, "twoout", List.of(KerasFunctionalModels.input("x", N),
                KerasFunctionalModels.layer("d1", "Dense", "\"units\": " + N + ", \"activation\": \"linear\"", "x"),
                KerasFunctionalModels.layer("d2", "Dense", "\"units\": 3, \"activation\": \"linear\"", "d1")),
                List.of("x"), List.of("d1", "d2"), w);
        Path inputs = RandomInputs.write(dir.resolve("twoout_in.dat"), SAMPLES, N, 79);
        Path results = PoolingCsimTest.csim(dir, m, "twoout", io, inputs);
        String cpp = Files.readString(results.getParent().getParent().resolve("firmware/twoout.cpp"));
        assertEquals(io.equals("io_stream"), cpp.contains("nnet::clone_stream<result_t, result_t, 8>(layer2_out,"
                + " layer4_cpy1, layer4_cpy2);"), cpp);
        List<double[]> actual = DatFile.read(results);
        List<double[]> x = DatFile.read(inputs);
        for (int n = 0; n < SAMPLES; n++) {
            long[] xr = Arrays.stream(x.get(n)).mapToLong(ConvExactCsimTest.Reference::quantize).toArray();
            long[] h1 = dense(xr, k1, b1);
            long[] h2 = dense(h1, k2, b2);
            long[] both = new long[N + 3];
            System.arraycopy(h1, 0, both, 0, N);
            System.arraycopy(h2, 0, both, N, 3);
            ConvExactCsimTest.assertRaw(both, actual.get(n), io + " sample " + (n + 1));
        }
    }

    /** The io_stream graph after the flow: one Clone with one copy per read, each read by one layer. */
    @Test
    void cloneOutputGivesEveryReadItsOwnCopy() throws Exception {
        Random r = new Random(9);
        KerasModelFiles.Model m = residual(dir, "graph", kernel(r, N, N), bias(r, N));
        GenerateResult g = Hls4ml.generate(GenerateRequest.builder().model(m.json()).weights(m.weights())
                .outputDirectory(dir.resolve("g")).projectName("graph").ioType("io_stream")
                .precision("ap_fixed<16,6>").build(), new RecordingListener());
        String cpp = Files.readString(g.projectDir().resolve("firmware/graph.cpp"));
        for (String copy : List.of("layer5_cpy1", "layer5_cpy2", "layer5_cpy3")) {
            // declared once with its depth, written by the clone and read by exactly one layer
            assertTrue(cpp.contains("hls::stream<input_t> " + copy + "(\"" + copy + "\");"), cpp);
            assertTrue(cpp.contains("#pragma HLS STREAM variable=" + copy + " depth=1"), cpp);
            assertEquals(2, cpp.split(copy + "[,)]", -1).length - 1, copy + " in " + cpp);
        }
        assertTrue(cpp.contains("nnet::dense<input_t, layer2_t, config2>(layer5_cpy1, layer2_out, w2, b2);"), cpp);
        assertTrue(cpp.contains("nnet::add<layer2_t, input_t, layer3_t, config3>(layer2_out, layer5_cpy2, layer3_out);"),
                cpp);
        assertTrue(cpp.contains("nnet::concatenate1d<layer3_t, input_t, result_t, config4>(layer3_out, layer5_cpy3,"
                + " layer4_out);"), cpp);
    }
    /**
     * Golden IR dump after vivado:clone_output on the residual model (io_stream): the Clone right after the input,
     * one copy per read, each consumer reading its own copy.
     */
    @Test
    void cloneOutputDumpMatchesTheGoldenFile() throws Exception {
        Random r = new Random(9);
        KerasModelFiles.Model m = residual(dir, "golden", kernel(r, N, N), bias(r, N));
        Path dumps = dir.resolve("dumps");
        Hls4ml.generate(GenerateRequest.builder().model(m.json()).weights(m.weights()).outputDirectory(dir.resolve("g"))
                .projectName("golden").ioType("io_stream").precision("ap_fixed<16,6>").dumpDir(dumps).build(),
                new RecordingListener());
        Path after;
        try (var files = Files.list(dumps)) {
            after = files.filter(p -> p.getFileName().toString().endsWith("_vivado_clone_output.txt")).findFirst()
                    .orElseThrow(() -> new AssertionError("no dump after vivado:clone_output in " + dumps));
        }
        String expected;
        try (var in = ResidualCsimTest.class.getResourceAsStream("/org/hls4ml/golden/residual_clone_output.txt")) {
            expected = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(after));
    }
    /** nnet::clone_stream makes at most four copies: a tensor read five times fails in io_stream naming the layer. */
    @Test
    void aTensorReadFiveTimesFailsInIoStreamNamingTheLayer() throws Exception {
        KerasModelFiles.Model m = KerasFunctionalModels.write(dir, "five", List.of(KerasFunctionalModels.input("x", 4),
                KerasFunctionalModels.layer("a", "Add", "", "x", "x"),
                KerasFunctionalModels.layer("b", "Multiply", "", "x", "x"),
                KerasFunctionalModels.layer("e", "Maximum", "", "a", "x"),
                KerasFunctionalModels.layer("f", "Minimum", "", "b", "e")), List.of("x"), List.of("f"), Map.of());
        GenerateRequest.Builder b = GenerateRequest.builder().model(m.json()).weights(m.weights())
                .outputDirectory(dir.resolve("five")).projectName("five").precision("ap_fixed<16,6>");
        ModelException e = org.junit.jupiter.api.Assertions.assertThrows(ModelException.class,
                () -> Hls4ml.generate(b.ioType("io_stream").build(), new RecordingListener()));
        assertTrue(e.getMessage().contains("layer 'x' (Input): its output is read 5 times")
                && e.getMessage().contains("at most 4 copies"), e.getMessage());
        // io_parallel reads the array five times
        GenerateResult g = Hls4ml.generate(b.ioType("io_parallel").build(), new RecordingListener());
        assertTrue(Files.readString(g.projectDir().resolve("firmware/five.cpp"))
                .contains("nnet::add<input_t, input_t, layer2_t, config2>(x, x, layer2_out);"));
    }
}
