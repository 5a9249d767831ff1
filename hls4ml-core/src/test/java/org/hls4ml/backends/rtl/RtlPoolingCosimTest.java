package org.hls4ml.backends.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.model.ModelGraph;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.testing.KerasModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The RTL of the io_stream layers that move or pool pixels (MaxPooling / AveragePooling 1D and 2D on the line buffer of
 * nnet::window_stream, the global poolings, ZeroPadding, Cropping and nearest UpSampling on nnet::gather's row buffer)
 * against the generated C++: small Keras models (several of those layers chained, so one Verilator build covers many)
 * with seeded random inputs in [-24, 24) go through generate, csim and cosim; the RTL co-simulation's output must equal
 * the C simulation's line for line, and so must a second run of the test bench with random back-pressure
 * ({@link RtlConvCosimTest#cosimEqualsCsimWithBackPressure}).
 */
class RtlPoolingCosimTest {

    @TempDir
    Path dir;

    /**
     * ZeroPadding2D (asymmetric), MaxPooling2D 3x2 stride 2x1 'same', AveragePooling2D 2x3 stride 1x2 'same' (windows
     * of 2 to 6 cells inside the input; a rounding, saturating accum_t), UpSampling2D 2x3 and Cropping2D (asymmetric)
     * with rounding, saturating result types: 7x6x2 -&gt; 7x12x2.
     */
    @Test
    void padMaxAvgUpCrop2d() throws Exception {
        cosimEqualsCsim("img2d", new int[] {7, 6, 2}, List.of(
                layer("ZeroPadding2D", "pad", "\"padding\": [[1, 0], [2, 1]]"),
                layer("MaxPooling2D", "maxp", "\"pool_size\": [3, 2], \"strides\": [2, 1], \"padding\": \"same\""),
                layer("AveragePooling2D", "avgp", "\"pool_size\": [2, 3], \"strides\": [1, 2], \"padding\": \"same\""),
                layer("UpSampling2D", "up", "\"size\": [2, 3]"),
                layer("Cropping2D", "crop", "\"cropping\": [[1, 0], [2, 1]]")), """
                  Model:
                    Precision: ap_fixed<16,6>
                  LayerName:
                    maxp:
                      Precision:
                        result: ap_fixed<14,5,AP_RND,AP_SAT>
                    avgp:
                      Precision:
                        accum: ap_fixed<14,6,AP_RND,AP_SAT>
                        result: ap_fixed<12,5,AP_RND_CONV,AP_SAT>
                    up:
                      Precision:
                        result: ap_fixed<12,5>
                    crop:
                      Precision:
                        result: ap_fixed<10,4,AP_RND,AP_SAT_SYM>
                """);
    }

    /**
     * ZeroPadding1D (to an unsigned, rounding type), AveragePooling1D 3 stride 2 'valid' on the unsigned values (a
     * wrapping accum_t: their sums leave [-32, 32)), MaxPooling1D 2 stride 1 'same' (an unsigned, saturating result),
     * UpSampling1D 3, Cropping1D, AveragePooling1D 4 stride 3 'same', MaxPooling1D 3 (stride 3): 12x3 -&gt; 4x3.
     */
    @Test
    void padAvgMaxUpCrop1d() throws Exception {
        cosimEqualsCsim("img1d", new int[] {12, 3}, List.of(
                layer("ZeroPadding1D", "pad", "\"padding\": [2, 1]"),
                layer("AveragePooling1D", "avg1", "\"pool_size\": 3, \"strides\": 2, \"padding\": \"valid\""),
                layer("MaxPooling1D", "max1", "\"pool_size\": 2, \"strides\": 1, \"padding\": \"same\""),
                layer("UpSampling1D", "up", "\"size\": 3"),
                layer("Cropping1D", "crop", "\"cropping\": [1, 2]"),
                layer("AveragePooling1D", "avg2", "\"pool_size\": 4, \"strides\": 3, \"padding\": \"same\""),
                layer("MaxPooling1D", "max2", "\"pool_size\": 3")), """
                  Model:
                    Precision: ap_fixed<16,6>
                  LayerName:
                    pad:
                      Precision:
                        result: ap_ufixed<12,6,AP_RND,AP_WRAP>
                    max1:
                      Precision:
                        result: ap_ufixed<12,5,AP_RND,AP_SAT>
                """);
    }

    /**
     * ap_int / ap_uint types on the line buffer and the poolings: an ap_int model input (the test bench converts the
     * doubles as the C++ does: floor, then wrap), ZeroPadding1D into ap_int, AveragePooling1D with an ap_int accum_t
     * (integer division truncating toward zero) into a narrower ap_int, MaxPooling1D into a wrapping ap_uint, a
     * second average in ap_fixed into an ap_int model output (truncated toward zero).
     */
    @Test
    void integerTypes1d() throws Exception {
        cosimEqualsCsim("int1d", new int[] {12, 3}, List.of(
                layer("ZeroPadding1D", "pad", "\"padding\": [2, 1]"),
                layer("AveragePooling1D", "avg1", "\"pool_size\": 3, \"strides\": 2, \"padding\": \"valid\""),
                layer("MaxPooling1D", "max1", "\"pool_size\": 2, \"strides\": 1, \"padding\": \"same\""),
                layer("AveragePooling1D", "avg2", "\"pool_size\": 2, \"strides\": 2, \"padding\": \"valid\"")), """
                  Model:
                    Precision: ap_fixed<16,6>
                  LayerName:
                    input_1:
                      Precision:
                        result: ap_int<5>
                    pad:
                      Precision:
                        result: ap_int<6>
                    avg1:
                      Precision:
                        accum: ap_int<9>
                        result: ap_int<4>
                    max1:
                      Precision:
                        result: ap_uint<3>
                    avg2:
                      Precision:
                        accum: ap_fixed<10,6>
                        result: ap_int<5>
                """);
    }

    /**
     * A small CNN as they are built: Conv2D 'same' + relu at Resource ReuseFactor 3, MaxPooling2D 2x2, Conv2D 'valid',
     * GlobalAveragePooling2D, Dense: 8x8x1 -&gt; 8x8x4 -&gt; 4x4x4 -&gt; 3x3x3 -&gt; 3 -&gt; 5.
     */
    @Test
    void cnnConvPoolConvGlobalDense() throws Exception {
        Random r = new Random(41);
        Map<String, Map<String, Object>> w = new LinkedHashMap<>();
        w.put("conv1", Map.of("kernel", RtlConvCosimTest.kernel2d(r, 3, 3, 1, 4),
                "bias", KerasModelFiles.randomMatrix(r, 1, 4, 0.5f)[0]));
        w.put("conv2", Map.of("kernel", RtlConvCosimTest.kernel2d(r, 2, 2, 4, 3),
                "bias", KerasModelFiles.randomMatrix(r, 1, 3, 0.5f)[0]));
        w.put("fc", Map.of("kernel", KerasModelFiles.randomMatrix(r, 3, 5, 1f),
                "bias", KerasModelFiles.randomMatrix(r, 1, 5, 0.5f)[0]));
        int[] in = {8, 8, 1};
        KerasModelFiles.Model m = KerasModelFiles.sequential(dir, "cnn", in, List.of(
                RtlConvCosimTest.conv("Conv2D", "conv1", 4, "[3, 3]", "[1, 1]", "same", "relu"),
                layer("MaxPooling2D", "pool", "\"pool_size\": [2, 2]"),
                RtlConvCosimTest.conv("Conv2D", "conv2", 3, "[2, 2]", "[1, 1]", "valid", "linear"),
                layer("GlobalAveragePooling2D", "gap", null),
                "{\"class_name\": \"Dense\", \"config\": {\"name\": \"fc\", \"units\": 5, \"activation\":"
                        + " \"linear\", \"use_bias\": true}}"), w);
        RtlConvCosimTest.cosimEqualsCsimWithBackPressure(dir, "cnn", in, m, """
                  Model:
                    Precision: ap_fixed<16,6>
                  LayerName:
                    conv1:
                      Strategy: Resource
                      ReuseFactor: 3
                """, "RtlPoolingCosimTest");
    }

    /** The global poolings: every pixel of a channel into one value (the average divides by the pixel count). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"GlobalAveragePooling2D, 5 4 3", "GlobalMaxPooling2D, 3 5 2", "GlobalAveragePooling1D, 9 4",
            "GlobalMaxPooling1D, 7 3"})
    void globalPooling(String kerasClass, String shape) throws Exception {
        int[] in = Arrays.stream(shape.split(" ")).mapToInt(Integer::parseInt).toArray();
        cosimEqualsCsim(kerasClass.toLowerCase(), in, List.of(layer(kerasClass, "gp", null)), """
                  Model:
                    Precision: ap_fixed<16,6>
                  LayerName:
                    gp:
                      Precision:
                        accum: ap_fixed<20,10,AP_RND,AP_SAT>
                        result: ap_fixed<12,5,AP_RND,AP_SAT>
                """);
    }

    /** The layers of this class are no longer refused by the RTL backend. */
    @Test
    void theRtlBackendNoLongerRefusesThem() throws Exception {
        for (String[] c : new String[][] {{"MaxPooling2D", "\"pool_size\": [2, 2]"},
                {"AveragePooling2D", "\"pool_size\": [2, 2]"}, {"GlobalMaxPooling2D", null},
                {"GlobalAveragePooling2D", null}, {"ZeroPadding2D", "\"padding\": 1"},
                {"Cropping2D", "\"cropping\": 1"}, {"UpSampling2D", "\"size\": [2, 2]"}}) {
            KerasModelFiles.Model m = KerasModelFiles.sequential(dir, "one", new int[] {4, 4, 2},
                    List.of(layer(c[0], "l", c[1])), Map.of());
            ModelGraph g = Hls4ml.convert(GenerateRequest.builder().model(m.json()).weights(m.weights())
                    .outputDirectory(dir.resolve("out_" + c[0])).projectName("one").ioType("io_stream")
                    .precision("ap_fixed<16,6>").build(), ProgressListener.NONE).model();
            assertEquals(List.of(), RtlWriter.write(g).unsupported(), c[0]);
        }
    }

    static String layer(String kerasClass, String name, String config) {
        return "{\"class_name\": \"" + kerasClass + "\", \"config\": {\"name\": \"" + name + "\""
                + (config == null ? "" : ", " + config) + "}}";
    }

    private void cosimEqualsCsim(String name, int[] in, List<String> layers, String hlsConfig) throws Exception {
        KerasModelFiles.Model m = KerasModelFiles.sequential(dir, name, in, layers, Map.of());
        RtlConvCosimTest.cosimEqualsCsimWithBackPressure(dir, name, in, m, hlsConfig, "RtlPoolingCosimTest");
    }
}
