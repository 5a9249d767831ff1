package org.hls4ml.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.SimulationFailureException;
import org.hls4ml.api.ToolException;
import org.hls4ml.tools.Stamp;
import org.hls4ml.tools.ToolLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RTL co-simulation of the hand-written {@link MiniDesign} under Verilator. Without Verilator these tests fail (never
 * skip), saying what was searched.
 */
class CosimulatorTest {

    @TempDir
    Path tmp;

    @Test
    void firstRunBuildsRunsAndMatchesTheCSimulation() throws IOException {
        CosimResult r = MiniDesign.firstResult();
        assertTrue(r.built());
        assertTrue(r.ran());
        assertTrue(r.buildTime().toNanos() > 0);
        assertTrue(r.runTime().toNanos() > 0);
        assertEquals("V" + MiniDesign.TOP, r.binary().getFileName().toString());
        assertEquals("3 samples x 4 outputs, rtl_cosim vs csim: exact match", r.comparison());
        assertEquals(List.of("11 12 13 14", "2.25 0.75 2 3.75", "-4.375 0.125 -1.375 -1.25"),
                Files.readAllLines(r.resultsFile()));

        CosimReport report = r.report();
        assertEquals(3, report.samples());
        assertEquals(25, report.cyclesTotal());
        assertEquals(9, report.latencyCycles());
        assertEquals(5.0, report.intervalCycles());
        assertNull(report.deadlock());
        assertEquals(new CosimReport.FifoStats(4, 4, 3), report.fifos().get("skip_fifo"));
        assertEquals(List.of("in_fifo", "skip_fifo"), List.copyOf(report.fifos().keySet()));

        String table = r.table();
        assertTrue(table.contains("latency                9 cycles"), table);
        assertTrue(table.contains("interval               5 cycles"), table);
        assertTrue(table.contains("total                  25 cycles for 3 samples"), table);
        assertTrue(table.matches("(?s).*simulation speed\\s+\\d+ cycles/s.*"), table);
        assertTrue(table.matches("(?s).*skip_fifo\\s+4\\s+4\\s+3.*"), table);

        JsonNode json = new ObjectMapper().readTree(r.reportFile().toFile());
        assertEquals(r.resultsFile().getParent().getParent().resolve("reports/cosim.json"), r.reportFile());
        assertEquals(9, json.get("latency_cycles").asInt());
        assertEquals(25, json.get("cycles_total").asInt());
        assertTrue(json.get("matches_csim").asBoolean());
        assertTrue(json.get("engine").asText().startsWith("Verilator 5"), json.toString());
        assertEquals("mini.u_skip", json.at("/fifos/skip_fifo/instance").asText());
        assertEquals(4, json.at("/fifos/skip_fifo/max_occupancy").asInt());
    }

    @Test
    void secondRunRebuildsNothingNewInputsRerunAndRtlOrFlagChangesRebuild() throws IOException {
        Path prj = MiniDesign.builtCopy(tmp.resolve("mini"));
        Path binary = prj.resolve("build/cosim/obj/Vmini");
        Path buildLog = prj.resolve("build/cosim/verilator.log");
        FileTime binaryTime = Files.getLastModifiedTime(binary);
        FileTime buildLogTime = Files.getLastModifiedTime(buildLog);
        FileTime resultsTime = Files.getLastModifiedTime(prj.resolve("tb_data/rtl_cosim_results.log"));

        CosimResult second = new Cosimulator().cosim(MiniDesign.request(prj).build());
        assertFalse(second.built());
        assertFalse(second.ran());
        assertEquals(binaryTime, Files.getLastModifiedTime(binary));
        assertEquals(buildLogTime, Files.getLastModifiedTime(buildLog), "Verilator was not run again");
        assertEquals(resultsTime, Files.getLastModifiedTime(second.resultsFile()));
        assertEquals(25, second.report().cyclesTotal());
        assertTrue(second.cyclesPerSecond() > 0, "speed of the run that made the results");

        // New inputs (and matching csim results): the model is reused, the simulation re-runs.
        Files.writeString(prj.resolve("tb_data/tb_input_features.dat"), "1 1 1 1\n");
        Files.writeString(prj.resolve("tb_data/csim_results.log"), "5 5 5 5\n");
        CosimResult third = new Cosimulator().cosim(MiniDesign.request(prj).build());
        assertFalse(third.built());
        assertTrue(third.ran());
        assertEquals(1, third.report().samples());
        assertEquals(binaryTime, Files.getLastModifiedTime(binary));

        // Other flags start a build: a flag Verilator rejects shows it at once.
        ToolException bad = assertThrows(ToolException.class, () -> new Cosimulator().cosim(MiniDesign.request(prj)
                .verilatorFlags(List.of("-O3", "-j", "1", "--no-such-verilator-flag")).build()));
        assertTrue(bad.getMessage().contains("no-such-verilator-flag"), bad.getMessage());
        assertFalse(Files.exists(prj.resolve("build/cosim/build.stamp")), "a failed build leaves no stamp");

        // A changed RTL file rebuilds (a deeper skip FIFO: same outputs).
        Path top = prj.resolve("rtl/mini.v");
        Files.writeString(top, Files.readString(top).replace("SKIP_DEPTH = 4", "SKIP_DEPTH = 6"));
        CosimResult fourth = new Cosimulator().cosim(MiniDesign.request(prj).build());
        assertTrue(fourth.built());
        assertTrue(fourth.ran());
        assertEquals(6, fourth.report().fifos().get("skip_fifo").depth());
        assertEquals(List.of("5 5 5 5"), Files.readAllLines(fourth.resultsFile()));
    }

    @Test
    void aDifferingResultNamesTheSampleAndTheValue() throws IOException {
        Path prj = MiniDesign.builtCopy(tmp.resolve("mini"));
        Files.writeString(prj.resolve("tb_data/csim_results.log"),
                "11 12 13 14\n2.25 0.75 2.5 3.75\n-4.375 0.125 -1.375 -1.25\n");
        SimulationFailureException e = assertThrows(SimulationFailureException.class,
                () -> new Cosimulator().cosim(MiniDesign.request(prj).build()));
        String msg = e.getMessage();
        assertTrue(msg.contains("differs from the C simulation at line 2 value 3: rtl_cosim 2, csim 2.5"), msg);
        assertTrue(msg.contains("1 of 12 values differ"), msg);
        assertFalse(Files.exists(prj.resolve("build/cosim/build.stamp.tmp")));
    }

    @Test
    void aDeadlockListsEveryFifoState() throws IOException {
        Path prj = MiniDesign.builtCopy(tmp.resolve("mini"));
        Path top = prj.resolve("rtl/mini.v");
        Files.writeString(top, Files.readString(top).replace("SKIP_DEPTH = 4", "SKIP_DEPTH = 2"));
        SimulationFailureException e = assertThrows(SimulationFailureException.class,
                () -> new Cosimulator().cosim(MiniDesign.request(prj).watchdogCycles(200).build()));
        String msg = e.getMessage();
        assertTrue(msg.contains("deadlocked: no stream beat moved for 200 cycles"), msg);
        assertTrue(msg.contains("in_fifo (mini.u_in): full (4 entries), occupancy 4 of depth 4"), msg);
        assertTrue(msg.contains("skip_fifo (mini.u_skip): full (2 entries), occupancy 2 of depth 2"), msg);
        assertTrue(msg.contains("fifo_depth_optimization"), msg);
        assertFalse(Files.exists(prj.resolve("tb_data/rtl_cosim_results.log")), "no complete-looking results");
        assertFalse(Files.exists(prj.resolve("build/cosim/run.stamp")));
        assertTrue(Files.exists(prj.resolve("build/cosim/build.stamp")), "the build itself was fine");
    }

    @Test
    void aVerilatorCompileErrorNamesTheLogAndQuotesIt() throws IOException {
        Path prj = MiniDesign.fresh(tmp.resolve("mini"));
        Path accum = prj.resolve("rtl/mini_accum.v");
        Files.writeString(accum, Files.readString(accum).replace("assign in_ready = !emitting;",
                "assign in_ready = !emitting_typo;"));
        ToolException e = assertThrows(ToolException.class,
                () -> new Cosimulator().cosim(MiniDesign.request(prj).build()));
        String msg = e.getMessage();
        assertTrue(msg.contains("the Verilator build failed"), msg);
        assertTrue(msg.contains(prj.toAbsolutePath().resolve("build/cosim/verilator.log").toString()), msg);
        assertTrue(msg.contains("%Error: rtl/mini_accum.v"), msg);
        assertTrue(msg.contains("emitting_typo"), msg);
        assertFalse(Stamp.read(prj.resolve("build/cosim/build.stamp")).isPresent());
    }

    @Test
    void aMissingVerilatorSaysWhatWasSearchedAndHowToInstallOrSkip() throws IOException {
        Path prj = MiniDesign.fresh(tmp.resolve("mini"));
        Path nowhere = tmp.resolve("no/such/verilator");
        ToolException e = assertThrows(ToolException.class,
                () -> new Cosimulator().cosim(MiniDesign.request(prj).verilator(nowhere).build()));
        String msg = e.getMessage();
        assertTrue(msg.contains(nowhere.toString()), msg);
        assertTrue(msg.contains("does not exist"), msg);
        assertTrue(msg.contains("apt-get install verilator"), msg);
        assertTrue(msg.contains("-Dhls4ml.cosim.skip"), msg);

        Path emptyDir = Files.createDirectories(tmp.resolve("empty-bin"));
        ToolException e2 = assertThrows(ToolException.class,
                () -> new Cosimulator(new ToolLocator(Map.of("PATH", emptyDir.toString())))
                        .cosim(MiniDesign.request(prj).verilator(null).build()));
        String msg2 = e2.getMessage();
        assertTrue(msg2.startsWith("cannot find verilator; searched:"), msg2);
        assertTrue(msg2.contains("environment variable HLS4ML_VERILATOR (not set)"), msg2);
        assertTrue(msg2.contains(emptyDir.toString()), msg2);
        assertTrue(msg2.contains("apt-get install verilator"), msg2);
        assertTrue(msg2.contains("-Dhls4ml.cosim.skip"), msg2);
    }

    @Test
    void withoutCsimResultsItAsksForTheCSimulationFirst() throws IOException {
        Path prj = MiniDesign.fresh(tmp.resolve("mini"));
        Files.delete(prj.resolve("tb_data/csim_results.log"));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new Cosimulator().cosim(MiniDesign.request(prj).build()));
        assertTrue(e.getMessage().contains("run the C simulation first (hls4ml:csim"), e.getMessage());
        assertFalse(Files.exists(prj.resolve("build/cosim/obj")), "nothing was built");
    }
}
