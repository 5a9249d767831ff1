package org.hls4ml.backends.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.testing.KerasModelFiles;
import org.hls4ml.testing.RandomArray;
import org.hls4ml.testing.RandomInputs;
import org.hls4ml.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The RTL of the io_stream convolutions (the line buffer of nnet::window_stream) and of the stream repack of Flatten,
 * against the generated C++: small Keras models with seeded random weights and inputs in [-24, 24) (so that some sums
 * wrap) go through generate, csim and cosim, and the RTL co-simulation's output must equal the C simulation's line for
 * line; so must the CNNs of ../shared (KERAS_conv1d_small: three Conv1D 'same', Flatten, Dense; KERAS_conv2d_model:
 * Conv2D 'same', Flatten, Dense; the jet tagger CNN: two Conv2D, Flatten, two Dense) on their reference inputs. The
 * convolutions at ReuseFactor &gt; 1 (Latency and Resource) must equal csim too, also under random back-pressure.
 */
class RtlConvCosimTest {

    static final int N = 40;
    static final int SHARED_N = 100;

    @TempDir
    Path dir;

    @Test
    void conv1dSameStride1() throws Exception {
        KerasModelFiles.Conv conv = KerasModelFiles.convolution(dir, "c1d", new int[] {10, 3}, 4, new int[] {3},
                new int[] {1}, "same", "", 21);
        cosimEqualsCsim("c1d", conv.files(), 30);
    }

    @Test
    void conv1dValidStride2() throws Exception {
        KerasModelFiles.Conv conv = KerasModelFiles.convolution(dir, "c1dv", new int[] {11, 2}, 3, new int[] {4},
                new int[] {2}, "valid", "", 22);
        cosimEqualsCsim("c1dv", conv.files(), 22);
    }

    /** Conv2D 'same' with stride 2 (the odd padding after the data), then Flatten (a repack of 3 into 27) and Dense. */
    @Test
    void conv2dSameStride2FlattenDense() throws Exception {
        Random r = new Random(23);
        Map<String, Map<String, Object>> w = new LinkedHashMap<>();
        float[][] flat = KerasModelFiles.randomMatrix(r, 3 * 3 * 2, 3, 1f);
        float[][][][] k = new float[3][3][2][];
        for (int i = 0; i < 18; i++) {
            k[i / 6][(i / 2) % 3][i % 2] = flat[i];
        }
        w.put("conv", Map.of("kernel", k, "bias", KerasModelFiles.randomMatrix(r, 1, 3, 0.5f)[0]));
        w.put("dense", Map.of("kernel", KerasModelFiles.randomMatrix(r, 27, 5, 0.3f),
                "bias", KerasModelFiles.randomMatrix(r, 1, 5, 0.5f)[0]));
        KerasModelFiles.Model m = KerasModelFiles.sequential(dir, "c2d", new int[] {6, 5, 2}, List.of(
                "{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"conv\", \"filters\": 3, \"kernel_size\": [3, 3],"
                        + " \"strides\": [2, 2], \"padding\": \"same\", \"activation\": \"relu\", \"use_bias\": true}}",
                "{\"class_name\": \"Flatten\", \"config\": {\"name\": \"flat\"}}",
                "{\"class_name\": \"Dense\", \"config\": {\"name\": \"dense\", \"units\": 5, \"activation\": \"linear\","
                        + " \"use_bias\": true}}"), w);
        cosimEqualsCsim("c2d", m, 60);
    }

    /**
     * Conv2D at ReuseFactor &gt; 1 (one output pixel per RF cycles, the same numbers): Latency RF 2 (n_in 12, n_out 3:
     * two whole input rows of the window per step), then Resource RF 24 (n_in 12, n_out 2: one product per step, half
     * an input row), on 6x5x2 -&gt; 3x3x3 -&gt; 2x2x2; also under random back-pressure.
     */
    @Test
    void conv2dReuseFactorsLatencyAndResource() throws Exception {
        Random r = new Random(31);
        Map<String, Map<String, Object>> w = new LinkedHashMap<>();
        w.put("conv1", Map.of("kernel", kernel2d(r, 3, 2, 2, 3), "bias", KerasModelFiles.randomMatrix(r, 1, 3, 0.5f)[0]));
        w.put("conv2", Map.of("kernel", kernel2d(r, 2, 2, 3, 2), "bias", KerasModelFiles.randomMatrix(r, 1, 2, 0.5f)[0]));
        KerasModelFiles.Model m = KerasModelFiles.sequential(dir, "crf2d", new int[] {6, 5, 2}, List.of(
                conv("Conv2D", "conv1", 3, "[3, 2]", "[2, 2]", "same", "relu"),
                conv("Conv2D", "conv2", 2, "[2, 2]", "[1, 1]", "valid", "linear")), w);
        cosimEqualsCsimWithBackPressure(dir, "crf2d", new int[] {6, 5, 2}, m, """
                  Model:
                    Precision: ap_fixed<16,6>
                  LayerName:
                    conv1:
                      Strategy: Latency
                      ReuseFactor: 2
                    conv2:
                      Strategy: Resource
                      ReuseFactor: 24
                """, "RtlConvCosimTest");
    }

    /**
     * Conv1D at ReuseFactor &gt; 1: Resource RF 3 with 'same' padding (n_in 9, n_out 2: three input rows per step) and a
     * saturating accumulator, then Resource RF 8 with stride 2 (n_in 4, n_out 4: half a row per step), on 10x3 -&gt;
     * 10x2 -&gt; 5x4; also under random back-pressure.
     */
    @Test
    void conv1dReuseFactorsResource() throws Exception {
        Random r = new Random(32);
        Map<String, Map<String, Object>> w = new LinkedHashMap<>();
        w.put("conv1", Map.of("kernel", kernel1d(r, 3, 3, 2), "bias", KerasModelFiles.randomMatrix(r, 1, 2, 0.5f)[0]));
        w.put("conv2", Map.of("kernel", kernel1d(r, 2, 2, 4), "bias", KerasModelFiles.randomMatrix(r, 1, 4, 0.5f)[0]));
        KerasModelFiles.Model m = KerasModelFiles.sequential(dir, "crf1d", new int[] {10, 3}, List.of(
                conv("Conv1D", "conv1", 2, "[3]", "[1]", "same", "linear"),
                conv("Conv1D", "conv2", 4, "[2]", "[2]", "valid", "linear")), w);
        cosimEqualsCsimWithBackPressure(dir, "crf1d", new int[] {10, 3}, m, """
                  Model:
                    Precision: ap_fixed<16,6>
                  LayerName:
                    conv1:
                      Strategy: Resource
                      ReuseFactor: 3
                      Precision:
                        accum: ap_fixed<16,6,AP_RND,AP_SAT>
                    conv2:
                      Strategy: Resource
                      ReuseFactor: 8
                """, "RtlConvCosimTest");
    }

    /**
     * DepthwiseConv1D (kernel 3, depth_multiplier 3, 'same') at Resource ReuseFactor 3: the window Dense with zeros off
     * the channel (n_in 6, n_out 6) takes 3 cycles per output pixel; then Conv1D at Latency ReuseFactor 2.
     */
    @Test
    void depthwise1dAndConv1dReuseFactors() throws Exception {
        Random r = new Random(33);
        Map<String, Map<String, Object>> w = new LinkedHashMap<>();
        w.put("dw", Map.of("depthwise_kernel", RandomArray.of(r, 1f, 3, 2, 3).nested(),
                "bias", RandomArray.of(r, 0.5f, 6).nested()));
        w.put("conv", Map.of("kernel", kernel1d(r, 2, 6, 2), "bias", KerasModelFiles.randomMatrix(r, 1, 2, 0.5f)[0]));
        KerasModelFiles.Model m = KerasModelFiles.sequential(dir, "dwrf", new int[] {9, 2}, List.of(
                "{\"class_name\": \"DepthwiseConv1D\", \"config\": {\"name\": \"dw\", \"kernel_size\": [3],"
                        + " \"padding\": \"same\", \"depth_multiplier\": 3, \"activation\": \"linear\","
                        + " \"use_bias\": true}}",
                conv("Conv1D", "conv", 2, "[2]", "[1]", "valid", "linear")), w);
        cosimEqualsCsimWithBackPressure(dir, "dwrf", new int[] {9, 2}, m, """
                  Model:
                    Precision: ap_fixed<16,6>
                  LayerName:
                    dw:
                      Strategy: Resource
                      ReuseFactor: 3
                    conv:
                      Strategy: Latency
                      ReuseFactor: 2
                """, "RtlConvCosimTest");
    }

    static String conv(String kerasClass, String name, int filters, String kernel, String strides,
                               String padding, String activation) {
        return "{\"class_name\": \"" + kerasClass + "\", \"config\": {\"name\": \"" + name + "\", \"filters\": "
                + filters + ", \"kernel_size\": " + kernel + ", \"strides\": " + strides + ", \"padding\": \""
                + padding + "\", \"activation\": \"" + activation + "\", \"use_bias\": true}}";
    }

    /** A random Keras Conv2D kernel [fh][fw][chan][filt]. */
    static float[][][][] kernel2d(Random r, int fh, int fw, int chan, int filt) {
        float[][] flat = KerasModelFiles.randomMatrix(r, fh * fw * chan, filt, 1f);
        float[][][][] k = new float[fh][fw][chan][];
        for (int i = 0; i < flat.length; i++) {
            k[i / (fw * chan)][(i / chan) % fw][i % chan] = flat[i];
        }
        return k;
    }

    /** A random Keras Conv1D kernel [fw][chan][filt]. */
    private static float[][][] kernel1d(Random r, int fw, int chan, int filt) {
        float[][] flat = KerasModelFiles.randomMatrix(r, fw * chan, filt, 1f);
        float[][][] k = new float[fw][chan][];
        for (int i = 0; i < flat.length; i++) {
            k[i / chan][i % chan] = flat[i];
        }
        return k;
    }

    /** The CNNs of ../shared on the first {@value #SHARED_N} samples of their reference inputs. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"KERAS_conv1d_small, conv1d_small_10x4_normal_n2000", "KERAS_conv2d_model, conv2d_8x8x1_normal_n2000",
            "jetTagger_Conv2D_Small_NoBatchNorm, jettagger_25x25x1_normal_n200"})
    void sharedCnn(String model, String inputs) throws Exception {
        List<String> lines;
        try (Stream<String> s = Files.lines(SharedData.reference("inputs/" + inputs + ".dat"))) {
            lines = s.limit(SHARED_N).toList();
        }
        Path in = Files.write(dir.resolve(inputs + "_n" + SHARED_N + ".dat"), lines);
        RtlLayerVariantsCosimTest.cosimEqualsCsim(model, GenerateRequest.builder()
                .model(SharedData.model("keras/" + model + ".json"))
                .weights(SharedData.model("keras/" + model + "_weights.h5"))
                .outputDirectory(dir.resolve("out")).projectName(model).ioType("io_stream").inputData(in).build(),
                SHARED_N, "RtlConvCosimTest");
    }

    private void cosimEqualsCsim(String name, KerasModelFiles.Model m, int inputs) throws Exception {
        String keep = System.getProperty("hls4ml.rtl.keep"); // debugging: keep the generated projects there
        if (keep != null && !keep.isBlank()) {
            dir = Files.createDirectories(Path.of(keep, name));
        }
        Path in = RandomInputs.write(dir.resolve(name + "_inputs.dat"), N, inputs, name.hashCode());
        RtlLayerVariantsCosimTest.cosimEqualsCsim(name, GenerateRequest.builder().model(m.json())
                .weights(m.weights()).outputDirectory(dir.resolve("out")).projectName(name).ioType("io_stream")
                .precision("ap_fixed<16,6>").inputData(in).build(), N, "RtlConvCosimTest");
    }

    /**
     * Generates, csims and cosims the model on {@value #N} seeded random samples in [-24, 24) (equal line for line),
     * then runs the built test bench again with random back-pressure and checks its output too.
     */
    static void cosimEqualsCsimWithBackPressure(Path dir, String name, int[] in, KerasModelFiles.Model m,
                                                String hlsConfig, String tag) throws Exception {
        String keep = System.getProperty("hls4ml.rtl.keep"); // debugging: keep the generated projects there
        if (keep != null && !keep.isBlank()) {
            dir = Files.createDirectories(Path.of(keep, name));
        }
        int values = Arrays.stream(in).reduce(1, (a, b) -> a * b);
        Path inputs = RandomInputs.write(dir.resolve(name + "_inputs.dat"), N, values, name.hashCode());
        Path config = Files.writeString(dir.resolve(name + ".yml"), "HLSConfig:\n" + hlsConfig);
        Path out = dir.resolve("out");
        RtlLayerVariantsCosimTest.cosimEqualsCsim(name, GenerateRequest.builder().model(m.json()).weights(m.weights())
                .config(config).outputDirectory(out).projectName(name).ioType("io_stream").inputData(inputs).build(),
                N, tag);
        assertEqualUnderBackPressure(out.resolve(name), name);
    }

    /** Runs the project's built test bench with HLS4ML_TB_STALL=30: its results equal csim's too. */
    static void assertEqualUnderBackPressure(Path prj, String name) throws Exception {
        Path binary = prj.resolve("build/cosim/obj/V" + name);
        assertTrue(Files.isExecutable(binary), binary.toString());
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "tb_data/tb_input_features.dat",
                "tb_data/rtl_stall_results.log", "build/cosim/report_stall.json", "100000").directory(prj.toFile())
                .redirectErrorStream(true).redirectOutput(prj.resolve("build/cosim/run_stall.log").toFile());
        pb.environment().put("HLS4ML_TB_STALL", "30");
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "stalled test bench run finished");
        assertEquals(0, p.exitValue(), Files.readString(prj.resolve("build/cosim/run_stall.log")));
        List<String> expected = Files.readAllLines(prj.resolve("tb_data/csim_results.log"));
        List<String> actual = Files.readAllLines(prj.resolve("tb_data/rtl_stall_results.log"));
        assertEquals(expected.size(), actual.size(), name + " under back-pressure");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), name + " under back-pressure: sample " + (i + 1));
        }
    }
}
