package org.hls4ml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hls4ml.cosim.CosimOptions;
import org.hls4ml.sim.DatFile;
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
        int[] in = ints(input);
        int[] k = ints(kernel);
        int[] s = ints(strides);
        KerasModelFiles.Conv conv = KerasModelFiles.convolution(dir, name, in, filters, k, s, padding, "", seed);
        Path inputs = inputs(in, seed);
        GenerateResult g = Hls4ml.generate(GenerateRequest.builder()
                .model(conv.files().json()).weights(conv.files().weights())
                .outputDirectory(dir.resolve("out")).projectName(name).ioType(io)
                .precision("ap_fixed<16,6>").inputData(inputs).build(), new RecordingListener());
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

    @Test
    void resourceStrategyAndReuseFactorFailNamingTheLayerAndTheSetting() throws Exception {
        ConfigurationException resource = assertThrows(ConfigurationException.class, () -> Hls4ml.generate(
                conv1d("same", "").strategy("Resource").build(), new RecordingListener()));
        assertTrue(resource.getMessage().contains("layer 'conv' (Conv1D)")
                && resource.getMessage().contains("Strategy resource"), resource.getMessage());
        ConfigurationException reuse = assertThrows(ConfigurationException.class, () -> Hls4ml.generate(
                conv1d("same", "").reuseFactor(2).build(), new RecordingListener()));
        assertTrue(reuse.getMessage().contains("layer 'conv' (Conv1D)")
                && reuse.getMessage().contains("ReuseFactor 2"), reuse.getMessage());
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
