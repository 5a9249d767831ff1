package org.hls4ml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.hls4ml.testing.BothIoTypes;
import org.hls4ml.testing.KerasModelFiles;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.types.FixedPoint;
import org.hls4ml.types.FixedPrecisionType;
import org.hls4ml.types.RoundingMode;
import org.hls4ml.types.SaturationMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C simulation of the binary / ternary / hard-tanh activations, Keras' relu1, ReLU(threshold), PReLU and the QKeras
 * QActivation quantizers binary, ternary and quantized_tanh, each as the only layer after an 8-value input (an identity
 * Dense in front), on {@value #N} samples uniform over [-4, 4) in steps of 2^-8 (exact in ap_fixed&lt;16,6&gt;):
 * io_parallel and io_stream agree bit for bit and every output equals the fixed-point arithmetic done here.
 */
class QuantizedActivationsCsimTest {

    static final int N = 200;
    static final int W = 8;
    static final FixedPrecisionType T = FixedPrecisionType.of(16, 6);

    @TempDir
    static Path data;

    @TempDir
    Path out;

    static Path inputs;
    static List<double[]> x;

    @BeforeAll
    static void inputs() throws Exception {
        Random r = new Random(62L);
        List<String> lines = new ArrayList<>();
        x = new ArrayList<>();
        for (int s = 0; s < N; s++) {
            double[] v = new double[W];
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < W; i++) {
                // include the thresholds exactly now and then: multiples of 1/4 are frequent
                v[i] = r.nextInt(4) == 0 ? (r.nextInt(33) - 16) / 4.0 : (r.nextInt(8 * 256) - 4 * 256) / 256.0;
                sb.append(i == 0 ? "" : " ").append(v[i]);
            }
            x.add(v);
            lines.add(sb.toString());
        }
        inputs = Files.write(data.resolve("uniform_pm4.dat"), lines);
    }

    /** Input, identity Dense 'd' (no bias), then {@code layer}; {@code extra} weights for further layers. */
    Path model(String name, String layer, Map<String, Map<String, Object>> extra) throws Exception {
        float[][] identity = new float[W][W];
        for (int i = 0; i < W; i++) {
            identity[i][i] = 1f;
        }
        Map<String, Map<String, Object>> weights = new LinkedHashMap<>();
        weights.put("d", Map.of("kernel", identity));
        weights.putAll(extra);
        return KerasModelFiles.sequential(out, name, new int[] {W}, List.of("{\"class_name\": \"Dense\", \"config\":"
                + " {\"name\": \"d\", \"units\": " + W + ", \"activation\": \"linear\", \"use_bias\": false}}", layer),
                weights).json();
    }

    /** Generates and C-simulates the model in both IO types; returns the (equal) outputs. */
    List<double[]> csimBoth(String name, String layer, Map<String, Map<String, Object>> extra) throws Exception {
        return BothIoTypes.csim(model(name, layer, extra), out.resolve(name + "_weights.h5"), out, name, inputs, N);
    }

    List<double[]> csimBoth(String name, String layer) throws Exception {
        return csimBoth(name, layer, Map.of());
    }

    static String activation(String act) {
        return "{\"class_name\": \"Activation\", \"config\": {\"name\": \"act\", \"activation\": \"" + act + "\"}}";
    }

    static String qActivation(String quantizer) {
        return "{\"class_name\": \"QActivation\", \"config\": {\"name\": \"qact\", \"activation\": " + quantizer + "}}";
    }

    /** Every output equals f(input, element index); at least a fifth of them differ from the input. */
    static void assertExact(String name, List<double[]> y, java.util.function.BiFunction<Double, Integer, Double> f) {
        int changed = 0;
        for (int s = 0; s < N; s++) {
            for (int i = 0; i < W; i++) {
                double v = x.get(s)[i];
                double expected = f.apply(v, i);
                assertEquals(expected, y.get(s)[i], 0.0, name + ": sample " + (s + 1) + " element " + i + " x=" + v);
                changed += expected != v ? 1 : 0;
            }
        }
        assertTrue(changed > N * W / 5, name + ": the function changed only " + changed + " values");
    }

    static void assertExact(String name, List<double[]> y, Function<Double, Double> f) {
        assertExact(name, y, (v, i) -> f.apply(v));
    }

    /** The value of ap_fixed&lt;16,6&gt; closest below (TRN) to {@code v}. */
    static double inT(double v) {
        return FixedPoint.toDouble(FixedPoint.quantize(v, T), T);
    }

    @Test
    void binaryAndTernaryTanhAsHls4mlComputesThem() throws Exception {
        assertExact("binary_tanh", csimBoth("btanh", activation("binary_tanh")), v -> v > 0 ? 1.0 : -1.0);
        assertExact("ternary_tanh", csimBoth("ttanh", activation("ternary_tanh")),
                v -> v > 0.5 ? 1.0 : v <= -0.5 ? -1.0 : 0.0);
    }

    @Test
    void relu1HardTanhAndReluThreshold() throws Exception {
        assertExact("relu1", csimBoth("relu1", activation("relu1")), v -> Math.min(1.0, Math.max(0.0, v)));
        assertExact("hard_tanh", csimBoth("htanh", activation("hard_tanh")), v -> Math.min(1.0, Math.max(-1.0, v)));
        // hls4ml: ReLU(threshold=t) -> thresholded_relu(theta=t): x > t ? x : 0 (t = 1.5 exact in param_t)
        assertExact("ReLU(threshold=1.5)", csimBoth("relut", "{\"class_name\": \"ReLU\", \"config\": {\"name\":"
                + " \"act\", \"max_value\": null, \"negative_slope\": 0.0, \"threshold\": 1.5}}"), v -> v > 1.5 ? v : 0.0);
    }

    @Test
    void qActivationBinaryTernaryAndQuantizedTanh() throws Exception {
        assertExact("QActivation binary", csimBoth("qbin", qActivation("\"binary()\"")), v -> v > 0 ? 1.0 : -1.0);
        // threshold 0.2 in param_t ap_fixed<16,6>: 204/1024
        double t = inT(0.2);
        assertExact("QActivation ternary(threshold=0.2)", csimBoth("qter",
                qActivation("{\"class_name\": \"ternary\", \"config\": {\"alpha\": null, \"threshold\": 0.2,"
                        + " \"use_stochastic_rounding\": false, \"number_of_unrolls\": 5}}")),
                v -> v > t ? 1.0 : v <= -t ? -1.0 : 0.0);
        // quantized_tanh(4): clip(x, -1, 1) into ap_fixed<4,1,AP_RND_CONV,AP_SAT>: steps of 1/8, round half to even
        assertExact("QActivation quantized_tanh(4)", csimBoth("qtanh", qActivation("\"quantized_tanh(4)\"")), v -> {
            double c = Math.min(1.0, Math.max(-1.0, v));
            double q = Math.rint(c * 8) / 8;
            return Math.min(7 / 8.0, Math.max(-1.0, q));
        });
    }

    @Test
    void preluOneAlphaPerElement() throws Exception {
        Random r = new Random(63L);
        float[] alpha = new float[W];
        for (int i = 0; i < W; i++) {
            alpha[i] = (r.nextFloat() * 2 - 1) * 0.8f;
        }
        List<double[]> y = csimBoth("prelu", "{\"class_name\": \"PReLU\", \"config\": {\"name\": \"pr\","
                + " \"shared_axes\": null}}", Map.of("pr", Map.of("alpha", alpha)));
        FixedPrecisionType resultT = T;
        assertExact("PReLU", y, (v, i) -> {
            if (v > 0) {
                return v;
            }
            // alpha in param_t = ap_fixed<16,6> (TRN), exact product, truncated to the result's 10 fractional bits
            BigInteger a = FixedPoint.quantize(alpha[i], T);
            BigInteger xr = FixedPoint.quantize(v, T);
            return FixedPoint.toDouble(FixedPoint.convert(a.multiply(xr), 20, resultT), resultT);
        });
    }

    /** PReLU on a [4, 2] tensor: in io_stream four transactions of two, element p * 2 + k uses alpha[p][k]. */
    @Test
    void preluOnATwoDimensionalTensor() throws Exception {
        float[][] alpha = {{0.5f, -0.25f}, {0.75f, 0.125f}, {1.5f, 0.0f}, {-1.0f, 0.375f}};
        List<double[]> y = csimBoth("prelu2d", "{\"class_name\": \"Reshape\", \"config\": {\"name\": \"rs\","
                + " \"target_shape\": [4, 2]}},\n  {\"class_name\": \"PReLU\", \"config\": {\"name\": \"pr2\","
                + " \"shared_axes\": null}}", Map.of("pr2", Map.of("alpha", alpha)));
        // the alphas are exact in ap_fixed<16,6>: the product is exact, truncated to 10 fractional bits
        assertExact("PReLU [4,2]", y, (v, i) -> v > 0 ? v : Math.floor(alpha[i / 2][i % 2] * v * 1024) / 1024);
    }

    @Test
    void preluWithSharedAxesIsRefusedNamingTheLayer() throws Exception {
        Path json = model("prelus", "{\"class_name\": \"PReLU\", \"config\": {\"name\": \"pr7\", \"shared_axes\": [1]}}",
                Map.of("pr7", Map.of("alpha", new float[] {0.25f})));
        ModelException e = assertThrows(ModelException.class, () -> Hls4ml.generate(GenerateRequest.builder()
                .model(json).weights(out.resolve("prelus_weights.h5")).outputDirectory(out).projectName("prelus")
                .build(), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("'pr7'") && e.getMessage().contains("shared_axes"), e.getMessage());
    }

}
