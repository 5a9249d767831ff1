package org.hls4ml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.hls4ml.testing.BothIoTypes;
import org.hls4ml.testing.KerasModelFiles;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.types.FixedPoint;
import org.hls4ml.types.FixedPrecisionType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C simulation of the activations beyond relu/sigmoid/tanh, each as the only layer after an 8-value input, on
 * {@value #N} samples uniform over [-10, 10) in steps of 2^-10 (exact in the default ap_fixed&lt;16,6&gt;): io_parallel
 * and io_stream agree bit for bit; the piecewise-linear functions equal the same fixed-point arithmetic done here with
 * integers; the table functions are within the table's resolution of the real function over the table's range.
 */
class ActivationsCsimTest {

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
        Random r = new Random(61L);
        List<String> lines = new ArrayList<>();
        x = new ArrayList<>();
        for (int s = 0; s < N; s++) {
            double[] v = new double[W];
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < W; i++) {
                v[i] = (r.nextInt(20 * 1024) - 10 * 1024) / 1024.0;
                sb.append(i == 0 ? "" : " ").append(v[i]);
            }
            x.add(v);
            lines.add(sb.toString());
        }
        inputs = Files.write(data.resolve("uniform_pm10.dat"), lines);
    }

    /**
     * A Sequential model: an 8-value input, a Dense layer with the identity as kernel and no bias (its output is its
     * input, exactly), then {@code layer} (a JSON layer object).
     */
    Path model(String name, String layer) throws Exception {
        Files.writeString(out.resolve(name + ".json"), "{\"class_name\": \"Sequential\", \"config\": {\"name\": \""
                + name + "\", \"layers\": [\n  {\"class_name\": \"InputLayer\", \"config\": {\"name\": \"x\","
                + " \"batch_input_shape\": [null, " + W + "]}},\n  {\"class_name\": \"Dense\", \"config\": {\"name\": \"d\","
                + " \"units\": " + W + ", \"activation\": \"linear\", \"use_bias\": false}},\n  " + layer + "]}}\n");
        float[][] identity = new float[W][W];
        for (int i = 0; i < W; i++) {
            identity[i][i] = 1f;
        }
        KerasModelFiles.writeWeights(out.resolve(name + "_weights.h5"), Map.of("d", Map.of("kernel", identity)));
        return out.resolve(name + ".json");
    }

    static String activationLayer(String act) {
        return "{\"class_name\": \"Activation\", \"config\": {\"name\": \"act\", \"activation\": \"" + act + "\"}}";
    }

    /** Generates and C-simulates the model in both IO types; returns the (equal) outputs. */
    List<double[]> csimBoth(String name, String layer) throws Exception {
        return BothIoTypes.csim(model(name, layer), out.resolve(name + "_weights.h5"), out, name, inputs, N);
    }

    static BigInteger raw(double v) {
        return FixedPoint.quantize(v, T);
    }

    static double value(BigInteger raw, int frac) {
        return FixedPoint.toDouble(FixedPoint.convert(raw, frac, T), T);
    }

    /** Every output equals f(input raw) exactly. */
    static void assertExact(String name, List<double[]> y, java.util.function.Function<BigInteger, Double> f) {
        int changed = 0;
        for (int s = 0; s < N; s++) {
            for (int i = 0; i < W; i++) {
                double expected = f.apply(raw(x.get(s)[i]));
                assertEquals(expected, y.get(s)[i], 0.0, name + ": sample " + (s + 1) + " x=" + x.get(s)[i]);
                changed += expected != x.get(s)[i] ? 1 : 0;
            }
        }
        assertTrue(changed > N, name + ": the function changed only " + changed + " values");
    }

    /** Every output with its input in [lo, hi) is within tol of the real function. */
    static void assertNear(String name, List<double[]> y, DoubleUnaryOperator f, double lo, double hi, double tol) {
        int checked = 0;
        for (int s = 0; s < N; s++) {
            for (int i = 0; i < W; i++) {
                double v = x.get(s)[i];
                if (v >= lo && v < hi) {
                    assertEquals(f.applyAsDouble(v), y.get(s)[i], tol, name + ": sample " + (s + 1) + " x=" + v);
                    checked++;
                }
            }
        }
        assertTrue(checked > N, name + ": only " + checked + " values in range");
    }

    @Test
    void leakyReluAndReluWithNegativeSlope() throws Exception {
        assertLeaky("leaky", "{\"class_name\": \"LeakyReLU\", \"config\": {\"name\": \"act\", \"alpha\": 0.3}}", 0.3);
        assertLeaky("slope", "{\"class_name\": \"ReLU\", \"config\": {\"name\": \"act\", \"negative_slope\": 0.1,"
                + " \"max_value\": null, \"threshold\": 0.0}}", 0.1);
    }

    /** x &gt; 0 ? x : alpha x, alpha in param_t = ap_fixed&lt;16,6&gt; (0.3 is 307 / 1024), the product exact, then truncated. */
    void assertLeaky(String name, String layer, double alpha) throws Exception {
        List<double[]> y = csimBoth(name, layer);
        BigInteger a = raw(alpha);
        assertExact(name, y, r -> r.signum() > 0 ? value(r, 10) : value(a.multiply(r), 20));
    }

    @Test
    void thresholdedRelu() throws Exception {
        List<double[]> y = csimBoth("thresh", "{\"class_name\": \"ThresholdedReLU\", \"config\": {\"name\": \"act\","
                + " \"theta\": 1.7}}");
        BigInteger theta = raw(1.7);
        assertExact("thresholded_relu", y, r -> r.compareTo(theta) > 0 ? value(r, 10) : 0.0);
    }

    @Test
    void reluMaxValueAndRelu6() throws Exception {
        List<double[]> y = csimBoth("relumax", "{\"class_name\": \"ReLU\", \"config\": {\"name\": \"act\","
                + " \"max_value\": 2.5}}");
        assertExact("ReLU(max_value=2.5)", y, r -> Math.min(Math.max(value(r, 10), 0.0), 2.5));
        List<double[]> y6 = csimBoth("relu6", activationLayer("relu6"));
        assertExact("relu6", y6, r -> Math.min(Math.max(value(r, 10), 0.0), 6.0));
    }

    @Test
    void hardSigmoid() throws Exception {
        List<double[]> y = csimBoth("hsig", activationLayer("hard_sigmoid"));
        // slope 0.2 in ap_ufixed<16,0> = 13107 / 2^16, shift 0.5; y = clamp(slope x + shift, 0, 1), then to result_t
        BigInteger one = BigInteger.ONE.shiftLeft(26);
        assertExact("hard_sigmoid", y, r -> {
            BigInteger v = BigInteger.valueOf(13107).multiply(r).add(BigInteger.ONE.shiftLeft(25));
            v = v.max(BigInteger.ZERO).min(one);
            return value(v, 26);
        });
    }

    @Test
    void tableFunctions() throws Exception {
        // table step, plus one quantum of the table (ap_fixed<18,8>) and one of the result (ap_fixed<16,6>)
        double q = Math.pow(2, -10) + Math.pow(2, -10);
        double symmetricStep = 16.0 / 1024;
        double negativeStep = 8.0 / 1024;
        assertNear("softplus", csimBoth("softplus", activationLayer("softplus")),
                v -> Math.log1p(Math.exp(v)), -8, 8, symmetricStep + q);
        assertNear("softsign", csimBoth("softsign", activationLayer("softsign")),
                v -> v / (Math.abs(v) + 1), -8, 8, symmetricStep + q);
        assertNear("elu", csimBoth("elu", activationLayer("elu")), v -> v >= 0 ? v : Math.expm1(v), -8, 10,
                negativeStep + q);
        List<double[]> elu = csimBoth("elu2", "{\"class_name\": \"ELU\", \"config\": {\"name\": \"act\","
                + " \"alpha\": 0.5}}");
        assertNear("ELU(alpha=0.5)", elu, v -> v >= 0 ? v : 0.5 * Math.expm1(v), -8, 10, negativeStep + q);
        double scale = 1.0507009873554805;
        double alpha = 1.6732632423543772;
        // x >= 0: (result_t) 1.0507... (truncated to 2^-10) times x, up to 10 * 2^-10 off
        assertNear("selu", csimBoth("selu", activationLayer("selu")),
                v -> v >= 0 ? scale * v : scale * alpha * Math.expm1(v), -8, 10, scale * alpha * negativeStep + 12 * q);
    }

    @Test
    void unsupportedActivationFailsNamingLayerAndFunction() throws Exception {
        Path json = model("swish", activationLayer("swish").replace("\"act\"", "\"sw1\""));
        Exception e = assertThrows(Exception.class, () -> Hls4ml.generate(GenerateRequest.builder().model(json).weights(out.resolve("swish_weights.h5"))
                .outputDirectory(out).projectName("swish")
                .ioType("io_parallel").build(), ProgressListener.NONE));
        String m = e.getMessage().toLowerCase(Locale.ROOT);
        assertTrue(m.contains("'sw1'") && m.contains("swish"), e.getMessage());
    }
}
