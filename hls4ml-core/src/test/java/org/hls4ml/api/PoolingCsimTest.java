package org.hls4ml.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.hls4ml.sim.DatFile;
import org.hls4ml.testing.KerasModelFiles;
import org.hls4ml.testing.RecordingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keras' pooling layers alone after the input, in both IO types, checked bit for bit against the arithmetic
 * nnet_pooling.h documents, computed here with integers in ap_fixed&lt;16,6&gt; (input, accumulator and result): the
 * input truncated; Max = the largest input under the window; Average = the sum wrapping in 16 bits divided by the
 * number of window cells inside the input, truncated toward zero. Padding cells are left out as in Keras. Inputs span
 * [-24, 24), so some sums wrap. Then Conv + pooling + Flatten + Dense chains give the same numbers in both IO types.
 */
class PoolingCsimTest {

    static final int SAMPLES = 20;
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {6}")
    @CsvSource({
            "MaxPooling2D,            5 5 2, 2 2, -,   valid, 0, io_parallel",
            "MaxPooling2D,            5 5 2, 2 2, -,   valid, 0, io_stream",
            "MaxPooling2D,            5 6 2, 3 2, 1 2, same,  1, io_parallel",
            "MaxPooling2D,            5 6 2, 3 2, 1 2, same,  1, io_stream",
            "AveragePooling2D,        6 5 2, 3 3, 2 2, same,  2, io_parallel",
            "AveragePooling2D,        6 5 2, 3 3, 2 2, same,  2, io_stream",
            "AveragePooling2D,        4 4 3, 2 2, -,   valid, 3, io_parallel",
            "AveragePooling2D,        4 4 3, 2 2, -,   valid, 3, io_stream",
            "MaxPooling1D,            8 3,   3,   2,   same,  4, io_parallel",
            "MaxPooling1D,            8 3,   3,   2,   same,  4, io_stream",
            "AveragePooling1D,        7 2,   2,   -,   valid, 5, io_parallel",
            "AveragePooling1D,        7 2,   2,   -,   valid, 5, io_stream",
            "AveragePooling1D,        7 2,   3,   2,   same,  6, io_parallel",
            "AveragePooling1D,        7 2,   3,   2,   same,  6, io_stream",
            "GlobalMaxPooling2D,      4 3 3, -,   -,   -,     7, io_parallel",
            "GlobalMaxPooling2D,      4 3 3, -,   -,   -,     7, io_stream",
            "GlobalAveragePooling2D,  3 3 2, -,   -,   -,     8, io_parallel",
            "GlobalAveragePooling2D,  3 3 2, -,   -,   -,     8, io_stream",
            "GlobalMaxPooling1D,      6 2,   -,   -,   -,     9, io_parallel",
            "GlobalMaxPooling1D,      6 2,   -,   -,   -,     9, io_stream",
            "GlobalAveragePooling1D,  5 3,   -,   -,   -,     10, io_parallel",
            "GlobalAveragePooling1D,  5 3,   -,   -,   -,     10, io_stream"})
    void csimEqualsTheDocumentedFixedPointArithmetic(String kerasClass, String input, String pool, String strides,
                                                     String padding, long seed, String io) throws Exception {
        int[] in = ints(input);
        int rank = in.length - 1;
        boolean global = kerasClass.startsWith("Global");
        int[] p = global ? Arrays.copyOf(in, rank) : ints(pool);
        int[] s = global ? p : strides.equals("-") ? p : ints(strides);
        String pad = global ? "valid" : padding;
        String config = "\"name\": \"pool\"" + (global ? "" : ", \"pool_size\": [" + join(p) + "], \"padding\": \""
                + pad + "\"" + (strides.equals("-") ? ", \"strides\": null" : ", \"strides\": [" + join(s) + "]"));
        String name = kerasClass.toLowerCase(Locale.ROOT) + "_" + seed;
        KerasModelFiles.Model m = KerasModelFiles.sequential(dir, name, in,
                List.of("{\"class_name\": \"" + kerasClass + "\", \"config\": {" + config + "}}"), Map.of());
        Path inputs = inputs(in, seed);
        Path results = csim(m, name, io, inputs);

        Reference ref = new Reference(in, p, s, pad, kerasClass.contains("Max"));
        List<double[]> actual = DatFile.read(results);
        List<double[]> x = DatFile.read(inputs);
        assertEquals(SAMPLES, actual.size());
        int wraps = 0;
        for (int n = 0; n < SAMPLES; n++) {
            ConvExactCsimTest.assertRaw(ref.forward(x.get(n)), actual.get(n), name + " " + io + " sample " + (n + 1));
            wraps += ref.wraps;
        }
        System.out.printf(Locale.ROOT, "%s %s %s: %d samples x %d outputs bit exact (%d sums wrapped)%n", kerasClass,
                name, io, SAMPLES, actual.get(0).length, wraps);
    }

    /** Conv + pooling (+ more) + Flatten + Dense: io_parallel and io_stream agree bit for bit. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "conv2d_maxpool; 8 8 2; {\"class_name\": \"MaxPooling2D\", \"config\": {\"name\": \"pool\", \"pool_size\": [2, 2]}};"
                    + " 48",
            "conv2d_avgpool_same_maxpool; 7 7 1; {\"class_name\": \"AveragePooling2D\", \"config\": {\"name\": \"avg\","
                    + " \"pool_size\": [3, 3], \"strides\": [2, 2], \"padding\": \"same\"}}|{\"class_name\": \"MaxPooling2D\","
                    + " \"config\": {\"name\": \"pool\", \"pool_size\": [2, 1], \"strides\": [1, 1]}}; 36",
            "conv1d_globalavg; 10 3; {\"class_name\": \"GlobalAveragePooling1D\", \"config\": {\"name\": \"gap\"}}; 3",
            "conv2d_globalmax; 6 6 1; {\"class_name\": \"GlobalMaxPooling2D\", \"config\": {\"name\": \"gmp\","
                    + " \"keepdims\": false}}; 3"})
    void convPoolingDenseGivesTheSameNumbersInBothIoTypes(String name, String input, String pooling, int flat)
            throws Exception {
        assertConvChainAgreesAcrossIoTypes(dir, name, ints(input), List.of(pooling.split("\\|")), flat);
    }

    /**
     * A model input -> Conv (3 filters, kernel 3, same padding, relu) -> {@code middle} -> Flatten -> Dense(4) with
     * seeded random weights ({@code flat}: the values reaching Flatten) gives the same numbers in io_parallel and
     * io_stream csim, and they vary.
     */
    static void assertConvChainAgreesAcrossIoTypes(Path dir, String name, int[] in, List<String> middle, int flat)
            throws Exception {
        int rank = in.length - 1;
        int filters = 3;
        Random r = new Random(name.hashCode());
        int[] kernel = new int[rank];
        Arrays.fill(kernel, 3);
        List<String> layers = new ArrayList<>();
        layers.add("{\"class_name\": \"Conv" + rank + "D\", \"config\": {\"name\": \"conv\", \"filters\": " + filters
                + ", \"kernel_size\": [" + join(kernel) + "], \"padding\": \"same\", \"activation\": \"relu\"}}");
        layers.addAll(middle);
        layers.add("{\"class_name\": \"Flatten\", \"config\": {\"name\": \"flatten\"}}");
        layers.add("{\"class_name\": \"Dense\", \"config\": {\"name\": \"fc\", \"units\": 4, \"activation\": \"linear\"}}");
        float[][] k = KerasModelFiles.randomMatrix(r, (int) Math.pow(3, rank) * in[rank], filters, 1f);
        Object kernelArray;
        if (rank == 1) {
            float[][][] k1 = new float[3][in[1]][];
            for (int t = 0; t < 3; t++) {
                for (int c = 0; c < in[1]; c++) {
                    k1[t][c] = k[t * in[1] + c];
                }
            }
            kernelArray = k1;
        } else {
            float[][][][] k2 = new float[3][3][in[2]][];
            for (int t = 0; t < 9; t++) {
                for (int c = 0; c < in[2]; c++) {
                    k2[t / 3][t % 3][c] = k[t * in[2] + c];
                }
            }
            kernelArray = k2;
        }
        Map<String, Map<String, Object>> weights = new LinkedHashMap<>();
        weights.put("conv", Map.of("kernel", kernelArray, "bias", KerasModelFiles.randomMatrix(r, 1, filters, 0.5f)[0]));
        Map<String, Object> fc = new LinkedHashMap<>();
        fc.put("kernel", KerasModelFiles.randomMatrix(r, flat, 4, 0.5f));
        fc.put("bias", KerasModelFiles.randomMatrix(r, 1, 4, 0.25f)[0]);
        weights.put("fc", fc);
        KerasModelFiles.Model m = KerasModelFiles.sequential(dir, name, in, layers, weights);
        Path inputs = ConvExactCsimTest.inputs(dir, in, 42);
        List<double[]> parallel = DatFile.read(csim(dir, m, name, "io_parallel", inputs));
        List<double[]> stream = DatFile.read(csim(dir, m, name, "io_stream", inputs));
        assertEquals(SAMPLES, parallel.size());
        long distinct = parallel.stream().flatMapToDouble(Arrays::stream).distinct().count();
        assertTrue(distinct > SAMPLES, "the outputs vary: " + distinct + " distinct values");
        for (int n = 0; n < SAMPLES; n++) {
            assertArrayEquals(parallel.get(n), stream.get(n), 0.0, name + " sample " + (n + 1));
        }
    }

    private GenerateRequest.Builder badModel(String kerasClass, String config) throws Exception {
        KerasModelFiles.Model m = KerasModelFiles.sequential(dir, "bad", new int[] {6, 6, 2},
                List.of("{\"class_name\": \"" + kerasClass + "\", \"config\": {\"name\": \"pool\"" + config + "}}"),
                Map.of());
        return GenerateRequest.builder().model(m.json()).weights(m.weights()).outputDirectory(dir.resolve("out"))
                .projectName("bad");
    }

    @Test
    void channelsFirstFailsNamingTheLayerAndTheSetting() throws Exception {
        ModelException e = assertThrows(ModelException.class, () -> Hls4ml.generate(
                badModel("MaxPooling2D", ", \"data_format\": \"channels_first\"").build(), new RecordingListener()));
        assertTrue(e.getMessage().contains("layer 'pool' (MaxPooling2D)")
                && e.getMessage().contains("'data_format' is 'channels_first'"), e.getMessage());
    }

    @Test
    void keepdimsFailsNamingTheLayerAndTheSetting() throws Exception {
        ModelException e = assertThrows(ModelException.class, () -> Hls4ml.generate(
                badModel("GlobalAveragePooling2D", ", \"keepdims\": true").build(), new RecordingListener()));
        assertTrue(e.getMessage().contains("layer 'pool' (GlobalAveragePooling2D)")
                && e.getMessage().contains("'keepdims' is true"), e.getMessage());
    }

    @Test
    void poolLargerThanTheInputWithValidPaddingFails() throws Exception {
        ModelException e = assertThrows(ModelException.class, () -> Hls4ml.generate(
                badModel("AveragePooling2D", ", \"pool_size\": [7, 2]").build(), new RecordingListener()));
        assertTrue(e.getMessage().contains("layer 'pool' (AveragePooling2D)")
                && e.getMessage().contains("pool_size [7, 2] is larger than the input"), e.getMessage());
    }

    private Path csim(KerasModelFiles.Model m, String name, String io, Path inputs) {
        return csim(dir, m, name, io, inputs);
    }

    /** Generates the model with ap_fixed&lt;16,6&gt; into {@code dir/out_<io>}, runs csim; the results file. */
    static Path csim(Path dir, KerasModelFiles.Model m, String name, String io, Path inputs) {
        GenerateResult g = Hls4ml.generate(GenerateRequest.builder().model(m.json()).weights(m.weights())
                .outputDirectory(dir.resolve("out_" + io)).projectName(name).ioType(io)
                .precision("ap_fixed<16,6>").inputData(inputs).build(), new RecordingListener());
        CsimReport r = Hls4ml.csim(new CsimOptions(g.projectDir(), null, List.of("-O0", "-std=c++14"), null,
                Duration.ofMinutes(5), null, null), new RecordingListener());
        assertTrue(r.result().ran(), r.result().summary());
        return r.result().resultsFile();
    }

    private Path inputs(int[] shape, long seed) throws Exception {
        return ConvExactCsimTest.inputs(dir, shape, seed);
    }

    private static int[] ints(String s) {
        return ConvExactCsimTest.ints(s);
    }

    static String join(int[] values) {
        return String.join(", ", Arrays.stream(values).mapToObj(Integer::toString).toList());
    }

    /** The pooling in raw ap_fixed&lt;16,6&gt; integers (value = raw / 2^10), 1-D as height 1. */
    static final class Reference {
        final int h;
        final int w;
        final int c;
        final int ph;
        final int pw;
        final int sh;
        final int sw;
        final int oh;
        final int ow;
        final int padTop;
        final int padLeft;
        final boolean max;
        int wraps;

        Reference(int[] in, int[] pool, int[] strides, String padding, boolean max) {
            boolean twoD = pool.length == 2;
            h = twoD ? in[0] : 1;
            w = in[twoD ? 1 : 0];
            c = in[twoD ? 2 : 1];
            ph = twoD ? pool[0] : 1;
            pw = pool[twoD ? 1 : 0];
            sh = twoD ? strides[0] : 1;
            sw = strides[twoD ? 1 : 0];
            int[] hOut = ConvExactCsimTest.Reference.axis(h, ph, sh, padding);
            int[] wOut = ConvExactCsimTest.Reference.axis(w, pw, sw, padding);
            oh = hOut[0];
            ow = wOut[0];
            padTop = hOut[1];
            padLeft = wOut[1];
            this.max = max;
        }

        long[] forward(double[] x) {
            wraps = 0;
            long[] in = Arrays.stream(x).mapToLong(ConvExactCsimTest.Reference::quantize).toArray();
            long[] out = new long[oh * ow * c];
            for (int y = 0; y < oh; y++) {
                for (int z = 0; z < ow; z++) {
                    for (int ch = 0; ch < c; ch++) {
                        long best = Long.MIN_VALUE;
                        long sum = 0;
                        long exact = 0;
                        int count = 0;
                        for (int fy = 0; fy < ph; fy++) {
                            for (int fz = 0; fz < pw; fz++) {
                                int r = y * sh + fy - padTop;
                                int col = z * sw + fz - padLeft;
                                if (r < 0 || r >= h || col < 0 || col >= w) {
                                    continue; // padding: left out
                                }
                                long v = in[(r * w + col) * c + ch];
                                best = Math.max(best, v);
                                sum = ConvExactCsimTest.Reference.wrap(sum + v);
                                exact += v;
                                count++;
                            }
                        }
                        wraps += !max && sum != exact ? 1 : 0;
                        // Java's long division truncates toward zero, like ap_fixed's
                        out[(y * ow + z) * c + ch] = max ? best : sum / count;
                    }
                }
            }
            return out;
        }
    }
}
