package org.hls4ml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.hls4ml.sim.DatFile;
import org.hls4ml.sim.PredictionComparison;
import org.hls4ml.testing.RecordingListener;
import org.hls4ml.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The models of the shared collection that issue 6 names (the convolutional ones, KERAS_1layer, KERAS_3layer_batch_norm,
 * KERAS_dense_16x100x100x100x100x100x5) through csim on the shared reference inputs, in both IO types.
 *
 * <p>With the default precision (ap_fixed&lt;16,6&gt;, Latency, ReuseFactor 1): io_parallel and io_stream give the same
 * numbers bit for bit, and against the float64 forward pass the classification agrees where the float reference
 * decides clearly. KERAS_conv1d_small's five softmax outputs are all near 0.2 (a fifth of the samples have their top two
 * within 0.005 of each other, finer than the softmax's exp table bins of 1/32), so its overall agreement is lower than
 * conv2d_model's. The jet tagger CNN's activations overflow ap_fixed&lt;16,6&gt; on these inputs, so for it only the IO
 * types are compared and the agreement printed; with a wide precision it must then agree with the float reference.
 */
class SharedModelsCsimTest {

    @TempDir
    Path out;

    /** Generates and runs csim; returns the results file. */
    private Path csim(String model, String io, Path inputs, String precision) {
        GenerateResult g = Hls4ml.generate(GenerateRequest.builder()
                .model(SharedData.model("keras/" + model + ".json"))
                .weights(SharedData.model("keras/" + model + "_weights.h5"))
                .outputDirectory(out.resolve(io + "_" + precision.replaceAll("\\W", "")))
                .projectName("myproject")
                .ioType(io)
                .precision(precision)
                .inputData(inputs)
                .build(), new RecordingListener());
        CsimReport r = Hls4ml.csim(new CsimOptions(g.projectDir(), null, List.of("-O1", "-std=c++14"), null,
                Duration.ofMinutes(10), null, null), new RecordingListener());
        assertTrue(r.result().ran(), r.result().summary());
        return r.result().resultsFile();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "KERAS_conv1d_small, conv1d_small_10x4_normal_n2000, KERAS_conv1d_small_floatref_normal_n2000,"
                    + " 2000, 5, 0.80, 0.05, 0.98, 0.01",
            "KERAS_conv2d_model, conv2d_8x8x1_normal_n2000, KERAS_conv2d_model_floatref_normal_n2000,"
                    + " 2000, 10, 0.95, 0.15, 0.99, 0.005",
            "jetTagger_Conv2D_Small_NoBatchNorm, jettagger_25x25x1_normal_n200,"
                    + " jetTagger_Conv2D_Small_NoBatchNorm_floatref_normal_n200, 200, 5, -1, -1, -1, -1",
            "KERAS_1layer, dense10_normal_n2000, KERAS_1layer_floatref_normal_n2000, 2000, 1, -1, -1, -1, 0.003",
            "KERAS_3layer_batch_norm, jet16_normal_n10000, KERAS_3layer_batch_norm_floatref_normal_n10000,"
                    + " 10000, 5, 0.95, -1, 0.96, 0.03",
            "KERAS_dense_16x100x100x100x100x100x5, jet16_normal_n10000,"
                    + " KERAS_dense_16x100x100x100x100x100x5_floatref_normal_n10000, 10000, 5, 0.99, 0.02, -1, 0.01"})
    void parallelEqualsStreamAndAgreesWithTheFloatReference(String model, String inputs, String floatRef, int samples,
                                                            int outputs, double minAgreement, double maxDiff,
                                                            double minClearAgreement, double maxMeanDiff)
            throws Exception {
        Path in = SharedData.reference("inputs/" + inputs + ".dat");
        Path ref = SharedData.reference("float/" + floatRef + ".dat");
        List<double[]> reference = DatFile.read(ref);
        PredictionComparison[] vsFloat = new PredictionComparison[2];
        Path[] results = new Path[2];
        double[] clear = new double[2];
        List<String> ioTypes = List.of("io_parallel", "io_stream");
        for (int k = 0; k < 2; k++) {
            String io = ioTypes.get(k);
            results[k] = csim(model, io, in, "ap_fixed<16,6>");
            vsFloat[k] = PredictionComparison.compare(results[k], ref);
            assertEquals(samples, vsFloat[k].samples());
            assertEquals(outputs, vsFloat[k].outputs());
            clear[k] = clearAgreement(DatFile.read(results[k]), reference, 0.02);
            System.out.printf(Locale.ROOT, "%s %s vs float64: max abs diff %.6f, mean abs diff %.6f, argmax agreement"
                            + " %.4f over %d samples (%.4f where the float top two differ by more than 0.02)%n", model,
                    io, vsFloat[k].maxAbsDiff(), vsFloat[k].meanAbsDiff(), vsFloat[k].argmaxAgreement(),
                    vsFloat[k].samples(), clear[k]);
        }
        // (a) the two IO types compute the same numbers
        assertEquals("none", PredictionComparison.firstDifference(DatFile.readRaw(results[1]),
                DatFile.readRaw(results[0]), "io_stream", "io_parallel").orElse("none"));
        // (b) the classification against the float64 forward pass
        // (-1: not checked; a single sigmoid output has no argmax, a CNN that overflows has no meaningful bound)
        if (minAgreement >= 0) {
            assertTrue(vsFloat[0].argmaxAgreement() >= minAgreement, model + ": " + vsFloat[0].describe());
        }
        if (maxDiff >= 0) {
            assertTrue(vsFloat[0].maxAbsDiff() < maxDiff, model + ": " + vsFloat[0].describe());
        }
        if (minClearAgreement >= 0) {
            assertTrue(clear[0] >= minClearAgreement, model + ": " + clear[0] + " where the float reference is clear");
        }
        if (maxMeanDiff >= 0) {
            assertTrue(vsFloat[0].meanAbsDiff() < maxMeanDiff, model + ": " + vsFloat[0].describe());
        }
    }

    /**
     * The jet tagger CNN (strides 3 and 2, 'same' padding with the extra row and column at the bottom and right) with
     * ap_fixed&lt;32,14&gt; everywhere: nothing overflows and the classification follows the float reference.
     */
    @Test
    void jetTaggerCnnWithAWidePrecisionFollowsTheFloatReference() throws Exception {
        Path ref = SharedData.reference("float/jetTagger_Conv2D_Small_NoBatchNorm_floatref_normal_n200.dat");
        Path results = csim("jetTagger_Conv2D_Small_NoBatchNorm", "io_stream",
                SharedData.reference("inputs/jettagger_25x25x1_normal_n200.dat"), "ap_fixed<32,14>");
        PredictionComparison c = PredictionComparison.compare(results, ref);
        System.out.printf(Locale.ROOT, "jetTagger_Conv2D_Small_NoBatchNorm io_stream ap_fixed<32,14> vs float64: max abs"
                + " diff %.6f, argmax agreement %.4f%n", c.maxAbsDiff(), c.argmaxAgreement());
        assertEquals(200, c.samples());
        assertTrue(c.argmaxAgreement() >= 0.97, c.describe());
        assertTrue(c.maxAbsDiff() < 0.05, c.describe());
    }

    /**
     * The jet tagger CNN with its BatchNormalization layers (one on the 25x25x1 input, one on the 9x9x5 feature map after
     * the first Conv2D + relu, each per channel): there is no float reference, so the two IO types must agree bit for
     * bit, and both normalizations are generated with one scale/bias per channel.
     */
    @Test
    void jetTaggerCnnWithBatchNormalizationGivesTheSameNumbersInBothIoTypes() throws Exception {
        Path in = SharedData.reference("inputs/jettagger_25x25x1_normal_n200.dat");
        Path parallel = csim("jetTagger_Conv2D_Small", "io_parallel", in, "ap_fixed<16,6>");
        Path stream = csim("jetTagger_Conv2D_Small", "io_stream", in, "ap_fixed<16,6>");
        assertEquals(200, DatFile.read(parallel).size());
        assertEquals("none", PredictionComparison.firstDifference(DatFile.readRaw(stream), DatFile.readRaw(parallel),
                "io_stream", "io_parallel").orElse("none"));
        String parameters = Files.readString(parallel.getParent().getParent().resolve("firmware/parameters.h"));
        for (String t : List.of("static const unsigned n_in = 625;\n    static const unsigned n_filt = 1;",
                "static const unsigned n_in = 405;\n    static const unsigned n_filt = 5;")) {
            assertTrue(parameters.contains(t), t + " in\n" + parameters);
        }
    }

    /**
     * hls4ml's names: the second layer's types are layer2_t, weight2_t, bias2_t and conv1_relu_accum_t, its structs
     * config2 and config2_mult, so a configuration keyed by the Keras layer name reaches them.
     */
    @Test
    void convolutionTypesAndConfigsHaveHls4mlsNames() throws Exception {
        Path yaml = Files.writeString(out.resolve("conv.yml"), """
                HLSConfig:
                  Model:
                    Precision: ap_fixed<16,6>
                  LayerName:
                    conv1_relu:
                      Precision:
                        weight: ap_fixed<8,3>
                        bias: ap_fixed<10,4>
                        accum: ap_fixed<20,8>
                        result: ap_fixed<18,7>
                """);
        GenerateResult g = Hls4ml.generate(GenerateRequest.builder()
                .model(SharedData.model("keras/KERAS_conv1d_small.json"))
                .weights(SharedData.model("keras/KERAS_conv1d_small_weights.h5"))
                .outputDirectory(out).projectName("myproject").config(yaml).build(), new RecordingListener());
        String defines = Files.readString(g.projectDir().resolve("firmware/defines.h"));
        for (String t : List.of("typedef ap_fixed<8,3> weight2_t;", "typedef ap_fixed<10,4> bias2_t;",
                "typedef ap_fixed<20,8> conv1_relu_accum_t;", "typedef ap_fixed<18,7> layer2_t;",
                "typedef ap_fixed<16,6> weight4_t;")) {
            assertTrue(defines.contains(t), t + " in\n" + defines);
        }
        String parameters = Files.readString(g.projectDir().resolve("firmware/parameters.h"));
        for (String t : List.of("struct config2_mult : nnet::dense_config {", "struct config2 : nnet::conv1d_config {",
                "    static const unsigned pad_left = 1;\n    static const unsigned pad_right = 2;",
                "    typedef config2_mult mult_config;")) {
            assertTrue(parameters.contains(t), t + " in\n" + parameters);
        }
        String top = Files.readString(g.projectDir().resolve("firmware/myproject.cpp"));
        assertTrue(top.contains("nnet::conv_1d_cl<input_t, layer2_t, config2>(input_1, layer2_out, w2, b2); // conv1_relu"),
                top);
    }

    /** Argmax agreement over the samples whose reference top two outputs differ by more than {@code margin}. */
    static double clearAgreement(List<double[]> actual, List<double[]> reference, double margin) {
        int n = 0;
        int same = 0;
        for (int s = 0; s < reference.size(); s++) {
            double[] r = reference.get(s);
            int top = DenseVariantsCsimTest.argmax(r);
            double second = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < r.length; j++) {
                if (j != top) {
                    second = Math.max(second, r[j]);
                }
            }
            if (r[top] - second > margin) {
                n++;
                same += DenseVariantsCsimTest.argmax(actual.get(s)) == top ? 1 : 0;
            }
        }
        return n == 0 ? Double.NaN : same / (double) n;
    }
}
