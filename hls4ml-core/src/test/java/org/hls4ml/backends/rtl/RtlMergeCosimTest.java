package org.hls4ml.backends.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.testing.KerasFunctionalModels;
import org.hls4ml.testing.KerasFunctionalModels.Node;
import org.hls4ml.testing.KerasModelFiles;
import org.hls4ml.testing.RandomInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RTL of io_stream models with forks and merges (Clone modules fanning a stream out, Merge and Concatenate modules
 * reading two FIFOs) against the generated C++: seeded random weights and inputs in [-24, 24), so that sums and
 * products wrap; the RTL co-simulation's output must equal the C simulation's line for line. Together the models use
 * every merge operation, Concatenate along the last and along outer axes, and clones into two, three and four copies.
 */
class RtlMergeCosimTest {

    static final int N = 40;

    @TempDir
    Path dir;

    /** x -> Dense -> Add(dense, x) -> Concatenate(add, x): x is cloned into three copies. */
    @Test
    void residualDenseAddConcatenate() throws Exception {
        Random r = new Random(31);
        Map<String, Map<String, Object>> w = new LinkedHashMap<>();
        w.put("dense", Map.of("kernel", KerasModelFiles.randomMatrix(r, 8, 8, 0.5f),
                "bias", KerasModelFiles.randomMatrix(r, 1, 8, 0.5f)[0]));
        KerasModelFiles.Model m = KerasFunctionalModels.write(dir, "resid", List.of(KerasFunctionalModels.input("x", 8),
                KerasFunctionalModels.layer("dense", "Dense", "\"units\": 8, \"activation\": \"relu\","
                        + " \"use_bias\": true", "x"),
                KerasFunctionalModels.layer("add", "Add", "", "dense", "x"),
                KerasFunctionalModels.layer("cat", "Concatenate", "\"axis\": -1", "add", "x")),
                List.of("x"), List.of("cat"), w);
        String v = cosimEqualsCsim("resid", m, 8);
        assertTrue(v.contains("Clone clone_x: x into 3 copies"), v);
        assertTrue(v.contains("Merge add (add)"), v);
        assertTrue(v.contains("Concatenate cat: [8] and [8] along axis -1"), v);
    }

    /** x[5,2] -> Conv1D -> Average(conv, x) -> Concatenate along the width (an outer axis) with x. */
    @Test
    void convAverageConcatenateOuterAxis() throws Exception {
        Random r = new Random(32);
        KerasModelFiles.Model m = KerasFunctionalModels.write(dir, "avgcat", List.of(KerasFunctionalModels.input("x", 5, 2),
                conv1d("conv", 2, "x"),
                KerasFunctionalModels.layer("avg", "Average", "", "conv", "x"),
                KerasFunctionalModels.layer("cat", "Concatenate", "\"axis\": 1", "avg", "x")),
                List.of("x"), List.of("cat"), Map.of("conv", convWeights(r, 3, 2, 2)));
        String v = cosimEqualsCsim("avgcat", m, 10);
        assertTrue(v.contains("blocks of 5 then 5 transactions, 1 times"), v);
    }

    /**
     * x[4,3] -> Conv1D c; s = Subtract(c, x); p = Multiply(s, x); mx = Maximum(p, c); out = Minimum(mx, x): x is
     * cloned into four copies, c into two.
     */
    @Test
    void subtractMultiplyMaximumMinimum() throws Exception {
        Random r = new Random(33);
        KerasModelFiles.Model m = KerasFunctionalModels.write(dir, "ops", List.of(KerasFunctionalModels.input("x", 4, 3),
                conv1d("c", 3, "x"),
                KerasFunctionalModels.layer("s", "Subtract", "", "c", "x"),
                KerasFunctionalModels.layer("p", "Multiply", "", "s", "x"),
                KerasFunctionalModels.layer("mx", "Maximum", "", "p", "c"),
                KerasFunctionalModels.layer("mn", "Minimum", "", "mx", "x")),
                List.of("x"), List.of("mn"), Map.of("c", convWeights(r, 3, 3, 3)));
        String v = cosimEqualsCsim("ops", m, 12);
        assertTrue(v.contains("Clone clone_x: x into 4 copies") && v.contains("into 2 copies"), v);
    }

    /**
     * x[3,3,2] -> Conv2D c; h = Concatenate(c, x) along the height (axis 1), then Concatenate(h, h) along the width
     * (axis -2): both outer axes, and one layer reading the same tensor twice (a Clone into two copies).
     */
    @Test
    void conv2dConcatenateOuterAxes() throws Exception {
        Random r = new Random(34);
        float[][] flat = KerasModelFiles.randomMatrix(r, 9 * 2, 2, 1f);
        float[][][][] k = new float[3][3][2][];
        for (int i = 0; i < 18; i++) {
            k[i / 6][(i / 2) % 3][i % 2] = flat[i];
        }
        Map<String, Map<String, Object>> w = new LinkedHashMap<>();
        w.put("c", Map.of("kernel", k, "bias", KerasModelFiles.randomMatrix(r, 1, 2, 0.5f)[0]));
        KerasModelFiles.Model m = KerasFunctionalModels.write(dir, "cat3d", List.of(KerasFunctionalModels.input("x", 3, 3, 2),
                KerasFunctionalModels.layer("c", "Conv2D", "\"filters\": 2, \"kernel_size\": [3, 3], \"strides\": [1, 1],"
                        + " \"padding\": \"same\", \"activation\": \"linear\", \"use_bias\": true", "x"),
                KerasFunctionalModels.layer("h", "Concatenate", "\"axis\": 1", "c", "x"),
                KerasFunctionalModels.layer("wcat", "Concatenate", "\"axis\": -2", "h", "h")),
                List.of("x"), List.of("wcat"), w);
        String v = cosimEqualsCsim("cat3d", m, 18);
        // the height: all 9 pixels of c, then all 9 of x; the width: for each of the 6 rows, 3 pixels of each copy of h
        assertTrue(v.contains("blocks of 9 then 9 transactions, 1 times"), v);
        assertTrue(v.contains("blocks of 3 then 3 transactions, 6 times"), v);
        assertTrue(v.contains("Clone clone_h: layer3_out into 2 copies"), v);
    }

    /**
     * vivado:fifo_depth_optimization on a forked model: every FIFO, the Clone copies included, is profiled at depth
     * 1000 and resized to its maximum occupancy + 1 (pragmas rewritten); the copy of x waiting for Concatenate's second
     * block holds at least a whole sample (5 pixels); the resized design co-simulates equal to csim.
     */
    @Test
    void fifoDepthOptimizationSizesTheCloneCopies() throws Exception {
        Random r = new Random(35);
        KerasModelFiles.Model m = KerasFunctionalModels.write(dir, "fifo", List.of(KerasFunctionalModels.input("x", 5, 2),
                conv1d("conv", 2, "x"),
                KerasFunctionalModels.layer("avg", "Average", "", "conv", "x"),
                KerasFunctionalModels.layer("cat", "Concatenate", "\"axis\": 1", "avg", "x")),
                List.of("x"), List.of("cat"), Map.of("conv", convWeights(r, 3, 2, 2)));
        Path in = RandomInputs.write(dir.resolve("fifo_inputs.dat"), N, 10, 36);
        org.hls4ml.api.GenerateResult g = org.hls4ml.api.Hls4ml.generate(GenerateRequest.builder().model(m.json())
                .weights(m.weights()).outputDirectory(dir.resolve("out")).projectName("fifo").ioType("io_stream")
                .precision("ap_fixed<16,6>").inputData(in).flows(List.of("vivado:fifo_depth_optimization"))
                .passParameter("vivado:fifo_depth_optimization", "profiling_fifo_depth", 1000).build(),
                org.hls4ml.tools.ProgressListener.NONE);
        Path prj = g.projectDir();
        org.hls4ml.api.Hls4ml.csim(new org.hls4ml.api.CsimOptions(prj, null, List.of("-O0", "-std=c++14"), null,
                java.time.Duration.ofMinutes(5), null, null), org.hls4ml.tools.ProgressListener.NONE);
        org.hls4ml.cosim.CosimOutcome o = org.hls4ml.api.Hls4ml.cosim(new org.hls4ml.cosim.CosimOptions(prj, null, null,
                null, java.time.Duration.ofMinutes(5), null, null, false), org.hls4ml.tools.ProgressListener.NONE);
        var depths = o.fifo().depths().fifos();
        assertEquals(List.of("layer5_cpy1", "layer5_cpy2", "layer5_cpy3", "layer2_out", "layer3_out"),
                List.copyOf(depths.keySet()));
        for (var e : depths.entrySet()) {
            assertEquals(e.getValue().maxOccupancy() + 1, e.getValue().optimized(), e.getKey());
        }
        // the copy read by Concatenate's second block holds at least a whole sample while the first block passes
        // (fed from the model input, which the test bench keeps valid, the copies also buffer samples ahead)
        assertTrue(depths.get("layer5_cpy3").maxOccupancy() >= 5, depths.toString());
        String cpp = Files.readString(prj.resolve("firmware/fifo.cpp"));
        for (var e : depths.entrySet()) {
            assertTrue(cpp.contains("#pragma HLS STREAM variable=" + e.getKey() + " depth=" + e.getValue().optimized()),
                    e.getKey() + " in " + cpp);
        }
        assertEquals(Files.readString(prj.resolve("tb_data/csim_results.log")),
                Files.readString(prj.resolve("tb_data/rtl_cosim_results.log")));
        System.out.println("[RtlMergeCosimTest] fifo: " + depths);
    }

    /**
     * The yosys estimate after the co-simulation synthesizes the Clone and Merge modules like the other layers: the
     * clone of an 8 x 16-bit stream into three copies holds one 128-bit register, and the merge modules cost logic.
     */
    @Test
    void yosysEstimatesTheCloneAndMergeModules() throws Exception {
        Random r = new Random(37);
        KerasModelFiles.Model m = KerasFunctionalModels.write(dir, "est", List.of(KerasFunctionalModels.input("x", 8),
                KerasFunctionalModels.layer("mx", "Maximum", "", "x", "x"),
                KerasFunctionalModels.layer("cat", "Concatenate", "", "mx", "x")),
                List.of("x"), List.of("cat"), Map.of());
        Path in = RandomInputs.write(dir.resolve("est_inputs.dat"), N, 8, 38);
        org.hls4ml.api.GenerateResult g = org.hls4ml.api.Hls4ml.generate(GenerateRequest.builder().model(m.json())
                .weights(m.weights()).outputDirectory(dir.resolve("out")).projectName("est").ioType("io_stream")
                .precision("ap_fixed<16,6>").inputData(in).build(), org.hls4ml.tools.ProgressListener.NONE);
        Path prj = g.projectDir();
        org.hls4ml.api.Hls4ml.csim(new org.hls4ml.api.CsimOptions(prj, null, List.of("-O0", "-std=c++14"), null,
                java.time.Duration.ofMinutes(5), null, null), org.hls4ml.tools.ProgressListener.NONE);
        org.hls4ml.cosim.CosimOutcome o = org.hls4ml.api.Hls4ml.cosim(new org.hls4ml.cosim.CosimOptions(prj, null, null,
                null, java.time.Duration.ofMinutes(10), null, null, true), org.hls4ml.tools.ProgressListener.NONE);
        assertEquals(Files.readString(prj.resolve("tb_data/csim_results.log")),
                Files.readString(prj.resolve("tb_data/rtl_cosim_results.log")));
        var est = o.resources();
        assertTrue(est != null && est.ran(), "no estimate");
        var clone = est.layers().get("est_clone_x");
        var max = est.layers().get("est_mx");
        var cat = est.layers().get("est_cat");
        assertTrue(clone != null && max != null && cat != null, est.layers().keySet().toString());
        assertTrue(clone.ff() >= 128, "the copies' register: " + clone);
        assertTrue(max.lut() > 0 && max.ff() >= 128, "compare and select, output register: " + max);
        System.out.println("[RtlMergeCosimTest] est: " + est.layers());
    }

    private static Node conv1d(String name, int filters, String in) {
        return KerasFunctionalModels.layer(name, "Conv1D", "\"filters\": " + filters + ", \"kernel_size\": [3],"
                + " \"strides\": [1], \"padding\": \"same\", \"activation\": \"linear\", \"use_bias\": true", in);
    }

    private static Map<String, Object> convWeights(Random r, int kernel, int channels, int filters) {
        float[][] flat = KerasModelFiles.randomMatrix(r, kernel * channels, filters, 1f);
        float[][][] k = new float[kernel][channels][];
        for (int t = 0; t < kernel; t++) {
            for (int c = 0; c < channels; c++) {
                k[t][c] = flat[t * channels + c];
            }
        }
        return Map.of("kernel", k, "bias", KerasModelFiles.randomMatrix(r, 1, filters, 0.5f)[0]);
    }

    /** Generates, simulates and co-simulates the model; returns the generated Verilog (every file) for checks. */
    private String cosimEqualsCsim(String name, KerasModelFiles.Model m, int inputs) throws Exception {
        Path in = RandomInputs.write(dir.resolve(name + "_inputs.dat"), N, inputs, name.hashCode());
        RtlLayerVariantsCosimTest.cosimEqualsCsim(name, GenerateRequest.builder().model(m.json())
                .weights(m.weights()).outputDirectory(dir.resolve("out")).projectName(name).ioType("io_stream")
                .precision("ap_fixed<16,6>").inputData(in).build(), N, "RtlMergeCosimTest");
        // the whole design is lint-clean (Verilator -Wall, the waivers of RtlCosimTest)
        Path prj = dir.resolve("out").resolve(name);
        List<String> lint = new java.util.ArrayList<>(List.of(Tools.require("verilator"), "--lint-only", "-Wall"));
        lint.addAll(RtlCosimTest.LINT_WAIVERS);
        lint.addAll(List.of("--top-module", name, "-f", "rtl/files.f"));
        Tools.Run l = Tools.run(prj, 300, lint);
        assertEquals(0, l.exit(), () -> "lint:\n" + Tools.tail(l.output()));
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(prj.resolve("rtl"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".v")).sorted().toList()) {
                all.append(Files.readString(f));
            }
        }
        assertEquals(true, all.length() > 0, "no Verilog for " + name);
        return all.toString();
    }
}
