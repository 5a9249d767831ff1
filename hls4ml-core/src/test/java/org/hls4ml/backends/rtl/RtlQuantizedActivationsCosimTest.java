package org.hls4ml.backends.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.cosim.CosimOptions;
import org.hls4ml.api.CsimOptions;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.GenerateResult;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.testing.SharedData;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RTL of binary_tanh, ternary_tanh, hard_tanh (QKeras quantized_tanh's mapping, into a rounding and saturating type)
 * and PReLU (on a Dense output, and after a Conv1D over several stream transactions), the shared binary / ternary
 * networks (ap_int types, the fused thresholding layer) and ap_int / ap_uint types in a Dense chain, against the
 * generated C++ (cosim == csim line for line).
 */
class RtlQuantizedActivationsCosimTest {

    static final int N = 300;

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

    @Test
    void binaryTernaryAndHardTanh() throws Exception {
        RtlLayerVariantsCosimTest.Model m = new RtlLayerVariantsCosimTest.Model("qacts", 21L, 16)
                .dense("d1", 8, "binary_tanh", 1.5f)
                .dense("d2", 8, "ternary_tanh", 1.5f)
                .dense("d3", 8, "linear", 1.5f)
                .layer("{\"class_name\": \"QActivation\", \"config\": {\"name\": \"qt\", \"activation\":"
                        + " \"quantized_tanh(4)\"}}")
                .dense("d4", 8, "linear", 1.5f)
                .layer("{\"class_name\": \"Activation\", \"config\": {\"name\": \"ht\", \"activation\": \"hard_tanh\"}}")
                .dense("d5", 5, "linear", 1.0f);
        Path config = Files.writeString(out.resolve("qacts.yml"), "HLSConfig:\n  Model:\n    Precision: ap_fixed<16,6>\n");
        RtlLayerVariantsCosimTest.cosimEqualsCsim(m.name, GenerateRequest.builder().model(m.json(out))
                .weights(m.h5(out)).config(config).outputDirectory(out).projectName(m.name).ioType("io_stream")
                .precision("ap_fixed<16,6>").inputData(inputs).build(), N, "RtlQuantizedActivationsCosimTest");
    }

    /** csim runs, cosim refuses with a message naming the layer. */
    void refused(GenerateRequest request, String message) {
        GenerateResult g = Hls4ml.generate(request, ProgressListener.NONE);
        Hls4ml.csim(new CsimOptions(g.projectDir(), null, RtlLayerVariantsCosimTest.FAST, null, Duration.ofMinutes(5),
                null, null), ProgressListener.NONE);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Hls4ml.cosim(
                new CosimOptions(g.projectDir(), null, null, null, null, null, null, false), ProgressListener.NONE));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void preluOnADenseOutput() throws Exception {
        RtlLayerVariantsCosimTest.Model m = new RtlLayerVariantsCosimTest.Model("prelu", 22L, 16)
                .dense("d1", 8, "linear", 1.5f)
                .layer("{\"class_name\": \"PReLU\", \"config\": {\"name\": \"pr\", \"shared_axes\": null}}");
        m.weights.put("pr", java.util.Map.of("alpha", new float[] {0.1f, -0.2f, 0.3f, 0.45f, 0.5f, 0.6f, 0.7f,
                1.3f}));
        m.dense("d2", 5, "linear", 1.0f);
        Path config = Files.writeString(out.resolve("prelu.yml"), "HLSConfig:\n  Model:\n    Precision: ap_fixed<16,6>\n");
        RtlLayerVariantsCosimTest.cosimEqualsCsim(m.name, GenerateRequest.builder().model(m.json(out))
                .weights(m.h5(out)).config(config).outputDirectory(out).projectName(m.name).ioType("io_stream")
                .precision("ap_fixed<16,6>").inputData(inputs).build(), N, "RtlQuantizedActivationsCosimTest");
    }

    /** PReLU after a Conv1D: 6 transactions of 4 channels, one alpha per element (a ROM per lane by transaction). */
    @Test
    void preluOverSeveralTransactions() throws Exception {
        java.util.Random r = new java.util.Random(5L);
        float[][][] kernel = new float[3][2][4];
        float[][] alpha = new float[6][4];
        for (float[][] a : kernel) {
            for (float[] b : a) {
                for (int i = 0; i < 4; i++) {
                    b[i] = r.nextFloat() - 0.5f;
                }
            }
        }
        for (float[] a : alpha) {
            for (int i = 0; i < 4; i++) {
                a[i] = r.nextFloat() * 0.5f;
            }
        }
        org.hls4ml.testing.KerasModelFiles.Model conv = org.hls4ml.testing.KerasModelFiles.sequential(out, "cprelu",
                new int[] {8, 2}, List.of("{\"class_name\": \"Conv1D\", \"config\": {\"name\": \"c\", \"filters\": 4,"
                        + " \"kernel_size\": [3], \"strides\": [1], \"padding\": \"valid\", \"activation\": \"linear\","
                        + " \"use_bias\": true}}",
                        "{\"class_name\": \"PReLU\", \"config\": {\"name\": \"cpr\", \"shared_axes\": null}}"),
                java.util.Map.of("c", java.util.Map.of("kernel", kernel, "bias", new float[4]),
                        "cpr", java.util.Map.of("alpha", alpha)));
        RtlLayerVariantsCosimTest.cosimEqualsCsim("cprelu", GenerateRequest.builder().model(conv.json())
                .weights(conv.weights()).outputDirectory(out).projectName("cprelu").ioType("io_stream")
                .precision("ap_fixed<16,6>").inputData(inputs).build(), N, "RtlQuantizedActivationsCosimTest");
    }

    /** The shared binary / ternary networks (ap_int types, the fused thresholding layer) in io_stream. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"KERAS_3layer_binary_smaller", "KERAS_3layer_ternary_small",
            "KERAS_3layer_binarydense_relu_max", "keras_bnn"})
    void binaryAndTernaryNetworks(String model) throws Exception {
        RtlLayerVariantsCosimTest.cosimEqualsCsim(model, GenerateRequest.builder()
                .model(SharedData.model("keras/" + model + ".json"))
                .weights(SharedData.model("keras/" + model + "_weights.h5")).outputDirectory(out)
                .projectName(model).ioType("io_stream").inputData(inputs).build(), N, "RtlQuantizedActivationsCosimTest");
    }

    /**
     * The thresholding layer over several stream transactions: Conv1D (6 output pixels of 4 channels) +
     * BatchNormalization + binary_tanh / ternary_tanh, fused; lane k of every transaction compares with channel k's
     * thresholds.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"binary_tanh", "ternary_tanh"})
    void thresholdsAfterAConvolution(String activation) throws Exception {
        java.util.Random r = new java.util.Random(9L);
        float[][][] kernel = new float[3][2][4];
        for (float[][] a : kernel) {
            for (float[] b : a) {
                for (int i = 0; i < 4; i++) {
                    b[i] = r.nextFloat() - 0.5f;
                }
            }
        }
        float[] gamma = {0.8f, 1.3f, 0.5f, 2.0f};
        float[] beta = {0.1f, -0.3f, 0.05f, 0.4f};
        float[] mean = {0.02f, -0.1f, 0.2f, 0.0f};
        float[] var = {0.5f, 1.1f, 0.3f, 2.5f};
        String name = activation.startsWith("binary") ? "cbin" : "cter";
        org.hls4ml.testing.KerasModelFiles.Model conv = org.hls4ml.testing.KerasModelFiles.sequential(out, name,
                new int[] {8, 2}, List.of("{\"class_name\": \"Conv1D\", \"config\": {\"name\": \"c\", \"filters\": 4,"
                        + " \"kernel_size\": [3], \"strides\": [1], \"padding\": \"valid\", \"activation\": \"linear\","
                        + " \"use_bias\": true}}",
                        "{\"class_name\": \"BatchNormalization\", \"config\": {\"name\": \"bn\", \"epsilon\": 0.001,"
                        + " \"center\": true, \"scale\": true}}",
                        "{\"class_name\": \"Activation\", \"config\": {\"name\": \"q\", \"activation\": \""
                        + activation + "\"}}"),
                java.util.Map.of("c", java.util.Map.of("kernel", kernel, "bias", new float[4]),
                        "bn", java.util.Map.of("gamma", gamma, "beta", beta, "moving_mean", mean,
                                "moving_variance", var)));
        RtlLayerVariantsCosimTest.cosimEqualsCsim(name, GenerateRequest.builder().model(conv.json())
                .weights(conv.weights()).outputDirectory(out).projectName(name).ioType("io_stream")
                .precision("ap_fixed<16,6>").inputData(inputs).build(), N, "RtlQuantizedActivationsCosimTest");
        Path top;
        try (Stream<Path> files = Files.walk(out)) {
            top = files.filter(f -> f.endsWith(Path.of("firmware", name + ".cpp"))).findFirst().orElseThrow();
        }
        String cpp = Files.readString(top);
        assertTrue(cpp.contains("normalize_" + activation), cpp);
    }

    /**
     * ap_int / ap_uint types in a Dense / activation chain: an integer Dense result (casts truncating toward zero),
     * integer weights and accumulator, an unsigned integer relu output and a Dense reading it.
     */
    @Test
    void integerTypesInADenseChain() throws Exception {
        RtlLayerVariantsCosimTest.Model m = new RtlLayerVariantsCosimTest.Model("apint", 23L, 16)
                .dense("d1", 8, "linear", 3.0f)
                .dense("d2", 8, "relu", 3.0f)
                .dense("d3", 6, "linear", 1.5f);
        Path config = Files.writeString(out.resolve("apint.yml"), """
                HLSConfig:
                  Model:
                    Precision: ap_fixed<16,6>
                  LayerName:
                    d1:
                      Precision:
                        result: ap_int<6>
                    d2:
                      Precision:
                        weight: ap_int<3>
                        accum: ap_int<10>
                        result: ap_int<7>
                    d2_relu:
                      Precision:
                        result: ap_uint<4>
                    d3:
                      Precision:
                        bias: ap_int<4>
                        result: ap_fixed<12,8>
                """);
        RtlLayerVariantsCosimTest.cosimEqualsCsim(m.name, GenerateRequest.builder().model(m.json(out))
                .weights(m.h5(out)).config(config).outputDirectory(out).projectName(m.name).ioType("io_stream")
                .precision("ap_fixed<16,6>").inputData(inputs).build(), N, "RtlQuantizedActivationsCosimTest");
        String types;
        try (Stream<Path> files = Files.walk(out)) {
            types = files.filter(f -> f.getFileName().toString().matches("defines\\.h|parameters\\.h|weights.*\\.h|"
                    + "w\\d+\\.h|b\\d+\\.h")).map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).reduce("", String::concat);
        }
        for (String t : List.of("ap_int<6>", "ap_int<3>", "ap_int<10>", "ap_int<7>", "ap_uint<4>", "ap_int<4>")) {
            assertTrue(types.contains(t), t + " not in the generated types");
        }
    }
}
