package org.hls4ml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hls4ml.api.ConvExactCsimTest.Reference;
import org.hls4ml.converters.ConvertedLayer;
import org.hls4ml.converters.ConvertedModel;
import org.hls4ml.converters.keras.KerasReader;
import org.hls4ml.sim.DatFile;
import org.hls4ml.testing.KerasModelFiles;
import org.hls4ml.testing.RandomArray;
import org.hls4ml.testing.RecordingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DepthwiseConv1D/2D and SeparableConv1D/2D (split into {@code <name>_depthwise} and {@code <name>_pointwise} as hls4ml
 * does) in both IO types, bit for bit against the fixed-point arithmetic computed here with integers, as in
 * {@link ConvExactCsimTest}: ap_fixed&lt;16,6&gt; everywhere (AP_TRN, AP_WRAP), each product cast to accum_t, the
 * sum from the bias wrapping in accum_t in increasing window cell, zeros in the padding; output channel
 * {@code c * depth_multiplier + m} reads only input channel c. Inputs span [-24, 24) so some sums wrap.
 */
class DepthwiseCsimTest {

    static final int SAMPLES = ConvExactCsimTest.SAMPLES;

    @TempDir
    Path dir;

    /** Raw ap_fixed&lt;16,6&gt; depthwise convolution, channels last, with TensorFlow's padding. */
    static long[] depthwise(long[] in, int h, int w, int c, int kh, int kw, int sh, int sw, String padding, int dm,
                            long[] kernel, long[] bias) {
        int[] hOut = Reference.axis(h, kh, sh, padding);
        int[] wOut = Reference.axis(w, kw, sw, padding);
        int oh = hOut[0];
        int ow = wOut[0];
        long[] out = new long[oh * ow * c * dm];
        for (int y = 0; y < oh; y++) {
            for (int z = 0; z < ow; z++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int m = 0; m < dm; m++) {
                        long acc = bias[ch * dm + m];
                        for (int fy = 0; fy < kh; fy++) {
                            for (int fz = 0; fz < kw; fz++) {
                                int r = y * sh + fy - hOut[1];
                                int col = z * sw + fz - wOut[1];
                                if (r < 0 || r >= h || col < 0 || col >= w) {
                                    continue;
                                }
                                long product = in[(r * w + col) * c + ch] * kernel[((fy * kw + fz) * c + ch) * dm + m];
                                acc = Reference.wrap(acc + Reference.wrap(Math.floorDiv(product, 1L << ConvExactCsimTest.FRAC)));
                            }
                        }
                        out[((y * ow + z) * c + ch) * dm + m] = acc;
                    }
                }
            }
        }
        return out;
    }

    /** Raw pointwise (1x1) convolution of {@code pixels} pixels of {@code c} channels into {@code f} filters. */
    static long[] pointwise(long[] in, int pixels, int c, int f, long[] kernel, long[] bias) {
        long[] out = new long[pixels * f];
        for (int p = 0; p < pixels; p++) {
            for (int o = 0; o < f; o++) {
                long acc = bias[o];
                for (int ch = 0; ch < c; ch++) {
                    long product = in[p * c + ch] * kernel[ch * f + o];
                    acc = Reference.wrap(acc + Reference.wrap(Math.floorDiv(product, 1L << ConvExactCsimTest.FRAC)));
                }
                out[p * f + o] = acc;
            }
        }
        return out;
    }

    static long[] printed(double[] v) {
        return Arrays.stream(v).mapToLong(Reference::printedWeight).toArray();
    }

    static String list(int[] v) {
        return String.join(", ", Arrays.stream(v).mapToObj(Integer::toString).toList());
    }

    /** Generates and runs csim; returns {inputs, outputs} and the project in {@code project[0]}. */
    private List<List<double[]>> run(KerasModelFiles.Model m, int[] inShape, String io, String name, Path[] project,
                                     java.util.function.Consumer<GenerateRequest.Builder> tweak) throws Exception {
        Path inputs = ConvExactCsimTest.inputs(dir, inShape, 11);
        GenerateRequest.Builder b = GenerateRequest.builder().model(m.json()).weights(m.weights())
                .outputDirectory(dir.resolve("out_" + name)).projectName(name).ioType(io)
                .precision("ap_fixed<16,6>").inputData(inputs);
        tweak.accept(b);
        GenerateResult g = Hls4ml.generate(b.build(), new RecordingListener());
        project[0] = g.projectDir();
        CsimReport r = Hls4ml.csim(new CsimOptions(g.projectDir(), null, List.of("-O0", "-std=c++14"), null,
                Duration.ofMinutes(5), null, null), new RecordingListener());
        assertTrue(r.result().ran(), r.result().summary());
        List<double[]> out = DatFile.read(r.result().resultsFile());
        assertEquals(SAMPLES, out.size());
        return List.of(DatFile.read(inputs), out);
    }

    @ParameterizedTest(name = "{0} {6} {7}")
    @CsvSource({
            "dw2d_same_s2_dm2,  6 5 3, 3 2, 2 2, same,  2, io_parallel, Latency 1",
            "dw2d_same_s2_dm2,  6 5 3, 3 2, 2 2, same,  2, io_stream,   Latency 1",
            "dw2d_valid_s1_dm1, 5 4 2, 2 2, 1 1, valid, 1, io_parallel, Latency 1",
            "dw2d_valid_s1_dm1, 5 4 2, 2 2, 1 1, valid, 1, io_stream,   Latency 1",
            "dw1d_same_s1_dm3,  9 2,   3,   1,   same,  3, io_parallel, Latency 1",
            "dw1d_same_s1_dm3,  9 2,   3,   1,   same,  3, io_stream,   Latency 1",
            "dw2d_same_s2_dm2,  6 5 3, 3 2, 2 2, same,  2, io_parallel, Resource 3",
            "dw2d_same_s2_dm2,  6 5 3, 3 2, 2 2, same,  2, io_stream,   Resource 2",
            "dw2d_same_s2_dm2,  6 5 3, 3 2, 2 2, same,  2, io_stream,   Latency 6"})
    void depthwiseEqualsTheDocumentedArithmetic(String name, String input, String kernel, String strides,
                                                String padding, int dm, String io, String schedule) throws Exception {
        int[] in = ConvExactCsimTest.ints(input);
        int[] k = ConvExactCsimTest.ints(kernel);
        int[] s = ConvExactCsimTest.ints(strides);
        boolean twoD = k.length == 2;
        int c = in[in.length - 1];
        Random r = new Random(name.hashCode());
        int[] kShape = twoD ? new int[] {k[0], k[1], c, dm} : new int[] {k[0], c, dm};
        RandomArray kern = RandomArray.of(r, 1f, kShape);
        RandomArray bias = RandomArray.of(r, 0.5f, c * dm);
        KerasModelFiles.Model m = KerasModelFiles.sequential(dir, name, in, List.of("{\"class_name\": \"DepthwiseConv"
                + k.length + "D\", \"config\": {\"name\": \"dw\", \"kernel_size\": [" + list(k) + "], \"strides\": ["
                + list(s) + "], \"padding\": \"" + padding + "\", \"depth_multiplier\": " + dm
                + ", \"activation\": \"linear\", \"use_bias\": true}}"),
                Map.of("dw", orderedWeights("depthwise_kernel", kern.nested(), "bias", bias.nested())));
        String[] sched = schedule.split(" ");
        Path[] project = new Path[1];
        List<List<double[]>> io2 = run(m, in, io, name, project,
                b -> b.strategy(sched[0]).reuseFactor(Integer.parseInt(sched[1])));
        String parameters = Files.readString(project[0].resolve("firmware/parameters.h"));
        assertTrue(parameters.contains("static const unsigned depth_multiplier = " + dm + ";"), parameters);
        assertTrue(parameters.contains("static const unsigned reuse_factor = " + sched[1] + ";"), parameters);
        assertTrue(Files.readString(project[0].resolve("firmware/" + name + ".cpp"))
                .contains("nnet::depthwise_conv_" + k.length + "d_cl<"));
        long[] kRaw = printed(kern.flat());
        long[] bRaw = printed(bias.flat());
        int h = twoD ? in[0] : 1;
        int w = in[twoD ? 1 : 0];
        for (int n = 0; n < SAMPLES; n++) {
            long[] x = Arrays.stream(io2.get(0).get(n)).mapToLong(Reference::quantize).toArray();
            long[] y = depthwise(x, h, w, c, twoD ? k[0] : 1, k[k.length - 1], twoD ? s[0] : 1, s[s.length - 1],
                    padding, dm, kRaw, bRaw);
            ConvExactCsimTest.assertRaw(y, io2.get(1).get(n), name + " " + io + " sample " + (n + 1));
        }
    }

    private static Map<String, Object> orderedWeights(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * SeparableConv2D becomes sep_depthwise (no bias) then sep_pointwise (a 1x1 Conv2D with the bias), each rounding to
     * its own result type, as hls4ml splits it; the outputs are the two exact computations chained.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"2, io_parallel", "2, io_stream", "1, io_parallel", "1, io_stream"})
    void separableIsDepthwiseThenPointwise(int rank, String io) throws Exception {
        int[] in = rank == 2 ? new int[] {5, 5, 2} : new int[] {7, 3};
        int[] k = rank == 2 ? new int[] {3, 3} : new int[] {3};
        int c = in[rank];
        int dm = 2;
        int filters = 3;
        Random r = new Random(5 + rank);
        int[] dwShape = rank == 2 ? new int[] {3, 3, c, dm} : new int[] {3, c, dm};
        int[] pwShape = rank == 2 ? new int[] {1, 1, c * dm, filters} : new int[] {1, c * dm, filters};
        RandomArray dwK = RandomArray.of(r, 1f, dwShape);
        RandomArray pwK = RandomArray.of(r, 1f, pwShape);
        RandomArray bias = RandomArray.of(r, 0.5f, filters);
        String name = "sep" + rank + "d";
        KerasModelFiles.Model m = KerasModelFiles.sequential(dir, name, in, List.of("{\"class_name\": \"SeparableConv"
                + rank + "D\", \"config\": {\"name\": \"sep\", \"filters\": " + filters + ", \"kernel_size\": ["
                + list(k) + "], \"strides\": [" + list(rank == 2 ? new int[] {1, 1} : new int[] {1})
                + "], \"padding\": \"valid\", \"depth_multiplier\": " + dm + ", \"activation\": \"relu\","
                + " \"use_bias\": true}}"),
                Map.of("sep", orderedWeights("depthwise_kernel", dwK.nested(), "pointwise_kernel", pwK.nested(),
                        "bias", bias.nested())));

        ConvertedModel converted = KerasReader.read(m.json(), m.weights());
        assertEquals(List.of("input_1", "sep_depthwise", "sep_pointwise", "sep_relu"),
                converted.layers().stream().map(ConvertedLayer::name).toList());
        assertEquals(List.of("Input", "DepthwiseConv" + rank + "D", "Conv" + rank + "D", "Activation"),
                converted.layers().stream().map(ConvertedLayer::className).toList());

        Path[] project = new Path[1];
        List<List<double[]>> io2 = run(m, in, io, name, project, b -> { });
        String cpp = Files.readString(project[0].resolve("firmware/" + name + ".cpp"));
        assertTrue(cpp.contains("// sep_depthwise") && cpp.contains("// sep_pointwise") && cpp.contains("// sep_relu"),
                cpp);
        long[] dwRaw = printed(dwK.flat());
        long[] pwRaw = printed(pwK.flat());
        long[] bRaw = printed(bias.flat());
        int h = rank == 2 ? in[0] : 1;
        int w = in[rank - 1];
        int outH = rank == 2 ? h - 2 : 1;
        int outW = w - 2;
        long[] zeros = new long[c * dm];
        int positive = 0;
        for (int n = 0; n < SAMPLES; n++) {
            long[] x = Arrays.stream(io2.get(0).get(n)).mapToLong(Reference::quantize).toArray();
            long[] d = depthwise(x, h, w, c, rank == 2 ? 3 : 1, 3, 1, 1, "valid", dm, dwRaw, zeros);
            long[] y = pointwise(d, outH * outW, c * dm, filters, pwRaw, bRaw);
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.max(0, y[i]);
                positive += y[i] > 0 ? 1 : 0;
            }
            ConvExactCsimTest.assertRaw(y, io2.get(1).get(n), name + " " + io + " sample " + (n + 1));
        }
        assertTrue(positive > 0, "every output was cut by the relu");
    }

    /**
     * A LayerName section for the SeparableConv itself configures both parts as hls4ml's split does: ReuseFactor and
     * Strategy for both, Precision depthwise / depthwise_accum for sep_depthwise's weight and accum, pointwise /
     * pointwise_result for sep_pointwise's weight and result; no "matches no layer" warning.
     */
    @Test
    void separableLayerConfigAppliesToBothParts() throws Exception {
        Random r = new Random(9);
        RandomArray dwK = RandomArray.of(r, 1f, 3, 3, 2, 1);
        RandomArray pwK = RandomArray.of(r, 1f, 1, 1, 2, 4);
        RandomArray bias = RandomArray.of(r, 0.5f, 4);
        KerasModelFiles.Model m = KerasModelFiles.sequential(dir, "sepcfg", new int[] {5, 5, 2}, List.of(
                "{\"class_name\": \"SeparableConv2D\", \"config\": {\"name\": \"sep\", \"filters\": 4,"
                        + " \"kernel_size\": [3, 3], \"padding\": \"same\", \"use_bias\": true,"
                        + " \"activation\": \"linear\"}}"),
                Map.of("sep", orderedWeights("depthwise_kernel", dwK.nested(), "pointwise_kernel", pwK.nested(),
                        "bias", bias.nested())));
        Path yaml = Files.writeString(dir.resolve("sepcfg.yml"), """
                HLSConfig:
                  Model:
                    Precision: ap_fixed<16,6>
                  LayerName:
                    sep:
                      Strategy: Resource
                      ReuseFactor: 3
                      Precision:
                        depthwise: ap_fixed<12,4>
                        depthwise_accum: ap_fixed<20,8>
                        pointwise: ap_fixed<10,3>
                        pointwise_result: ap_fixed<18,7>
                """);
        RecordingListener log = new RecordingListener();
        GenerateResult g = Hls4ml.generate(GenerateRequest.builder().model(m.json()).weights(m.weights())
                .outputDirectory(dir.resolve("out")).projectName("sepcfg").ioType("io_stream").config(yaml).build(), log);
        String all = String.join("\n", log.lines);
        assertTrue(!all.contains("matches no layer"), all);
        // the pointwise Dense (n_in 2, n_out 4) has no reuse factor 3: the nearest valid one, with the usual warning
        assertTrue(all.contains("layer 'sep_pointwise': ReuseFactor 3 is not valid for n_in=2, n_out=4; using 2"), all);
        String parameters = Files.readString(g.projectDir().resolve("firmware/parameters.h"));
        String defines = Files.readString(g.projectDir().resolve("firmware/defines.h"));
        String dw = parameters.substring(parameters.indexOf("struct config2 "), parameters.indexOf("struct config3_mult"));
        String pw = parameters.substring(parameters.indexOf("struct config3 "));
        assertTrue(dw.contains("static const unsigned strategy = nnet::resource;")
                && dw.contains("static const unsigned reuse_factor = 3;"), dw);
        assertTrue(pw.contains("static const unsigned strategy = nnet::resource;")
                && pw.contains("static const unsigned reuse_factor = 2;"), pw);
        assertTrue(dw.contains("typedef sep_depthwise_accum_t accum_t;") && dw.contains("typedef weight2_t weight_t;"), dw);
        for (String t : List.of("typedef ap_fixed<12,4> weight2_t;", "typedef ap_fixed<20,8> sep_depthwise_accum_t;",
                "typedef ap_fixed<10,3> weight3_t;", "typedef ap_fixed<16,6> sep_pointwise_accum_t;",
                "typedef nnet::array<ap_fixed<18,7>, 4> result_t;", "typedef nnet::array<ap_fixed<16,6>, 2> layer2_t;")) {
            assertTrue(defines.contains(t), t + " in\n" + defines);
        }
    }

    @Test
    void depthMultiplierAndKernelShapeMismatchFailsNamingTheLayer() throws Exception {
        Random r = new Random(3);
        RandomArray kern = RandomArray.of(r, 1f, 3, 2, 1); // depth multiplier 1 stored, 2 declared
        KerasModelFiles.Model m = KerasModelFiles.sequential(dir, "bad", new int[] {8, 2}, List.of(
                "{\"class_name\": \"DepthwiseConv1D\", \"config\": {\"name\": \"dw\", \"kernel_size\": [3],"
                        + " \"depth_multiplier\": 2, \"use_bias\": false, \"activation\": \"linear\"}}"),
                Map.of("dw", Map.of("depthwise_kernel", kern.nested())));
        ModelException e = assertThrows(ModelException.class, () -> KerasReader.read(m.json(), m.weights()));
        assertTrue(e.getMessage().contains("layer 'dw'") && e.getMessage().contains("depthwise_kernel")
                && e.getMessage().contains("[3, 2, 2]"), e.getMessage());
    }
}
