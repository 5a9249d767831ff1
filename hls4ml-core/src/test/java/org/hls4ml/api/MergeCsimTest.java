package org.hls4ml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hls4ml.sim.DatFile;
import org.hls4ml.testing.KerasFunctionalModels;
import org.hls4ml.testing.KerasModelFiles;
import org.hls4ml.testing.RandomInputs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keras' merge layers on two model inputs, in both IO types, checked bit for bit against the arithmetic nnet_merge.h
 * documents, computed here with integers in ap_fixed&lt;16,6&gt; (inputs and result; value = raw / 2^10): inputs
 * truncated; add and subtract wrap in 16 bits; multiply is the exact product truncated to 10 fractional bits, then
 * wrapped (inputs span [-24, 24), so most products wrap); average is the exact sum halved toward zero (an odd negative
 * sum of raw values rounds up); maximum / minimum compare exactly. Concatenate along every axis Keras allows for 1-, 2-
 * and 3-dimensional tensors is a copy in Keras' (row-major, channels-last) order.
 */
class MergeCsimTest {

    static final int SAMPLES = ConvExactCsimTest.SAMPLES;

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "Add,      2 3 2, io_parallel", "Add,      2 3 2, io_stream", "Add,      7, io_stream",
            "Subtract, 7,     io_parallel", "Subtract, 7,     io_stream", "Subtract, 3 4, io_stream",
            "Multiply, 3 4,   io_parallel", "Multiply, 3 4,   io_stream",
            "Average,  2 3 2, io_parallel", "Average,  2 3 2, io_stream", "Average,  9, io_parallel",
            "Maximum,  3 4,   io_parallel", "Maximum,  3 4,   io_stream",
            "Minimum,  7,     io_parallel", "Minimum,  2 2 3, io_stream"})
    void mergeEqualsTheDocumentedFixedPointArithmetic(String kerasClass, String shape, String io) throws Exception {
        int[] s = ConvExactCsimTest.ints(shape);
        String name = kerasClass.toLowerCase(Locale.ROOT) + s.length + "d";
        KerasModelFiles.Model m = twoInputs(name, s, s, kerasClass, "");
        int n = Arrays.stream(s).reduce(1, (x, y) -> x * y);
        Path inputs = RandomInputs.write(dir.resolve(name + "_in.dat"), SAMPLES, 2 * n, name.hashCode());
        List<double[]> actual = DatFile.read(PoolingCsimTest.csim(dir, m, name, io, inputs));
        List<double[]> x = DatFile.read(inputs);
        assertEquals(SAMPLES, actual.size());
        int special = 0;
        for (int k = 0; k < SAMPLES; k++) {
            long[] raw = Arrays.stream(x.get(k)).mapToLong(ConvExactCsimTest.Reference::quantize).toArray();
            long[] a = Arrays.copyOfRange(raw, 0, n);
            long[] b = Arrays.copyOfRange(raw, n, 2 * n);
            long[] expected = new long[n];
            for (int i = 0; i < n; i++) {
                expected[i] = merge(kerasClass, a[i], b[i]);
                special += isSpecial(kerasClass, a[i], b[i]) ? 1 : 0;
            }
            ConvExactCsimTest.assertRaw(expected, actual.get(k), name + " " + io + " sample " + (k + 1));
        }
        if (!kerasClass.equals("Maximum") && !kerasClass.equals("Minimum")) {
            // the cases where a plausible but wrong arithmetic differs occur: wraps, odd negative sums
            assertTrue(special > 0, kerasClass + ": no sample exercises the wrap / the rounding toward zero");
        }
        System.out.printf(Locale.ROOT, "%s %s %s: %d samples x %d outputs bit exact (%d wraps / odd negative sums)%n",
                kerasClass, shape, io, SAMPLES, n, special);
    }

    /** The result of one element in raw ap_fixed&lt;16,6&gt;. */
    static long merge(String op, long a, long b) {
        return switch (op) {
            case "Add" -> wrap(a + b);
            case "Subtract" -> wrap(a - b);
            case "Multiply" -> wrap(Math.floorDiv(a * b, 1L << ConvExactCsimTest.FRAC)); // TRN: floor
            case "Average" -> wrap((a + b) / 2); // Java's division truncates toward zero, like ap_fixed's
            case "Maximum" -> Math.max(a, b);
            case "Minimum" -> Math.min(a, b);
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static boolean isSpecial(String op, long a, long b) {
        return switch (op) {
            case "Add" -> wrap(a + b) != a + b;
            case "Subtract" -> wrap(a - b) != a - b;
            case "Multiply" -> wrap(Math.floorDiv(a * b, 1L << ConvExactCsimTest.FRAC)) != Math.floorDiv(a * b, 1024);
            case "Average" -> a + b < 0 && (a + b) % 2 != 0;
            default -> false;
        };
    }

    private static long wrap(long raw) {
        return ConvExactCsimTest.Reference.wrap(raw);
    }

    @ParameterizedTest(name = "{0} + {1} axis {2} {3}")
    @CsvSource({
            "5,     3,     -1, io_parallel", "5,     3,     1,  io_stream",
            "2 3,   4 3,   1,  io_parallel", "2 3,   4 3,   -2, io_stream",
            "3 2,   3 4,   -1, io_parallel", "3 2,   3 4,   2,  io_stream",
            "2 3 2, 1 3 2, 1,  io_parallel", "2 3 2, 1 3 2, -3, io_stream",
            "2 3 2, 2 1 2, 2,  io_parallel", "2 3 2, 2 1 2, -2, io_stream",
            "2 3 2, 2 3 3, 3,  io_parallel", "2 3 2, 2 3 3, -1, io_stream"})
    void concatenateCopiesInKerasOrder(String shape1, String shape2, int axis, String io) throws Exception {
        int[] s1 = ConvExactCsimTest.ints(shape1);
        int[] s2 = ConvExactCsimTest.ints(shape2);
        String name = "concat" + s1.length + "d_axis" + (axis < 0 ? "m" + -axis : axis);
        KerasModelFiles.Model m = twoInputs(name, s1, s2, "Concatenate", "\"axis\": " + axis);
        int n1 = Arrays.stream(s1).reduce(1, (x, y) -> x * y);
        int n2 = Arrays.stream(s2).reduce(1, (x, y) -> x * y);
        Path inputs = RandomInputs.write(dir.resolve(name + "_in.dat"), SAMPLES, n1 + n2, name.hashCode());
        List<double[]> actual = DatFile.read(PoolingCsimTest.csim(dir, m, name, io, inputs));
        List<double[]> x = DatFile.read(inputs);
        assertEquals(SAMPLES, actual.size());
        int index = axis < 0 ? s1.length + axis : axis - 1;
        for (int k = 0; k < SAMPLES; k++) {
            long[] raw = Arrays.stream(x.get(k)).mapToLong(ConvExactCsimTest.Reference::quantize).toArray();
            long[] expected = concatenate(Arrays.copyOfRange(raw, 0, n1), s1, Arrays.copyOfRange(raw, n1, n1 + n2), s2,
                    index);
            ConvExactCsimTest.assertRaw(expected, actual.get(k), name + " " + io + " sample " + (k + 1));
        }
    }

    /** Keras' concatenation of row-major tensors along the shape index {@code axis}. */
    static long[] concatenate(long[] a, int[] s1, long[] b, int[] s2, int axis) {
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= s1[d];
        }
        int block1 = a.length / outer;
        int block2 = b.length / outer;
        long[] out = new long[a.length + b.length];
        int k = 0;
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < block1; i++) {
                out[k++] = a[o * block1 + i];
            }
            for (int i = 0; i < block2; i++) {
                out[k++] = b[o * block2 + i];
            }
        }
        return out;
    }

    /**
     * A result precision 'auto' gets hls4ml's inferred type, wide enough that nothing wraps: Add of ap_fixed&lt;8,3&gt;
     * and ap_ufixed&lt;6,2&gt; is ap_fixed&lt;9,4&gt; (one integer bit more than the signed view of the wider input,
     * the larger fraction), Multiply is ap_fixed&lt;14,5&gt;, Concatenate ap_fixed&lt;8,3&gt;; the csim output is the
     * exact sum of the (wrapped) inputs.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {"Add; ap_fixed<9,4>; io_parallel", "Add; ap_fixed<9,4>; io_stream",
            "Multiply; ap_fixed<14,5>; io_parallel", "Concatenate; ap_fixed<8,3>; io_stream"})
    void autoResultPrecisionIsHls4mlsInferredType(String kerasClass, String inferred, String io) throws Exception {
        int n = 6;
        String name = "auto_" + kerasClass.toLowerCase(Locale.ROOT);
        KerasModelFiles.Model m = twoInputs(name, new int[] {n}, new int[] {n}, kerasClass, "");
        Path config = Files.writeString(dir.resolve(name + ".yml"), """
                HLSConfig:
                  Model:
                    Precision: ap_fixed<16,6>
                  LayerName:
                    in1:
                      Precision: ap_fixed<8,3>
                    in2:
                      Precision: ap_ufixed<6,2>
                    merge:
                      Precision:
                        result: auto
                """);
        Path inputs = RandomInputs.write(dir.resolve(name + "_in.dat"), SAMPLES, 2 * n, 5);
        GenerateResult g = Hls4ml.generate(GenerateRequest.builder().model(m.json()).weights(m.weights())
                .config(config).outputDirectory(dir.resolve("out_" + io)).projectName(name).ioType(io)
                .inputData(inputs).build(), new org.hls4ml.testing.RecordingListener());
        String defines = Files.readString(g.projectDir().resolve("firmware/defines.h"));
        assertTrue(defines.contains(io.equals("io_stream") ? "nnet::array<" + inferred + ", " + (kerasClass.equals(
                "Concatenate") ? 2 * n : n) + "> result_t;" : "typedef " + inferred + " result_t;"), defines);
        CsimReport r = Hls4ml.csim(new CsimOptions(g.projectDir(), null, List.of("-O0", "-std=c++14"), null,
                java.time.Duration.ofMinutes(5), null, null), new org.hls4ml.testing.RecordingListener());
        assertTrue(r.result().ran(), r.result().summary());
        List<double[]> actual = DatFile.read(r.result().resultsFile());
        List<double[]> x = DatFile.read(inputs);
        for (int k = 0; k < SAMPLES; k++) {
            double[] expected = new double[kerasClass.equals("Concatenate") ? 2 * n : n];
            for (int i = 0; i < n; i++) {
                // in1: floor to 5 fractional bits, wrapped to 8 bits signed; in2: floor to 4, wrapped to 6 unsigned
                long a = Math.floorMod((long) Math.floor(x.get(k)[i] * 32) + 128, 256) - 128;
                long b = Math.floorMod((long) Math.floor(x.get(k)[n + i] * 16), 64);
                switch (kerasClass) {
                    case "Add" -> expected[i] = (a + 2 * b) / 32.0;
                    case "Multiply" -> expected[i] = a * b / 512.0;
                    default -> {
                        expected[i] = a / 32.0;
                        expected[n + i] = b / 16.0;
                    }
                }
            }
            assertEquals(Arrays.toString(expected), Arrays.toString(actual.get(k)), name + " " + io + " sample " + k);
        }
    }

    /**
     * hls4ml's Average divides by {@code (res_T) 2}: with a result type that cannot hold 2 (ap_fixed&lt;8,2&gt;, range
     * [-2, 2)) the divisor wraps to -2 and the "average" is minus the half sum, truncated toward zero, then wrapped to
     * 8 bits. The C++ reproduces that; the RTL backend refuses the layer, naming it and the reason.
     */
    @org.junit.jupiter.api.Test
    void averageWithAResultTypeThatCannotHoldTwoDividesByMinusTwo() throws Exception {
        int n = 5;
        String name = "avg_narrow";
        KerasModelFiles.Model m = twoInputs(name, new int[] {n}, new int[] {n}, "Average", "");
        Path config = Files.writeString(dir.resolve(name + ".yml"), """
                HLSConfig:
                  Model:
                    Precision: ap_fixed<8,2>
                """);
        Path inputs = RandomInputs.write(dir.resolve(name + "_in.dat"), SAMPLES, 2 * n, 6);
        GenerateRequest request = GenerateRequest.builder().model(m.json()).weights(m.weights()).config(config)
                .outputDirectory(dir.resolve("out")).projectName(name).ioType("io_stream").inputData(inputs).build();
        ConvExactCsimTest.assertCsimRunsButCosimRefuses(request,
                "layer 'merge' (Merge): average with result type ap_fixed<8,2>, which cannot hold the divisor 2");
        List<double[]> actual = DatFile.read(dir.resolve("out").resolve(name).resolve("tb_data/csim_results.log"));
        List<double[]> x = DatFile.read(inputs);
        assertEquals(SAMPLES, actual.size());
        int negated = 0;
        for (int k = 0; k < SAMPLES; k++) {
            for (int i = 0; i < n; i++) {
                long a = Math.floorMod((long) Math.floor(x.get(k)[i] * 64) + 128, 256) - 128;
                long b = Math.floorMod((long) Math.floor(x.get(k)[n + i] * 64) + 128, 256) - 128;
                long q = Math.floorMod((a + b) / -2 + 128, 256) - 128;
                negated += q != 0 ? 1 : 0;
                assertEquals(q / 64.0, actual.get(k)[i], 0.0, "sample " + (k + 1) + " value " + i);
            }
        }
        assertTrue(negated > 0);
    }

    /** Inputs in1 and in2 of the given shapes into one layer of the Keras class, the model output. */
    private KerasModelFiles.Model twoInputs(String name, int[] s1, int[] s2, String kerasClass, String config)
            throws Exception {
        Files.createDirectories(dir);
        return KerasFunctionalModels.write(dir, name, List.of(KerasFunctionalModels.input("in1", s1),
                KerasFunctionalModels.input("in2", s2),
                KerasFunctionalModels.layer("merge", kerasClass, config, "in1", "in2")),
                List.of("in1", "in2"), List.of("merge"), Map.of());
    }
}
