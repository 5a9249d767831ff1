package org.hls4ml.fifo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hls4ml.api.CsimOptions;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.GenerateResult;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.cosim.CosimOptions;
import org.hls4ml.cosim.CosimOutcome;
import org.hls4ml.cosim.CosimReport;
import org.hls4ml.testing.RecordingListener;
import org.hls4ml.testing.SharedData;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.writer.ProjectManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's must-show on KERAS_3layer (Dense 16-64-32-32-5, relu, softmax; io_stream, ap_fixed<16,6>, Latency RF 1)
 * on all 10,000 jets: with {@code Flows: [vivado:fifo_depth_optimization]} and {@code profiling_fifo_depth} 100,000
 * from the configuration file, the co-simulation step profiles every inter-layer FIFO, rewrites every pragma to
 * max + 1, and the resized design co-simulates equal to csim and to hls4ml; a second run profiles nothing.
 */
class FifoDepthFlowTest {

    @TempDir
    Path out;

    @Test
    void keras3layerFifosAreProfiledResizedToMaxPlusOneAndVerified() throws Exception {
        Path reference = SharedData.reference("hls4ml/hls4ml_KERAS_3layer_io_stream_jet16_normal_n10000.dat");
        Path config = Files.writeString(out.resolve("hls4ml_config.yml"), """
                Backend: Vivado
                IOType: io_stream
                Flows: [vivado:fifo_depth_optimization]
                PassConfig:
                  vivado:fifo_depth_optimization:
                    profiling_fifo_depth: 100000
                HLSConfig:
                  Model:
                    Precision: ap_fixed<16,6>
                    ReuseFactor: 1
                    Strategy: Latency
                """);
        GenerateRequest request = GenerateRequest.builder()
                .config(config)
                .model(SharedData.model("keras/KERAS_3layer.json"))
                .weights(SharedData.model("keras/KERAS_3layer_weights.h5"))
                .outputDirectory(out.resolve("hls4ml"))
                .inputData(SharedData.reference("inputs/jet16_normal_n10000.dat"))
                .outputPredictions(reference)
                .build();
        GenerateResult g = Hls4ml.generate(request, ProgressListener.NONE);
        Path prj = g.projectDir();
        ProjectManifest manifest = ProjectManifest.read(prj);
        assertEquals(new FifoOptimizationRequest("vivado:fifo_depth_optimization", 100_000), manifest.fifoOptimization());
        Path cppFile = prj.resolve("firmware/myproject.cpp");
        Map<String, Integer> defaults = DepthRewriter.pragmaDepths(Files.readString(cppFile));
        Hls4ml.csim(new CsimOptions(prj, null, null, null, null, 0.0, null), ProgressListener.NONE);

        RecordingListener log = new RecordingListener();
        CosimOutcome o = Hls4ml.cosim(new CosimOptions(prj, null, null, null, null, null, null, false), log);
        FifoOptimizationResult fifo = o.fifo();
        assertNotNull(fifo);
        assertFalse(fifo.upToDate());

        // every inter-layer stream was measured, at the profiling depth, and not the model's input/output
        List<String> streams = manifest.rtl().fifos().stream().map(f -> f.name()).toList();
        assertEquals(7, streams.size(), streams.toString());
        assertEquals(streams, new ArrayList<>(fifo.depths().fifos().keySet()));
        CosimReport profile = fifo.profiling().report();
        for (String s : streams) {
            assertEquals(100_000, profile.fifos().get(s).depth(), s);
        }
        assertFalse(fifo.depths().fifos().containsKey("input_1"));
        assertTrue(fifo.depths().fifos().containsKey("layer8_out"), "the last Dense feeds the softmax through a FIFO");
        assertFalse(fifo.depths().fifos().containsKey("layer9_out"), "the output stream is not an inter-layer FIFO");

        // pragmas, Verilog constants, manifest and fifo_depths.json all carry max + 1
        Map<String, Integer> pragmas = DepthRewriter.pragmaDepths(Files.readString(cppFile));
        Map<String, Integer> verilog = DepthRewriter.verilogDepths(Files.readString(prj.resolve("rtl/myproject.v")));
        FifoDepths file = FifoDepths.read(prj.resolve("fifo_depths.json"));
        assertEquals("verilator", file.engine());
        assertEquals(100_000, file.profilingDepth());
        for (String s : streams) {
            FifoDepths.Entry e = file.fifos().get(s);
            assertEquals(profile.fifos().get(s).maxOccupancy() + 1, e.optimized(), s);
            assertEquals(e.maxOccupancy() + 1, e.optimized(), s);
            assertEquals(defaults.get(s), e.initial(), s);
            assertEquals(e.optimized(), pragmas.get(s), "pragma of " + s);
            assertEquals(e.optimized(), verilog.get(s), "Verilog depth of " + s);
        }
        ProjectManifest after = ProjectManifest.read(prj);
        after.rtl().fifos().forEach(f -> assertEquals(file.fifos().get(f.name()).optimized(), f.depth(), f.name()));

        // the resized design's outputs equal csim and hls4ml; its interval is no worse than profiling's
        assertEquals(Files.readString(prj.resolve("tb_data/csim_results.log")),
                Files.readString(prj.resolve("tb_data/rtl_cosim_results.log")));
        assertEquals(Files.readString(reference), Files.readString(prj.resolve("tb_data/rtl_cosim_results.log")));
        assertTrue(fifo.verification().report().intervalCycles() <= profile.intervalCycles());
        for (String s : streams) {
            assertEquals(file.fifos().get(s).optimized(), fifo.verification().report().fifos().get(s).depth());
        }
        assertTrue(log.lines.stream().anyMatch(l -> l.contains("max occupancy") && l.contains("optimized")),
                log.lines.toString());
        // yosys estimated the FIFOs and glue (not the whole design: no <resourceEstimate>) before and after
        assertNotNull(fifo.before());
        assertNotNull(fifo.after());
        assertTrue(fifo.before().fifosAndGlueOnly() && fifo.after().fifosAndGlueOnly());
        assertTrue(fifo.before().layers().isEmpty(), "no layer synthesized: " + fifo.before().layers());
        assertEquals(List.of("myproject"), fifo.before().synthesized(), "only the top, layers as black boxes");
        assertFalse(Files.exists(prj.resolve("reports/resources.json")), "the design's report is not faked");
        assertEquals(null, o.resources(), "no design estimate without <resourceEstimate>");
        String json = Files.readString(prj.resolve("fifo_depths.json"));
        assertTrue(json.contains("\"scope\" : \"fifos_and_glue\""), json);
        assertTrue(log.lines.stream().anyMatch(l -> l.contains("resources of the FIFOs and glue")), log.lines.toString());
        assertTrue(fifo.after().total().ff() > fifo.before().total().ff(), "depth 3 FIFOs need read/write pointers"
                + " that depth 1 FIFOs do not: " + fifo.before().total() + " -> " + fifo.after().total());
        System.out.println("[FifoDepthFlowTest] FIFOs and glue before " + fifo.before().total() + " after "
                + fifo.after().total());
        System.out.println("[FifoDepthFlowTest] KERAS_3layer " + file.fifos() + "; interval profiling "
                + profile.intervalCycles() + ", optimized " + fifo.verification().report().intervalCycles()
                + "; latency " + fifo.verification().report().latencyCycles());

        // a second run profiles nothing, rebuilds nothing; a csim after the rewrite is not stale
        CosimOutcome again = Hls4ml.cosim(new CosimOptions(prj, null, null, null, null, null, null, false),
                ProgressListener.NONE);
        assertTrue(again.fifo().upToDate());
        assertFalse(again.cosim().built());
        assertFalse(again.cosim().ran());
        var csimAgain = Hls4ml.csim(new CsimOptions(prj, null, null, null, null, 0.0, null), ProgressListener.NONE);
        assertFalse(csimAgain.result().compiled(), "pragma depths do not make the C simulation stale");
    }
}
