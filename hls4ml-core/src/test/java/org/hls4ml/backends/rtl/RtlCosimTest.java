package org.hls4ml.backends.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.Hls4ml;
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
 * and yosys synth_xilinx accepts it.
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

        // yosys accepts it for Xilinx. The whole synth_xilinx flow takes 5 to 10 minutes on this model (thousands of
        // multipliers through techmap and abc), beyond a unit test's budget: by default the test runs it up to the
        // 'fine' label (read, elaborate, coarse synthesis, DSP and block-RAM mapping) on one configuration;
        // -Dhls4ml.rtl.yosysFull=true runs the complete flow on all three.
        boolean full = Boolean.getBoolean("hls4ml.rtl.yosysFull");
        if (!full && !(strategy.equals("Resource") && rf == 4)) {
            return;
        }
        String yosys = Tools.require("yosys");
        StringBuilder read = new StringBuilder();
        for (String f : Files.readAllLines(dir.resolve("rtl/files.f"))) {
            read.append("read_verilog ").append(f).append("; ");
        }
        String synth = "synth_xilinx -top myproject" + (full ? "" : " -run :fine");
        Tools.Run y = Tools.run(dir, 1800, List.of(yosys, "-q", "-p", read + synth));
        assertEquals(0, y.exit(), () -> "yosys:\n" + Tools.tail(y.output()));
    }
}
