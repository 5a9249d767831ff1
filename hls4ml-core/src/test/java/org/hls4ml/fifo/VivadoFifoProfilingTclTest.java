package org.hls4ml.fifo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.testing.KerasModelFiles;
import org.hls4ml.tools.ProcessResult;
import org.hls4ml.tools.ProcessRunner;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.tools.ToolLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated {@code build_prj.tcl}, run by tclsh with a stand-in for Vivado HLS's commands (no Xilinx tool here):
 * with {@code fifo_opt=1} it prepares the co-simulation, rewrites the xsim script so that it records each FIFO
 * instance's {@code usedw} and {@code DEPTH} in {@code fifo_opt.vcd} (and nothing else), and runs it from
 * {@code sim/verilog}; without it, it co-simulates without traces.
 */
class VivadoFifoProfilingTclTest {

    @TempDir
    Path out;

    @Test
    void fifoOptInstrumentsTheXsimScriptWithTheFifoVcd() throws Exception {
        Path tclsh = new ToolLocator(System.getenv(), ProgressListener.NONE).locate("tclsh", null, "HLS4ML_TCLSH",
                "apt-get install tcl");
        KerasModelFiles.Model m = KerasModelFiles.denseStack(out, "small", 16, new int[] {8, 4},
                new String[] {"relu", "softmax"}, 7L);
        Path prj = Hls4ml.generate(GenerateRequest.builder().model(m.json()).weights(m.weights())
                .outputDirectory(out.resolve("hls4ml")).ioType("io_stream")
                .flows(List.of("vivado:fifo_depth_optimization")).build(), ProgressListener.NONE).projectDir();
        Path standin = prj.resolve("standin.tcl");
        try (InputStream in = getClass().getResourceAsStream("vivado_hls_standin.tcl")) {
            Files.copy(in, standin);
        }

        ProcessResult r = new ProcessRunner(ProgressListener.NONE).run(List.of(tclsh.toString(), standin.toString(),
                "build_prj.tcl", "csim=0 synth=1 cosim=1 validation=0 fifo_opt=1"), prj, Map.of(),
                out.resolve("tcl.log"), Duration.ofMinutes(1));
        String log = Files.readString(out.resolve("tcl.log"));
        assertEquals(0, r.exitCode(), log);
        List<String> calls = Files.readAllLines(prj.resolve("calls.log"));
        String d = "/apatb_myproject_top/AESL_inst_myproject";
        List<String> cosim = calls.subList(calls.indexOf("cosim_design -trace_level all -setup"), calls.size());
        assertEquals(List.of(
                "cosim_design -trace_level all -setup",
                "run_sim.tcl verilog",
                "current_scope " + d,
                "open_vcd fifo_opt.vcd",
                "current_scope " + d + "/layer2_out_V_data_0_V_U",
                "log_vcd " + d + "/layer2_out_V_data_0_V_U/usedw",
                "log_vcd " + d + "/layer2_out_V_data_0_V_U/DEPTH",
                "current_scope " + d,
                "current_scope " + d + "/layer2_out_V_data_1_V_U",
                "log_vcd " + d + "/layer2_out_V_data_1_V_U/usedw",
                "log_vcd " + d + "/layer2_out_V_data_1_V_U/DEPTH",
                "current_scope " + d,
                "current_scope " + d + "/grp_dense_fu_100",
                "current_scope " + d,
                "run all",
                "flush_vcd",
                "close_vcd",
                "quit"), cosim, String.join("\n", calls));
        assertTrue(calls.contains("csynth_design"), calls.toString());
        String xsim = Files.readString(prj.resolve("myproject_prj/solution1/sim/verilog/myproject.tcl"));
        assertTrue(!xsim.contains("log_wave -r /"), "every-wave logging replaced:\n" + xsim);

        // without fifo_opt: a plain co-simulation, no tracing
        Files.delete(prj.resolve("calls.log"));
        r = new ProcessRunner(ProgressListener.NONE).run(List.of(tclsh.toString(), standin.toString(),
                "build_prj.tcl", "csim=0 synth=0 cosim=1 validation=0"), prj, Map.of(), out.resolve("tcl2.log"),
                Duration.ofMinutes(1));
        assertEquals(0, r.exitCode(), Files.readString(out.resolve("tcl2.log")));
        assertEquals(List.of("cosim_design -trace_level none"), Files.readAllLines(prj.resolve("calls.log")).stream()
                .filter(l -> l.startsWith("cosim_design")).toList());
    }
}
