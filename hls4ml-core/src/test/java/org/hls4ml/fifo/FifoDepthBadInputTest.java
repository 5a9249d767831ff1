package org.hls4ml.fifo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.CsimOptions;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.api.Hls4mlException;
import org.hls4ml.api.SimulationFailureException;
import org.hls4ml.cosim.CosimOptions;
import org.hls4ml.cosim.CosimOutcome;
import org.hls4ml.testing.KerasModelFiles;
import org.hls4ml.testing.SharedData;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FIFO flow on the seed example (a Dense 16-64-32-32-5 network with relu and softmax, seeded random weights,
 * the flow and profiling_fifo_depth set the way the pom sets them) and its bad inputs: io_parallel, a bad
 * profiling_fifo_depth, a profiling run that deadlocks, a model without inter-layer FIFOs; each fails with a clear
 * message and leaves the project at its previous, consistent depths.
 */
class FifoDepthBadInputTest {

    static final String FLOW = "vivado:fifo_depth_optimization";

    @TempDir
    Path out;

    Path inputs() throws Exception {
        List<String> lines = Files.readAllLines(SharedData.reference("inputs/jet16_normal_n10000.dat"));
        return Files.write(out.resolve("jets_500.dat"), lines.subList(0, 500));
    }

    GenerateRequest.Builder request(KerasModelFiles.Model m, String io) throws Exception {
        return GenerateRequest.builder().model(m.json()).weights(m.weights()).outputDirectory(out.resolve("hls4ml"))
                .ioType(io).precision("ap_fixed<16,6>").inputData(inputs());
    }

    static CosimOptions cosim(Path prj, Long watchdog) {
        return new CosimOptions(prj, null, null, null, null, watchdog, null, false);
    }

    /** Every file of the project but the build folder, by relative path. */
    static Map<String, String> snapshot(Path prj) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(prj)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = prj.relativize(p).toString();
                if (!rel.startsWith("build/") && !rel.startsWith("reports/") && !rel.contains("rtl_cosim_results")
                        && !rel.startsWith(".hls4ml/")) {
                    m.put(rel, Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            }
        }
        return m;
    }

    @Test
    void seedExampleDenseNetworkGetsMaxPlusOneInEveryPragmaAndVerifies() throws Exception {
        KerasModelFiles.Model m = KerasModelFiles.denseStack(out, "seed", 16, new int[] {64, 32, 32, 5},
                new String[] {"relu", "relu", "relu", "softmax"}, 16_64_32_32_5L);
        Path prj = Hls4ml.generate(request(m, "io_stream").flows(List.of(FLOW))
                .passParameter(FLOW, "profiling_fifo_depth", "100000").build(), ProgressListener.NONE).projectDir();
        Hls4ml.csim(new CsimOptions(prj, null, null, null, null, null, null), ProgressListener.NONE);
        CosimOutcome o = Hls4ml.cosim(cosim(prj, null), ProgressListener.NONE);

        Map<String, Integer> pragmas = DepthRewriter.pragmaDepths(Files.readString(prj.resolve("firmware/myproject.cpp")));
        FifoDepths file = FifoDepths.read(prj.resolve("fifo_depths.json"));
        assertEquals(List.of("layer2_out", "layer3_out", "layer4_out", "layer5_out", "layer6_out", "layer7_out",
                "layer8_out"), List.copyOf(file.fifos().keySet()));
        for (var e : file.fifos().entrySet()) {
            assertEquals(o.fifo().profiling().report().fifos().get(e.getKey()).maxOccupancy() + 1, e.getValue().optimized());
            assertEquals(e.getValue().optimized(), pragmas.get(e.getKey()), e.getKey());
        }
        assertEquals(Files.readString(prj.resolve("tb_data/csim_results.log")),
                Files.readString(prj.resolve("tb_data/rtl_cosim_results.log")));
        System.out.println("[FifoDepthBadInputTest] seed example: " + file.fifos());
    }

    @Test
    void ioParallelIsRefusedAndTheEarlierProjectStays() throws Exception {
        KerasModelFiles.Model m = KerasModelFiles.denseStack(out, "small", 16, new int[] {8, 4},
                new String[] {"relu", "softmax"}, 7L);
        Path prj = Hls4ml.generate(request(m, "io_stream").build(), ProgressListener.NONE).projectDir();
        Map<String, String> before = snapshot(prj);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Hls4ml.generate(
                request(m, "io_parallel").flows(List.of(FLOW)).build(), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("IOType: io_stream") && e.getMessage().contains(FLOW), e.getMessage());
        assertEquals(before, snapshot(prj));
    }

    @Test
    void badProfilingDepthsAreRefusedNamingTheSetting() throws Exception {
        KerasModelFiles.Model m = KerasModelFiles.denseStack(out, "small", 16, new int[] {8, 4},
                new String[] {"relu", "softmax"}, 7L);
        for (String bad : List.of("-1", "abc", "1.5", "")) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> Hls4ml.generate(
                    request(m, "io_stream").flows(List.of(FLOW)).passParameter(FLOW, "profiling_fifo_depth", bad)
                            .build(), ProgressListener.NONE));
            assertTrue(e.getMessage().contains("profiling_fifo_depth '" + bad + "'")
                    && e.getMessage().contains("non-negative integer"), e.getMessage());
        }
        // and from the configuration file
        Path config = Files.writeString(out.resolve("c.yml"), "IOType: io_stream\nFlows: [" + FLOW + "]\n"
                + "PassConfig:\n  " + FLOW + ":\n    profiling_fifo_depth: -5\n");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Hls4ml.generate(
                request(m, "io_stream").config(config).build(), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("profiling_fifo_depth '-5'"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> Hls4ml.generate(
                request(m, "io_stream").flows(List.of(FLOW)).passParameter(FLOW, "profiling_depth", 10).build(),
                ProgressListener.NONE));
        assertTrue(e.getMessage().contains("no parameter 'profiling_depth'")
                && e.getMessage().contains("profiling_fifo_depth"), e.getMessage());
    }

    @Test
    void aDeadlockedProfilingRunLeavesTheProjectAsItWasThenARealRunSucceeds() throws Exception {
        KerasModelFiles.Model m = KerasModelFiles.denseStack(out, "small", 16, new int[] {8, 4},
                new String[] {"relu", "softmax"}, 7L);
        Path prj = Hls4ml.generate(request(m, "io_stream").flows(List.of(FLOW)).build(), ProgressListener.NONE)
                .projectDir();
        Hls4ml.csim(new CsimOptions(prj, null, null, null, null, null, null), ProgressListener.NONE);
        Map<String, String> before = snapshot(prj);
        // a watchdog of 3 cycles fires before the first output of a design with a latency of more than 3
        SimulationFailureException e = assertThrows(SimulationFailureException.class,
                () -> Hls4ml.cosim(cosim(prj, 3L), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("profiling co-simulation") && e.getMessage().toLowerCase().contains("deadlock")
                && e.getMessage().contains("keeps its previous FIFO depths"), e.getMessage());
        assertEquals(before, snapshot(prj));
        assertFalse(Files.exists(prj.resolve("fifo_depths.json")));

        CosimOutcome o = Hls4ml.cosim(cosim(prj, null), ProgressListener.NONE);
        assertFalse(o.fifo().upToDate());
        assertTrue(Files.exists(prj.resolve("fifo_depths.json")));
        assertEquals(o.fifo().depths().optimized(), DepthRewriter.pragmaDepths(
                Files.readString(prj.resolve("firmware/myproject.cpp"))));

        // regenerated without the flow: default depths again, and no fifo_depths.json describing other depths
        Hls4ml.generate(request(m, "io_stream").build(), ProgressListener.NONE);
        assertFalse(Files.exists(prj.resolve("fifo_depths.json")));
        assertEquals(before.get("firmware/myproject.cpp"), Files.readString(prj.resolve("firmware/myproject.cpp")));
        assertEquals(null, org.hls4ml.writer.ProjectManifest.read(prj).fifoOptimization());
    }

    @Test
    void theVitisBackendHasItsOwnFlowName() throws Exception {
        KerasModelFiles.Model m = KerasModelFiles.denseStack(out, "small", 16, new int[] {8, 4},
                new String[] {"relu", "softmax"}, 7L);
        Path prj = Hls4ml.generate(request(m, "io_stream").backend("Vitis")
                .flows(List.of("vitis:fifo_depth_optimization"))
                .passParameter("vitis:fifo_depth_optimization", "profiling_fifo_depth", 0).build(),
                ProgressListener.NONE).projectDir();
        assertEquals(new FifoOptimizationRequest("vitis:fifo_depth_optimization", 0),
                org.hls4ml.writer.ProjectManifest.read(prj).fifoOptimization());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Hls4ml.generate(
                request(m, "io_stream").backend("Vitis").flows(List.of(FLOW)).build(), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("unknown flow '" + FLOW + "'")
                && e.getMessage().contains("vitis:fifo_depth_optimization"), e.getMessage());
    }

    @Test
    void aModelWithoutInterLayerFifosIsRefused() throws Exception {
        KerasModelFiles.Model m = KerasModelFiles.denseStack(out, "one", 16, new int[] {5},
                new String[] {"linear"}, 3L);
        Path prj = Hls4ml.generate(request(m, "io_stream").flows(List.of(FLOW)).build(), ProgressListener.NONE)
                .projectDir();
        Hls4ml.csim(new CsimOptions(prj, null, null, null, null, null, null), ProgressListener.NONE);
        Map<String, String> before = snapshot(prj);
        Hls4mlException e = assertThrows(ConfigurationException.class,
                () -> Hls4ml.cosim(cosim(prj, null), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("found no FIFO between layers") && e.getMessage().contains(FLOW),
                e.getMessage());
        assertEquals(before, snapshot(prj));
    }
}
