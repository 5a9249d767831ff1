package org.hls4ml.backends.rtl;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.testing.KerasModelFiles;
import org.hls4ml.testing.RandomArray;
import org.hls4ml.testing.RandomInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RTL of DepthwiseConv1D/2D and of SeparableConv2D's two parts (io_stream, the line buffer of the convolutions),
 * against the generated C++: seeded random weights, inputs in [-24, 24) so that some sums wrap, and the RTL
 * co-simulation's outputs must equal the C simulation's line for line.
 */
class RtlDepthwiseCosimTest {

    static final int N = 30;

    @TempDir
    Path dir;

    private static Map<String, Object> weights(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * DepthwiseConv2D (depth_multiplier 2, 'same', stride 2, relu) on 6x5x3, then SeparableConv2D (3x3 'valid',
     * depth_multiplier 1, 4 filters: sep_depthwise and the 1x1 sep_pointwise), Flatten and Dense.
     */
    @Test
    void depthwise2dThenSeparable2d() throws Exception {
        Random r = new Random(31);
        Map<String, Map<String, Object>> w = new LinkedHashMap<>();
        w.put("dw", weights("depthwise_kernel", RandomArray.of(r, 1f, 3, 2, 3, 2).nested(),
                "bias", RandomArray.of(r, 0.5f, 6).nested()));
        w.put("sep", weights("depthwise_kernel", RandomArray.of(r, 1f, 3, 3, 6, 1).nested(),
                "pointwise_kernel", RandomArray.of(r, 0.5f, 1, 1, 6, 4).nested(),
                "bias", RandomArray.of(r, 0.5f, 4).nested()));
        w.put("dense", weights("kernel", KerasModelFiles.randomMatrix(r, 4, 3, 0.5f),
                "bias", KerasModelFiles.randomMatrix(r, 1, 3, 0.5f)[0]));
        KerasModelFiles.Model m = KerasModelFiles.sequential(dir, "dw2d", new int[] {6, 5, 3}, List.of(
                "{\"class_name\": \"DepthwiseConv2D\", \"config\": {\"name\": \"dw\", \"kernel_size\": [3, 2],"
                        + " \"strides\": [2, 2], \"padding\": \"same\", \"depth_multiplier\": 2,"
                        + " \"activation\": \"relu\", \"use_bias\": true}}",
                "{\"class_name\": \"SeparableConv2D\", \"config\": {\"name\": \"sep\", \"filters\": 4,"
                        + " \"kernel_size\": [3, 3], \"padding\": \"valid\", \"activation\": \"linear\","
                        + " \"use_bias\": true}}",
                "{\"class_name\": \"Flatten\", \"config\": {\"name\": \"flat\"}}",
                "{\"class_name\": \"Dense\", \"config\": {\"name\": \"dense\", \"units\": 3, \"activation\": \"linear\","
                        + " \"use_bias\": true}}"), w);
        cosimEqualsCsim("dw2d", m, 6 * 5 * 3, null);
    }

    /** DepthwiseConv1D, depth_multiplier 3, 'same'. */
    @Test
    void depthwise1d() throws Exception {
        Random r = new Random(32);
        KerasModelFiles.Model m = KerasModelFiles.sequential(dir, "dw1d", new int[] {9, 2}, List.of(
                "{\"class_name\": \"DepthwiseConv1D\", \"config\": {\"name\": \"dw\", \"kernel_size\": [3],"
                        + " \"padding\": \"same\", \"depth_multiplier\": 3, \"activation\": \"linear\","
                        + " \"use_bias\": true}}"),
                Map.of("dw", weights("depthwise_kernel", RandomArray.of(r, 1f, 3, 2, 3).nested(),
                        "bias", RandomArray.of(r, 0.5f, 6).nested())));
        cosimEqualsCsim("dw1d", m, 18, null);
    }

    private void cosimEqualsCsim(String name, KerasModelFiles.Model m, int inputs, Integer reuse) throws Exception {
        Path in = RandomInputs.write(dir.resolve(name + "_inputs.dat"), N, inputs, name.hashCode());
        GenerateRequest.Builder b = GenerateRequest.builder().model(m.json()).weights(m.weights())
                .outputDirectory(dir.resolve("out" + (reuse == null ? "" : "_rf" + reuse))).projectName(name)
                .ioType("io_stream").precision("ap_fixed<16,6>").inputData(in);
        if (reuse != null) {
            b.strategy("Resource").reuseFactor(reuse);
        }
        RtlLayerVariantsCosimTest.cosimEqualsCsim(name, b.build(), N, "RtlDepthwiseCosimTest");
    }
}
