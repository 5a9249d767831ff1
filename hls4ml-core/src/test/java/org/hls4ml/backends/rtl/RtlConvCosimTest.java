package org.hls4ml.backends.rtl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.testing.KerasModelFiles;
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
 * Conv2D 'same', Flatten, Dense; the jet tagger CNN: two Conv2D, Flatten, two Dense) on their reference inputs.
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
}
