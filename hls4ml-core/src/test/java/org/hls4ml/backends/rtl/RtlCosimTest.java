package org.hls4ml.backends.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.cosim.ResourceEstimate;
import org.hls4ml.cosim.ResourceEstimator;
import org.hls4ml.cosim.ResourceRequest;
import org.hls4ml.model.ModelGraph;
import org.hls4ml.testing.SharedData;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Acceptance of the RTL backend: KERAS_3layer, io_stream, ap_fixed<16,6> (Latency RF 1, Latency RF 4, Resource RF 4):
 * the Verilog passes {@code verilator --lint-only -Wall} (minus the justified warnings), its Verilator simulation of
 * all 10,000 samples of jet16_normal equals hls4ml's csim output value for value (also under random back-pressure),
 * and yosys synth_xilinx (the whole 7-series flow, as the resource estimate runs it) accepts it and maps the Dense
 * layers' multipliers to DSP48E1.
 */
class RtlCosimTest {

    /** The whole reference: the simulation is fast, the Verilator build dominates. */
    static final int SAMPLES = 10000;
    /**
     * UNUSEDSIGNAL: casts and slices read only some bits of wider intermediate values (e.g. the bits below accum_t's
     * LSB of a product are dropped by TRN), which is the arithmetic, not an oversight.
     */
    static final List<String> LINT_WAIVERS = List.of("-Wno-UNUSEDSIGNAL");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} RF {1}")
    @CsvSource({"Latency, 1", "Latency, 4", "Resource, 4"})
    void keras3layerCosimMatchesHls4ml(String strategy, int rf) throws Exception {
        String verilator = Tools.require("verilator");
        String keep = System.getProperty("hls4ml.rtl.keep"); // debugging: keep the generated projects there
        if (keep != null && !keep.isBlank()) {
            tmp = Path.of(keep, strategy + "_rf" + rf);
        }
        Path reference = SharedData.reference("hls4ml/hls4ml_KERAS_3layer_io_stream_jet16_normal_n10000.dat");
        Path inputs = SharedData.reference("inputs/jet16_normal_n10000.dat");
        GenerateRequest request = GenerateRequest.builder()
                .model(SharedData.model("keras/KERAS_3layer.json"))
                .weights(SharedData.model("keras/KERAS_3layer_weights.h5"))
                .outputDirectory(tmp)
                .ioType("io_stream")
                .precision("ap_fixed<16,6>")
                .strategy(strategy)
                .reuseFactor(rf)
                .build();
        ModelGraph model = Hls4ml.convert(request, ProgressListener.NONE).model();
        RtlDesign design = RtlWriter.write(model);
        assertEquals(List.of(), design.unsupported());
        assertEquals("myproject", design.topModule());
        Path dir = tmp.resolve("myproject");
        for (Map.Entry<String, String> f : design.files().entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        List<String> first = Files.readAllLines(inputs).subList(0, SAMPLES);
        Files.write(dir.resolve("in.dat"), first);

        // lint
        List<String> lint = new java.util.ArrayList<>(List.of(verilator, "--lint-only", "-Wall"));
        lint.addAll(LINT_WAIVERS);
        lint.addAll(List.of("--top-module", "myproject", "-f", "rtl/files.f"));
        Tools.Run l = Tools.run(dir, 300, lint);
        assertEquals(0, l.exit(), () -> "lint:\n" + Tools.tail(l.output()));

        // build once, simulate
        Tools.ok(dir, 900, verilator, "--cc", "--exe", "--build", "-O3", "-j", "1", "--top-module", "myproject",
                "-Mdir", "obj", "-f", "rtl/files.f", "rtl/tb_main.cpp", "-CFLAGS", "-O1");
        String run = Tools.ok(dir, 300, dir.resolve("obj/Vmyproject").toString(), "in.dat", "out.log",
                "report.json", "100000");
        List<String> actual = Files.readAllLines(dir.resolve("out.log"));
        List<String> expected = Files.readAllLines(reference).subList(0, SAMPLES);
        assertEquals(SAMPLES, actual.size(), run);
        for (int i = 0; i < SAMPLES; i++) {
            assertEquals(expected.get(i).trim(), actual.get(i).trim(), "sample " + i);
        }
        String report = Files.readString(dir.resolve("report.json"));
        System.out.println("[" + strategy + " RF " + rf + "] " + report.trim());
        assertTrue(report.contains("\"deadlock\": null"), report);

        // under random back-pressure the values are the same
        Tools.Run stalled = Tools.run(dir, 300, List.of("env", "HLS4ML_TB_STALL=40", dir.resolve("obj/Vmyproject").toString(),
                "in.dat", "out_stall.log", "report_stall.json", "100000"));
        assertEquals(0, stalled.exit(), stalled.output());
        assertEquals(actual, Files.readAllLines(dir.resolve("out_stall.log")));

        // yosys synth_xilinx (the complete 7-series flow, through to LUTs, FFs, DSP48E1 and RAMB) accepts every module
        // and counts resources: the resource estimate, one synthesis per layer module and one for the top's FIFOs and
        // glue, two at a time. By default on one configuration; -Dhls4ml.rtl.yosysFull=true runs it on all three.
        boolean full = Boolean.getBoolean("hls4ml.rtl.yosysFull");
        if (!full && !(strategy.equals("Latency") && rf == 4)) {
            return;
        }
        Path yosys = Path.of(Tools.require("yosys"));
        ResourceEstimate e = new ResourceEstimator().estimate(new ResourceRequest(dir, "myproject",
                design.layerModules(), yosys, Duration.ofMinutes(30), null));
        System.out.println("[" + strategy + " RF " + rf + "]\n" + e.table());
        assertEquals(design.layerModules().size(), e.layers().size());
        ResourceEstimate.Resources sum = e.glue();
        for (Map.Entry<String, ResourceEstimate.Resources> layer : e.layers().entrySet()) {
            ResourceEstimate.Resources r = layer.getValue();
            assertTrue(r.lut() > 0, layer.getKey() + ": " + r);
            assertTrue(r.ff() > 0, layer.getKey() + ": " + r);
            if (layer.getKey().matches("myproject_(fc\\d+|output)_(relu|softmax)")) {
                // a Dense layer's multipliers: 16 x 16 bits, on DSP48E1
                assertTrue(r.dsp() > 0, layer.getKey() + ": " + r);
            }
            sum = sum.plus(r);
        }
        assertEquals(sum, e.total(), "each layer is instantiated once");
        assertTrue(e.glue().ff() > 0 && e.glue().lutram() + e.glue().bram18Equivalent() > 0,
                "the FIFOs: " + e.glue());
        assertTrue(e.total().lut() > 1000 && e.total().dsp() > 100, e.total().toString());
    }
}
