package org.hls4ml.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hls4ml.api.ToolException;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps of build_prj.tcl run by stand-ins for vivado_hls, vitis_hls and vitis-run (tclsh with the vendor commands
 * defined; no Xilinx tool here): the argument list of each step, one process and one log per step, exit codes,
 * ERROR lines, missing outputs and time limits.
 */
class VendorRunnerTest {

    static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path out;

    /** The vendor commands each stand-in process ran, one list per process (each starts with open_project). */
    static List<List<String>> perProcess(List<String> calls) {
        List<List<String>> out = new ArrayList<>();
        for (String c : calls) {
            if (c.startsWith("open_project") || out.isEmpty()) {
                out.add(new ArrayList<>());
            }
            out.get(out.size() - 1).add(c);
        }
        return out;
    }

    static List<String> only(List<String> commands, String... names) {
        return commands.stream().filter(c -> List.of(names).contains(c.split(" ")[0])).toList();
    }

    @Test
    void eachStepRunsBuildPrjWithItsOptionsInItsOwnProcessAndLog() throws Exception {
        Path prj = StandIn.generate(out, "Vivado", "io_stream", false);
        Path exe = StandIn.create(out.resolve("bin"), "vivado_hls");
        VendorRunner runner = new VendorRunner(new VendorTool(VendorTool.Kind.VIVADO_HLS, exe), ProgressListener.NONE);

        StepResult csim = runner.run(prj, VendorStep.CSIM, MINUTE);
        StepResult synth = runner.run(prj, VendorStep.SYNTH, MINUTE);
        StepResult cosim = runner.run(prj, VendorStep.COSIM, MINUTE);
        StepResult export = runner.run(prj, VendorStep.EXPORT, MINUTE);

        String x = exe.toString();
        assertEquals(List.of(
                List.of(x, "-f", "build_prj.tcl", "reset=0 csim=1 synth=0 cosim=0 validation=0 export=0 vsynth=0 fifo_opt=0"),
                List.of(x, "-f", "build_prj.tcl", "reset=0 csim=0 synth=1 cosim=0 validation=0 export=0 vsynth=0 fifo_opt=0"),
                List.of(x, "-f", "build_prj.tcl", "reset=0 csim=0 synth=0 cosim=1 validation=1 export=0 vsynth=0 fifo_opt=0"),
                List.of(x, "-f", "build_prj.tcl", "reset=0 csim=0 synth=0 cosim=0 validation=0 export=1 vsynth=0 fifo_opt=0")),
                StandIn.toolCalls(prj));
        List<List<String>> processes = perProcess(StandIn.calls(prj));
        assertEquals(4, processes.size(), processes.toString());
        String[] steps = {"csim_design", "csynth_design", "cosim_design", "export_design"};
        for (int i = 0; i < 4; i++) {
            List<String> p = processes.get(i);
            assertEquals("open_project myproject_prj", p.get(0));
            assertTrue(p.contains("set_top myproject") && p.contains("open_solution solution1"), p.toString());
            assertEquals(1, only(p, steps).size(), p.toString());
            assertTrue(only(p, steps).get(0).startsWith(steps[i]), p.toString());
        }
        assertTrue(processes.get(2).contains("add_files -tb myproject_test.cpp -cflags -std=c++0x -DRTL_SIM"),
                processes.get(2).toString());
        assertTrue(processes.get(2).contains("cosim_design -trace_level none"), processes.get(2).toString());
        assertTrue(processes.get(3).contains("export_design -format ip_catalog -version 1.0"),
                processes.get(3).toString());

        assertEquals(prj.resolve("tb_data/csim_results.log"), csim.output());
        assertEquals(prj.resolve("myproject_prj/solution1/syn/report/myproject_csynth.xml"), synth.output());
        assertEquals(prj.resolve("tb_data/rtl_cosim_results.log"), cosim.output());
        assertEquals(prj.resolve("myproject_prj/solution1/impl/ip/xilinx_com_hls_myproject_1_0.zip"), export.output());
        String[][] logs = {{"csim", "***** C SIMULATION *****"}, {"synth", "***** C/RTL SYNTHESIS *****"},
                {"cosim", "INFO: test PASSED"}, {"export", "***** EXPORT IP *****"}};
        StepResult[] results = {csim, synth, cosim, export};
        for (int i = 0; i < 4; i++) {
            Path log = prj.resolve("build/vendor/" + logs[i][0] + ".log");
            assertEquals(log, results[i].logFile());
            String text = Files.readString(log);
            assertTrue(text.startsWith("$ " + x + " -f build_prj.tcl 'reset=0"), text);
            assertTrue(text.contains(logs[i][1]) && text.contains("# exit code 0"), text);
            assertFalse(results[i].upToDate());
        }

        // nothing changed: nothing runs; a changed firmware file runs the step again
        assertTrue(runner.run(prj, VendorStep.CSIM, MINUTE).upToDate());
        assertTrue(runner.run(prj, VendorStep.COSIM, MINUTE).upToDate());
        assertEquals(4, StandIn.toolCalls(prj).size());
        Path cpp = prj.resolve("firmware/myproject.cpp");
        Files.writeString(cpp, Files.readString(cpp) + "\n// edited\n");
        assertFalse(runner.run(prj, VendorStep.CSIM, MINUTE).upToDate());
        assertEquals(5, StandIn.toolCalls(prj).size());
        // an output removed or overwritten since (e.g. by the open tools) is made again
        Files.writeString(prj.resolve("tb_data/csim_results.log"), "0 0 0 0\n");
        assertFalse(runner.run(prj, VendorStep.CSIM, MINUTE).upToDate());
    }

    @Test
    void aNonZeroExitFailsTheStepWithItsLogAndLastLines() throws Exception {
        Path prj = StandIn.generate(out, "Vivado", "io_parallel", false);
        Path exe = StandIn.create(out.resolve("bin"), "vivado_hls", Map.of("STANDIN_EXIT", "csynth_design"));
        VendorRunner runner = new VendorRunner(new VendorTool(VendorTool.Kind.VIVADO_HLS, exe), ProgressListener.NONE);
        ToolException e = assertThrows(ToolException.class, () -> runner.run(prj, VendorStep.SYNTH, MINUTE));
        String msg = e.getMessage();
        Path log = prj.resolve("build/vendor/synth.log");
        assertTrue(msg.startsWith("vendor synth failed: `vivado_hls -f build_prj.tcl 'reset=0 csim=0 synth=1"), msg);
        assertTrue(msg.contains("failed with exit code 1 (full log: " + log + ")"), msg);
        assertTrue(msg.contains("last lines of output:") && msg.contains("stand-in csynth_design: simulated failure"),
                msg);
        // a failed step is not recorded: the next build runs it again
        assertThrows(ToolException.class, () -> runner.run(prj, VendorStep.SYNTH, MINUTE));
        assertEquals(2, StandIn.toolCalls(prj).size());
    }

    @Test
    void anErrorLineFailsTheStepAlthoughTheToolExitedWithZero() throws Exception {
        Path prj = StandIn.generate(out, "Vivado", "io_parallel", false);
        Path exe = StandIn.create(out.resolve("bin"), "vivado_hls", Map.of("STANDIN_ERROR", "csim_design"));
        VendorRunner runner = new VendorRunner(new VendorTool(VendorTool.Kind.VIVADO_HLS, exe), ProgressListener.NONE);
        ToolException e = assertThrows(ToolException.class, () -> runner.run(prj, VendorStep.CSIM, MINUTE));
        String msg = e.getMessage();
        assertTrue(msg.contains("exited with code 0 but reported 1 error (full log: "
                + prj.resolve("build/vendor/csim.log") + "):\n  ERROR: [HLS 200-70] stand-in csim_design reports an"
                + " error\nlast lines of output:"), msg);
        assertTrue(msg.contains("# exit code 0"), msg);
    }

    @Test
    void aStepThatWritesNothingFails() throws Exception {
        Path prj = StandIn.generate(out, "Vivado", "io_parallel", false);
        Path exe = StandIn.create(out.resolve("bin"), "vivado_hls", Map.of("STANDIN_NO_OUTPUT", "csynth_design"));
        VendorRunner runner = new VendorRunner(new VendorTool(VendorTool.Kind.VIVADO_HLS, exe), ProgressListener.NONE);
        ToolException e = assertThrows(ToolException.class, () -> runner.run(prj, VendorStep.SYNTH, MINUTE));
        assertTrue(e.getMessage().contains("finished but did not write"
                + " myproject_prj/solution1/syn/report/myproject_csynth.xml (full log: "
                + prj.resolve("build/vendor/synth.log") + ")"), e.getMessage());
    }

    @Test
    void aStepPastItsTimeLimitIsKilled() throws Exception {
        Path prj = StandIn.generate(out, "Vivado", "io_parallel", false);
        Path exe = StandIn.create(out.resolve("bin"), "vivado_hls", Map.of("STANDIN_SLEEP", "csim_design"));
        VendorRunner runner = new VendorRunner(new VendorTool(VendorTool.Kind.VIVADO_HLS, exe), ProgressListener.NONE);
        long start = System.nanoTime();
        ToolException e = assertThrows(ToolException.class,
                () -> runner.run(prj, VendorStep.CSIM, Duration.ofSeconds(2)));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30, "killed, not waited for");
        assertTrue(e.getMessage().contains("timed out after 2.0 s and was killed") && e.getMessage()
                .contains("stand-in csim_design: sleeping"), e.getMessage());
    }

    @Test
    void vitisRunGetsTheOptionsThroughTheEnvironment() throws Exception {
        Path prj = StandIn.generate(out, "Vitis", "io_stream", false);
        Path exe = StandIn.create(out.resolve("bin"), "vitis-run");
        VendorRunner runner = new VendorRunner(new VendorTool(VendorTool.Kind.VITIS_RUN, exe), ProgressListener.NONE);
        runner.run(prj, VendorStep.CSIM, MINUTE);
        StepResult export = runner.run(prj, VendorStep.EXPORT, MINUTE);
        assertEquals(List.of(
                List.of(exe.toString(), "--mode", "hls", "--tcl", "build_prj.tcl",
                        "HLS4ML_BUILD_OPTIONS=" + VendorStep.CSIM.options()),
                List.of(exe.toString(), "--mode", "hls", "--tcl", "build_prj.tcl",
                        "HLS4ML_BUILD_OPTIONS=" + VendorStep.EXPORT.options())), StandIn.toolCalls(prj));
        List<List<String>> processes = perProcess(StandIn.calls(prj));
        // build_prj.tcl read the options from the variable: only the selected step ran, not the script's defaults
        assertEquals(List.of("csim_design"), only(processes.get(0), "csim_design", "csynth_design", "cosim_design",
                "export_design"));
        assertTrue(processes.get(0).contains("open_solution solution1 -flow_target vivado"), processes.toString());
        assertFalse(processes.get(0).stream().anyMatch(c -> c.startsWith("config_array_partition")));
        assertEquals(List.of("export_design -format ip_catalog -version 1.0"), only(processes.get(1),
                "csim_design", "csynth_design", "cosim_design", "export_design"));
        assertEquals(prj.resolve("myproject_prj/solution1/impl/export.zip"), export.output());
    }

    @Test
    void vitisHlsTakesTheOptionsAsAnArgument() throws Exception {
        Path prj = StandIn.generate(out, "Vitis", "io_parallel", false);
        Path exe = StandIn.create(out.resolve("bin"), "vitis_hls");
        new VendorRunner(new VendorTool(VendorTool.Kind.VITIS_HLS, exe), ProgressListener.NONE)
                .run(prj, VendorStep.SYNTH, MINUTE);
        assertEquals(List.of(List.of(exe.toString(), "-f", "build_prj.tcl", VendorStep.SYNTH.options())),
                StandIn.toolCalls(prj));
        assertTrue(Files.readString(prj.resolve("myproject_prj/solution1/syn/report/myproject_csynth.xml"))
                .contains("<DSP>72</DSP>"));
    }
}
