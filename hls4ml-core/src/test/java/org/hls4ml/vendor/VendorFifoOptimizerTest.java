package org.hls4ml.vendor;

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
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.CsimOptions;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.api.SimulationFailureException;
import org.hls4ml.cosim.CosimOptions;
import org.hls4ml.cosim.CosimOutcome;
import org.hls4ml.cosim.RtlFacts;
import org.hls4ml.fifo.DepthRewriter;
import org.hls4ml.fifo.FifoDepths;
import org.hls4ml.fifo.FifoProject;
import org.hls4ml.testing.RecordingListener;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.writer.ProjectManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FIFO depth optimization with the vendor engine ({@link VendorFifoOptimizer}) through {@link Hls4ml#cosim}, with
 * stand-ins for vivado_hls and vitis_hls whose FIFO profiles give each stream the maximum occupancy the test chose
 * (STANDIN_FIFO_MAX) and which record the pragma depths every synthesis and co-simulation saw.
 */
class VendorFifoOptimizerTest {

    static final Duration MINUTE = Duration.ofMinutes(1);
    static final int PROFILING = 100_000;
    static final String VCD = "myproject_prj/solution1/sim/verilog/fifo_opt.vcd";
    static final String CHANNELS = "myproject_prj/solution1/.autopilot/db/channel_depth_info/channel.zip";

    @TempDir
    Path out;

    /** A generated io_stream project with the FIFO flow, its C simulation done, and a stand-in for its tool. */
    final class Setup {
        final Path prj;
        final String program;
        /** The depths hls4ml chose. */
        final Map<String, Integer> defaults;
        /** What the stand-in's profile says of each stream: 3, 7, 11, ... */
        final Map<String, Integer> max = new LinkedHashMap<>();
        VendorOptions vendor;

        Setup(String backend, String program, Map<String, String> env) throws Exception {
            this.prj = StandIn.generate(out, backend, "io_stream", true);
            this.program = program;
            this.defaults = pragmas(prj);
            assertTrue(defaults.size() >= 2, defaults.toString());
            int k = 0;
            for (String n : defaults.keySet()) {
                max.put(n, 3 + 4 * k++);
            }
            standIn(env);
            Hls4ml.csim(new CsimOptions(prj, null, null, null, MINUTE, 0.0, null), vendor, ProgressListener.NONE);
        }

        /** (Re)creates the stand-in with these failure switches besides STANDIN_FIFO_MAX. */
        void standIn(Map<String, String> env) throws IOException {
            Map<String, String> all = new HashMap<>(env);
            all.put("STANDIN_FIFO_MAX", max.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" ")));
            Path exe = StandIn.create(out.resolve("bin"), program, all);
            vendor = new VendorOptions(prj, Engine.VENDOR, exe, MINUTE,
                    Map.of("PATH", Files.createDirectories(out.resolve("emptybin")).toString()));
        }

        CosimOutcome cosim(ProgressListener log) {
            return Hls4ml.cosim(new CosimOptions(prj, null, null, null, MINUTE, null, null, false), vendor, log);
        }

        Map<String, Integer> optimized() {
            Map<String, Integer> m = new LinkedHashMap<>();
            max.forEach((n, v) -> m.put(n, v + 1));
            return m;
        }

        Map<String, Integer> all(int depth) {
            Map<String, Integer> m = new LinkedHashMap<>();
            defaults.keySet().forEach(n -> m.put(n, depth));
            return m;
        }

        List<String> stepOptions() throws IOException {
            return StandIn.toolCalls(prj).stream().map(c -> c.get(3)).toList();
        }

        /** The three files that state the depths. */
        Map<String, String> depthFiles() throws IOException {
            Map<String, String> m = new LinkedHashMap<>();
            for (String f : List.of("firmware/myproject.cpp", "rtl/myproject.v", ProjectManifest.FILE)) {
                m.put(f, Files.readString(prj.resolve(f)));
            }
            return m;
        }
    }

    static Map<String, Integer> pragmas(Path prj) throws IOException {
        return DepthRewriter.pragmaDepths(Files.readString(prj.resolve("firmware/myproject.cpp")));
    }

    /**
     * The whole flow ran: synthesis and the profiling co-simulation saw every stream at the profiling depth, the
     * verifying synthesis and co-simulation saw max + 1, which the pragmas, the Verilog, the manifest and
     * fifo_depths.json now carry.
     */
    void assertOptimized(Setup s, CosimOutcome o, RecordingListener log, String engine, String profilingCosim,
                         String profile) throws IOException {
        Path prj = s.prj;
        assertEquals(List.of(VendorStep.CSIM.options(), VendorStep.SYNTH.options(), VendorStep.FIFO_PROFILE.options(),
                VendorStep.SYNTH.options(), VendorStep.COSIM.options()), s.stepOptions());
        assertEquals(List.of(
                new StandIn.Seen("csynth_design", s.all(PROFILING)),
                new StandIn.Seen(profilingCosim, s.all(PROFILING)),
                new StandIn.Seen("csynth_design", s.optimized()),
                new StandIn.Seen("cosim_design -trace_level none", s.optimized())), StandIn.depthsSeen(prj));

        assertEquals(s.optimized(), pragmas(prj));
        assertEquals(s.optimized(), DepthRewriter.verilogDepths(Files.readString(prj.resolve("rtl/myproject.v"))));
        RtlFacts rtl = ProjectManifest.read(prj).rtl();
        assertEquals(s.optimized(), rtl.fifos().stream().collect(Collectors.toMap(RtlFacts.Fifo::name,
                RtlFacts.Fifo::depth)));

        FifoDepths d = FifoDepths.read(prj.resolve(FifoDepths.FILE));
        assertEquals(engine, d.engine());
        assertEquals(PROFILING, d.profilingDepth());
        assertEquals(List.copyOf(s.defaults.keySet()), List.copyOf(d.fifos().keySet()));
        s.defaults.forEach((n, initial) -> assertEquals(new FifoDepths.Entry(initial, s.max.get(n),
                s.max.get(n) + 1), d.fifos().get(n), n));
        JsonNode j = new ObjectMapper().readTree(prj.resolve(FifoDepths.FILE).toFile());
        // the stand-in's synthesis reports: interval 1 to 2, latency 9 to 11
        assertEquals(2, j.path("interval_cycles").path("profiling").asInt());
        assertEquals(2, j.path("interval_cycles").path("optimized").asInt());
        assertEquals(11, j.path("latency_cycles").path("optimized").asInt());
        assertEquals("csynth", j.path("timing_source").asText());
        assertEquals(profile, j.path("profile").asText());

        assertEquals(Files.readString(prj.resolve(FifoDepths.FILE)), o.fifo().depths().toJson());
        assertFalse(o.fifo().upToDate());
        assertEquals(prj.resolve(profile), o.vendor().fifoProfile().output());
        assertTrue(o.vendor().comparison().exactMatch());
        assertTrue(Files.isRegularFile(prj.resolve(FifoProject.STAMP)));
        assertFalse(Files.exists(prj.resolve(FifoProject.BACKUP)));
        assertTrue(log.lines.stream().anyMatch(l -> l.contains("measured by " + engine)), log.lines.toString());
    }

    @Test
    void vivadoHlsProfilesAtTheProfilingDepthThenVerifiesMaxPlusOne() throws Exception {
        Setup s = new Setup("Vivado", "vivado_hls", Map.of());
        RecordingListener log = new RecordingListener();
        CosimOutcome o = s.cosim(log);
        assertOptimized(s, o, log, "vivado_hls", "cosim_design -trace_level all -setup", VCD);
    }

    @Test
    void vitisHlsProfilesThroughItsChannelFiles() throws Exception {
        Setup s = new Setup("Vitis", "vitis_hls", Map.of());
        RecordingListener log = new RecordingListener();
        CosimOutcome o = s.cosim(log);
        assertOptimized(s, o, log, "vitis_hls", "cosim_design -trace_level all -enable_fifo_sizing", CHANNELS);
    }

    @Test
    void aVerifyingCosimulationThatDiffersRestoresTheDepthsAndWritesNoReport() throws Exception {
        // the stand-in's Vivado HLS profiling run writes no results; only the verifying co-simulation differs
        Setup s = new Setup("Vivado", "vivado_hls", Map.of("STANDIN_COSIM_DIFF", "1"));
        Map<String, String> before = s.depthFiles();
        SimulationFailureException e = assertThrows(SimulationFailureException.class,
                () -> s.cosim(ProgressListener.NONE));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("FIFO depth optimization (vivado:fifo_depth_optimization) of myproject: the"
                + " verification of the resized design failed: the vendor C/RTL co-simulation differs from the C"
                + " simulation: line 1 value 1: rtl_cosim_results.log 12345"), msg);
        assertTrue(msg.endsWith("The project keeps its previous FIFO depths."), msg);
        List<StandIn.Seen> seen = StandIn.depthsSeen(s.prj);
        assertEquals(new StandIn.Seen("cosim_design -trace_level none", s.optimized()), seen.get(seen.size() - 1));

        assertEquals(before, s.depthFiles());
        assertEquals(s.defaults, pragmas(s.prj));
        assertFalse(Files.exists(s.prj.resolve(FifoDepths.FILE)));
        assertFalse(Files.exists(s.prj.resolve(FifoProject.STAMP)));
        assertFalse(Files.exists(s.prj.resolve(FifoProject.BACKUP)));
    }

    @Test
    void aSecondRunWithTheSameInputsProfilesNothing() throws Exception {
        Setup s = new Setup("Vivado", "vivado_hls", Map.of());
        s.cosim(ProgressListener.NONE);
        int runs = StandIn.toolCalls(s.prj).size();
        String report = Files.readString(s.prj.resolve(FifoDepths.FILE));

        RecordingListener log = new RecordingListener();
        CosimOutcome again = s.cosim(log);
        assertTrue(again.fifo().upToDate());
        assertNull(again.vendor().fifoProfile());
        assertTrue(again.vendor().comparison().exactMatch());
        assertEquals(runs, StandIn.toolCalls(s.prj).size(), "no profiling; synthesis and co-simulation up to date");
        assertTrue(log.lines.contains("FIFO depth optimization: depths of myproject are up to date (fifo_depths.json);"
                + " nothing profiled"), log.lines.toString());
        assertTrue(log.lines.contains("FIFO depths (vivado_hls):"), log.lines.toString());
        assertEquals(report, Files.readString(s.prj.resolve(FifoDepths.FILE)));
        assertEquals(s.optimized(), pragmas(s.prj));
    }

    @Test
    void aStreamMissingFromTheProfileFailsNamingIt() throws Exception {
        Setup s = new Setup("Vivado", "vivado_hls", Map.of());
        String missing = List.copyOf(s.defaults.keySet()).get(1);
        s.standIn(Map.of("STANDIN_FIFO_OMIT", missing));
        Map<String, String> before = s.depthFiles();
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> s.cosim(ProgressListener.NONE));
        String msg = e.getMessage();
        assertTrue(msg.contains(VCD + " holds no occupancy for " + missing + " (its FIFO instances: "), msg);
        assertTrue(msg.contains("remove vivado:fifo_depth_optimization from Flows")
                && msg.endsWith("The project keeps its previous FIFO depths."), msg);
        assertEquals(VendorStep.FIFO_PROFILE.options(), s.stepOptions().get(s.stepOptions().size() - 1),
                "nothing ran after the profiling");
        assertEquals(before, s.depthFiles());
        assertFalse(Files.exists(s.prj.resolve(FifoDepths.FILE)));
        assertFalse(Files.exists(s.prj.resolve(FifoProject.BACKUP)));
    }

    @Test
    void aRunKilledHalfWayIsUndoneByTheNext() throws Exception {
        Setup s = new Setup("Vivado", "vivado_hls", Map.of());
        // what a run killed during the profiling synthesis leaves behind: pragmas at the profiling depth and the backup
        FifoProject.open(s.prj, "vivado_hls", ProgressListener.NONE).rewritePragmas(s.all(PROFILING));
        assertEquals(s.all(PROFILING), pragmas(s.prj));
        assertTrue(Files.isRegularFile(s.prj.resolve(FifoProject.BACKUP)));

        RecordingListener log = new RecordingListener();
        s.cosim(log);
        assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("WARN FIFO depth optimization: an earlier run of"
                + " myproject was interrupted; restored firmware/myproject.cpp")), log.lines.toString());
        FifoDepths d = FifoDepths.read(s.prj.resolve(FifoDepths.FILE));
        assertEquals(s.defaults, d.initial(), "the initial depths are hls4ml's, not the interrupted run's");
        assertEquals(s.optimized(), pragmas(s.prj));
        assertFalse(Files.exists(s.prj.resolve(FifoProject.BACKUP)));
    }
}
