package org.hls4ml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.hls4ml.cosim.CosimOptions;
import org.hls4ml.sim.DatFile;
import org.hls4ml.sim.PredictionComparison;
import org.hls4ml.testing.KerasModelFiles;
import org.hls4ml.testing.RandomInputs;
import org.hls4ml.testing.RecordingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Small Conv1D / Conv2D layers with seeded random weights, 'same' and 'valid' padding and strides 1 and 2, in both IO
 * types, checked bit for bit against the fixed-point arithmetic hls4ml documents, computed here with integers:
 * input and weights truncated to ap_fixed&lt;16,6&gt; (weights as printed with 10 decimals), each product cast to
 * accum_t (truncation, wrap), the sum starting from the bias and wrapping in accum_t, zeros in the padding (TensorFlow's
 * rule: the odd padded value goes after the data). Inputs span [-24, 24) so that some sums wrap.
 */
class ConvExactCsimTest {

    static final int SAMPLES = 20;
    static final int FRAC = 10;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {7}")
    @CsvSource({
            "conv1d_same_s2,  8 3,   2, 3,   2,   same,  0, io_parallel",
            "conv1d_same_s2,  8 3,   2, 3,   2,   same,  0, io_stream",
            "conv1d_valid,    8 3,   2, 3,   1,   valid, 1, io_parallel",
            "conv1d_valid,    8 3,   2, 3,   1,   valid, 1, io_stream",
            "conv2d_same_s2,  6 5 2, 3, 3 2, 2 2, same,  2, io_parallel",
            "conv2d_same_s2,  6 5 2, 3, 3 2, 2 2, same,  2, io_stream",
            "conv2d_valid_s2, 5 5 2, 2, 3 3, 2 2, valid, 3, io_parallel",
            "conv2d_valid_s2, 5 5 2, 2, 3 3, 2 2, valid, 3, io_stream",
            "conv2d_same_s1,  4 4 1, 2, 3 3, 1 1, same,  4, io_parallel",
            "conv2d_same_s1,  4 4 1, 2, 3 3, 1 1, same,  4, io_stream"})
    void csimEqualsTheDocumentedFixedPointArithmetic(String name, String input, int filters, String kernel,
                                                     String strides, String padding, long seed, String io)
            throws Exception {
        assertCsimExact(name, input, filters, kernel, strides, padding, seed, io, b -> { });
    }

    /**
     * Strategy Resource and reuse factors above 1 (valid ones for the per-pixel Dense: n_in = filt_height * filt_width *
     * n_chan, n_out = n_filt) only reschedule the products: the accumulator wraps, so the outputs are those of Latency
     * ReuseFactor 1 (the documented arithmetic above) bit for bit, in both IO types. conv1d_same_s2 has n_in 9, n_out 2
     * (valid: 1, 3, 9, 18); conv2d_same_s2 has n_in 12, n_out 3 (valid: 1, 2, 3, 4, 6, 12, 36).
     */
    @ParameterizedTest(name = "{0} {1} RF {2} {3}")
    @CsvSource({
            "conv1d_same_s2, Resource, 3, io_parallel",
            "conv1d_same_s2, Resource, 3, io_stream",
            "conv2d_same_s2, Resource, 2, io_parallel",
            "conv2d_same_s2, Resource, 2, io_stream",
            "conv2d_same_s2, Resource, 3, io_parallel",
            "conv2d_same_s2, Resource, 3, io_stream",
            "conv2d_same_s2, Latency,  2, io_parallel",
            "conv2d_same_s2, Latency,  2, io_stream"})
    void resourceStrategyAndReuseFactorsKeepTheNumbers(String name, String strategy, int reuse, String io)
            throws Exception {
        boolean oneD = name.startsWith("conv1d");
        Path project = assertCsimExact(name, oneD ? "8 3" : "6 5 2", oneD ? 2 : 3, oneD ? "3" : "3 2",
                oneD ? "2" : "2 2", "same", oneD ? 0 : 2, io, b -> b.strategy(strategy).reuseFactor(reuse));
        String parameters = Files.readString(project.resolve("firmware/parameters.h"));
        String mult = parameters.substring(parameters.indexOf("struct config2_mult"), parameters.indexOf("struct config2 "));
        assertTrue(mult.contains("static const unsigned strategy = nnet::" + strategy.toLowerCase(Locale.ROOT) + ";")
                && mult.contains("static const unsigned reuse_factor = " + reuse + ";"), mult);
    }

    /**
     * With a saturating accumulator csim takes the sequential sums of nnet::dense_latency / dense_resource (not the
     * wrapping fast path), so this runs the Resource schedule itself: it adds the products of every output in the same
     * order as Latency, so even saturating sums come out bit for bit the same, in both IO types.
     */
    @Test
    void resourceScheduleEqualsLatencyWithASaturatingAccumulator() throws Exception {
        int[] in = {6, 5, 2};
        KerasModelFiles.Conv conv = KerasModelFiles.convolution(dir, "sat", in, 3, new int[] {3, 2}, new int[] {2, 2},
                "same", "", 2);
        Path inputs = inputs(in, 2);
        List<List<String[]>> results = new ArrayList<>();
        List<String> variants = List.of("Latency 1 io_parallel", "Resource 3 io_parallel", "Resource 2 io_stream");
        for (String variant : variants) {
            String[] v = variant.split(" ");
            Path yaml = Files.writeString(dir.resolve("sat.yml"), """
                    HLSConfig:
                      Model:
                        Precision: ap_fixed<16,6>
                        Strategy: %s
                        ReuseFactor: %s
                      LayerName:
                        conv:
                          Precision:
                            accum: ap_fixed<16,6,AP_TRN,AP_SAT>
                    """.formatted(v[0], v[1]));
            GenerateResult g = Hls4ml.generate(GenerateRequest.builder().model(conv.files().json())
                    .weights(conv.files().weights()).outputDirectory(dir.resolve("sat_" + results.size()))
                    .projectName("sat").ioType(v[2]).config(yaml).inputData(inputs).build(), new RecordingListener());
            assertTrue(Files.readString(g.projectDir().resolve("firmware/defines.h")).contains("AP_SAT"));
            CsimReport r = Hls4ml.csim(new CsimOptions(g.projectDir(), null, List.of("-O0", "-std=c++14"), null,
                    Duration.ofMinutes(5), null, null), new RecordingListener());
            assertTrue(r.result().ran(), r.result().summary());
            results.add(DatFile.readRaw(r.result().resultsFile()));
        }
        assertEquals(SAMPLES, results.get(0).size());
        // some sums saturate: the outputs are not those of the wrapping accumulator
        Reference wrapping = new Reference(in, new int[] {3, 2}, new int[] {2, 2}, "same", 3, conv.kernel(), conv.bias());
        List<double[]> x = DatFile.read(inputs);
        int saturated = 0;
        for (int n = 0; n < SAMPLES; n++) {
            long[] wrapped = wrapping.forward(x.get(n));
            for (int i = 0; i < wrapped.length; i++) {
                saturated += wrapped[i] / (double) (1 << FRAC) != Double.parseDouble(results.get(0).get(n)[i]) ? 1 : 0;
            }
        }
        assertTrue(saturated > 0, "no output saturated");
        for (int k = 1; k < results.size(); k++) {
            assertEquals("none", PredictionComparison.firstDifference(results.get(k), results.get(0), variants.get(k),
                    variants.get(0)).orElse("none"));
        }
    }

    /**
     * BatchNormalization after a Conv2D normalizes each channel of every pixel with that channel's scale and bias
     * (n_filt = 3 values, not one per element of the 3x3x3 feature map; io_stream: one pack of n_filt channels per
     * pixel): res = (result_t) (x * scale[c] + bias[c]), the product and the sum exact, then truncated and wrapped into
     * ap_fixed&lt;16,6&gt;, with scale = gamma / sqrt(var + eps) and bias = beta - mean * scale in float32, printed with
     * 10 decimals and read back as ap_fixed&lt;16,6&gt;.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"io_parallel", "io_stream"})
    void batchNormalizationAfterConv2DNormalizesPerChannel(String io) throws Exception {
        int[] in = {6, 5, 2};
        int filters = 3;
        Random rnd = new Random(42);
        float[][] bn = new float[4][filters]; // gamma, beta, moving_mean, moving_variance
        for (int f = 0; f < filters; f++) {
            bn[0][f] = 0.5f + rnd.nextFloat() * 2.5f;
            bn[1][f] = rnd.nextFloat() * 4 - 2;
            bn[2][f] = rnd.nextFloat() * 4 - 2;
            bn[3][f] = 0.25f + rnd.nextFloat() * 2;
        }
        Map<String, Object> bnWeights = new LinkedHashMap<>();
        List<String> names = List.of("gamma", "beta", "moving_mean", "moving_variance");
        for (int k = 0; k < 4; k++) {
            bnWeights.put(names.get(k), bn[k]);
        }
        KerasModelFiles.Conv conv = KerasModelFiles.convolution(dir, "conv_bn", in, filters, new int[] {3, 2},
                new int[] {2, 2}, "same", "", 2, List.of("{\"class_name\": \"BatchNormalization\", \"config\": {\"name\":"
                        + " \"bn\", \"axis\": -1, \"epsilon\": 0.001, \"center\": true, \"scale\": true}}"),
                Map.of("bn", bnWeights));
        Path inputs = inputs(in, 2);
        GenerateResult g = Hls4ml.generate(GenerateRequest.builder()
                .model(conv.files().json()).weights(conv.files().weights())
                .outputDirectory(dir.resolve("out")).projectName("conv_bn").ioType(io)
                .precision("ap_fixed<16,6>").inputData(inputs).build(), new RecordingListener());
        String parameters = Files.readString(g.projectDir().resolve("firmware/parameters.h"));
        assertTrue(parameters.contains("static const unsigned n_in = 27;\n    static const unsigned n_filt = 3;"),
                parameters);
        CsimReport r = Hls4ml.csim(new CsimOptions(g.projectDir(), null, List.of("-O0", "-std=c++14"), null,
                Duration.ofMinutes(5), null, null), new RecordingListener());
        assertTrue(r.result().ran(), r.result().summary());

        long[] scale = new long[filters];
        long[] bias = new long[filters];
        float eps = (float) 0.001;
        for (int f = 0; f < filters; f++) {
            float s = bn[0][f] / (float) Math.sqrt(bn[3][f] + eps);
            scale[f] = Reference.printedWeight(s);
            bias[f] = Reference.printedWeight(bn[1][f] - bn[2][f] * s);
        }
        Reference ref = new Reference(in, new int[] {3, 2}, new int[] {2, 2}, "same", filters, conv.kernel(), conv.bias());
        List<double[]> actual = DatFile.read(r.result().resultsFile());
        List<double[]> x = DatFile.read(inputs);
        assertEquals(SAMPLES, actual.size());
        for (int n = 0; n < SAMPLES; n++) {
            long[] y = ref.forward(x.get(n));
            for (int i = 0; i < y.length; i++) {
                int c = i % filters;
                // raw values with 2 * FRAC fractional bits, exact; floor to FRAC bits (AP_TRN), then wrap
                y[i] = Reference.wrap(Math.floorDiv(y[i] * scale[c] + (bias[c] << FRAC), 1L << FRAC));
            }
            assertRaw(y, actual.get(n), "conv_bn " + io + " sample " + (n + 1));
        }
    }

    /**
     * Generates the model, runs csim and checks every output against {@link Reference}; {@code tweak} adds settings to
     * the request. Returns the project folder.
     */
    private Path assertCsimExact(String name, String input, int filters, String kernel, String strides, String padding,
                                 long seed, String io, java.util.function.Consumer<GenerateRequest.Builder> tweak)
            throws Exception {
        int[] in = ints(input);
        int[] k = ints(kernel);
        int[] s = ints(strides);
        KerasModelFiles.Conv conv = KerasModelFiles.convolution(dir, name, in, filters, k, s, padding, "", seed);
        Path inputs = inputs(in, seed);
        GenerateRequest.Builder b = GenerateRequest.builder()
                .model(conv.files().json()).weights(conv.files().weights())
                .outputDirectory(dir.resolve("out")).projectName(name).ioType(io)
                .precision("ap_fixed<16,6>").inputData(inputs);
        tweak.accept(b);
        GenerateResult g = Hls4ml.generate(b.build(), new RecordingListener());
        CsimReport r = Hls4ml.csim(new CsimOptions(g.projectDir(), null, List.of("-O0", "-std=c++14"), null,
                Duration.ofMinutes(5), null, null), new RecordingListener());
        assertTrue(r.result().ran(), r.result().summary());

        Reference ref = new Reference(in, k, s, padding, filters, conv.kernel(), conv.bias());
        List<double[]> actual = DatFile.read(r.result().resultsFile());
        List<double[]> x = DatFile.read(inputs);
        assertEquals(SAMPLES, actual.size());
        int wrapped = 0;
        for (int n = 0; n < SAMPLES; n++) {
            assertRaw(ref.forward(x.get(n)), actual.get(n), name + " " + io + " sample " + (n + 1));
            wrapped += ref.wraps;
        }
        System.out.printf(Locale.ROOT, "%s %s: %d samples x %d outputs bit exact (pads %s, %d sums wrapped)%n", name,
                io, SAMPLES, actual.get(0).length, Arrays.toString(ref.pads), wrapped);
        return g.projectDir();
    }

    /** The model 'conv' of the bad-input tests: Conv1D on [8, 3], kernel 3, with extra config members. */
    private GenerateRequest.Builder conv1d(String padding, String extra) throws Exception {
        KerasModelFiles.Conv conv = KerasModelFiles.convolution(dir, "bad", new int[] {8, 3}, 2, new int[] {3},
                new int[] {1}, padding, extra, 7);
        return GenerateRequest.builder().model(conv.files().json()).weights(conv.files().weights())
                .outputDirectory(dir.resolve("out")).projectName("bad");
    }

    @Test
    void dilationOtherThanOneFailsNamingTheLayerAndTheAttribute() throws Exception {
        ModelException e = assertThrows(ModelException.class, () -> Hls4ml.generate(
                conv1d("valid", "\"dilation_rate\": [2]").build(), new RecordingListener()));
        assertTrue(e.getMessage().contains("layer 'conv' (Conv1D)") && e.getMessage().contains("'dilation_rate' is [2]"),
                e.getMessage());
    }

    @Test
    void causalPaddingFailsNamingTheLayerAndTheAttribute() throws Exception {
        ModelException e = assertThrows(ModelException.class, () -> Hls4ml.generate(
                conv1d("causal", "").build(), new RecordingListener()));
        assertTrue(e.getMessage().contains("layer 'conv' (Conv1D)") && e.getMessage().contains("'padding' is 'causal'"),
                e.getMessage());
    }

    /**
     * An invalid reuse factor of the per-pixel Dense (n_in 9, n_out 2: valid 1, 3, 9, 18) is replaced by the nearest
     * valid one with a warning naming the layer and listing the valid values, as for Dense.
     */
    @Test
    void invalidReuseFactorIsReplacedWithAWarningListingTheValidOnes() throws Exception {
        RecordingListener log = new RecordingListener();
        GenerateResult g = Hls4ml.generate(conv1d("same", "").strategy("Resource").reuseFactor(8).build(), log);
        String w = String.join("\n", log.lines);
        assertTrue(w.contains("layer 'conv'") && w.contains("ReuseFactor 8 is not valid for n_in=9, n_out=2")
                && w.contains("using 9 instead") && w.contains("[1, 3, 9, 18]"), w);
        String parameters = Files.readString(g.projectDir().resolve("firmware/parameters.h"));
        assertTrue(parameters.contains("static const unsigned reuse_factor = 9;"), parameters);
    }

    /** The request's project runs SAMPLES samples in csim, and cosim fails with a message containing {@code message}. */
    static void assertCsimRunsButCosimRefuses(GenerateRequest request, String message) {
        GenerateResult g = Hls4ml.generate(request, new RecordingListener());
        CsimReport r = Hls4ml.csim(new CsimOptions(g.projectDir(), null, List.of("-O0", "-std=c++14"), null,
                Duration.ofMinutes(5), null, null), new RecordingListener());
        assertEquals(SAMPLES, r.result().samples());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Hls4ml.cosim(
                new CosimOptions(g.projectDir(), null, null, null, null, null, null, false), new RecordingListener()));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private Path inputs(int[] shape, long seed) throws Exception {
        return inputs(dir, shape, seed);
    }

    /** SAMPLES lines of seeded random inputs in [-24, 24) for a tensor of the given shape, written into {@code dir}. */
    static Path inputs(Path dir, int[] shape, long seed) throws Exception {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        return RandomInputs.write(dir.resolve("inputs_" + seed + ".dat"), SAMPLES, n, seed + 1000);
    }

    /** The csim outputs {@code got} are the raw ap_fixed&lt;16,6&gt; values {@code expected}, exactly. */
    static void assertRaw(long[] expected, double[] got, String what) {
        assertEquals(expected.length, got.length, "outputs of " + what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i] / (double) (1 << FRAC), got[i], 0.0, what + " output " + i);
        }
    }

    static int[] ints(String s) {
        return Arrays.stream(s.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
    }

    /** The convolution in raw ap_fixed&lt;16,6&gt; integers (value = raw / 2^10). */
    static final class Reference {
        final int h;
        final int w;
        final int c;
        final int kh;
        final int kw;
        final int sh;
        final int sw;
        final int f;
        final int oh;
        final int ow;
        final int[] pads = new int[2]; // top, left
        final long[] weights;
        final long[] biases;
        int wraps;

        Reference(int[] in, int[] kernel, int[] strides, String padding, int filters, double[] kernelValues,
                  double[] biasValues) {
            boolean twoD = kernel.length == 2;
            h = twoD ? in[0] : 1;
            w = in[twoD ? 1 : 0];
            c = in[twoD ? 2 : 1];
            kh = twoD ? kernel[0] : 1;
            kw = kernel[twoD ? 1 : 0];
            sh = twoD ? strides[0] : 1;
            sw = strides[twoD ? 1 : 0];
            f = filters;
            int[] hOut = axis(h, kh, sh, padding);
            int[] wOut = axis(w, kw, sw, padding);
            oh = hOut[0];
            ow = wOut[0];
            pads[0] = hOut[1];
            pads[1] = wOut[1];
            weights = Arrays.stream(kernelValues).mapToLong(Reference::printedWeight).toArray();
            biases = Arrays.stream(biasValues).mapToLong(Reference::printedWeight).toArray();
        }

        /** {output size, padding before} of one axis (TensorFlow's rule). */
        static int[] axis(int size, int filt, int stride, String padding) {
            if (padding.equals("valid")) {
                return new int[] {(size - filt) / stride + 1, 0};
            }
            int out = (size + stride - 1) / stride;
            int pad = Math.max((out - 1) * stride + filt - size, 0);
            return new int[] {out, pad / 2};
        }

        /** Two's-complement wrap into 16 bits. */
        static long wrap(long raw) {
            return Math.floorMod(raw + 32768, 65536L) - 32768;
        }

        /** A double cast to ap_fixed&lt;16,6&gt; (AP_TRN, AP_WRAP). */
        static long quantize(double v) {
            return wrap((long) Math.floor(Math.scalb(v, FRAC)));
        }

        /** A float32 weight as the project prints it (10 decimals) and the C++ compiler reads it back. */
        static long printedWeight(double v) {
            return quantize(Double.parseDouble(new BigDecimal(v).setScale(10, RoundingMode.HALF_EVEN).toPlainString()));
        }

        long[] forward(double[] x) {
            wraps = 0;
            long[] in = Arrays.stream(x).mapToLong(Reference::quantize).toArray();
            long[] out = new long[oh * ow * f];
            for (int y = 0; y < oh; y++) {
                for (int z = 0; z < ow; z++) {
                    for (int o = 0; o < f; o++) {
                        long acc = biases[o];
                        long exact = acc;
                        for (int fy = 0; fy < kh; fy++) {
                            for (int fz = 0; fz < kw; fz++) {
                                int r = y * sh + fy - pads[0];
                                int col = z * sw + fz - pads[1];
                                if (r < 0 || r >= h || col < 0 || col >= w) {
                                    continue; // padding: a zero product
                                }
                                for (int ch = 0; ch < c; ch++) {
                                    long product = in[(r * w + col) * c + ch] * weights[((fy * kw + fz) * c + ch) * f + o];
                                    long term = wrap(Math.floorDiv(product, 1L << FRAC)); // 20 -> 10 fractional bits
                                    exact += term;
                                    acc = wrap(acc + term);
                                }
                            }
                        }
                        wraps += acc != exact ? 1 : 0;
                        out[(y * ow + z) * f + o] = acc;
                    }
                }
            }
            return out;
        }
    }
}
