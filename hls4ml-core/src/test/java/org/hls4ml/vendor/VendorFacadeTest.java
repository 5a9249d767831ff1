package org.hls4ml.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.CsimOptions;
import org.hls4ml.api.CsimReport;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.api.SimulationFailureException;
import org.hls4ml.api.ToolException;
import org.hls4ml.cosim.CosimOptions;
import org.hls4ml.cosim.CosimOutcome;
import org.hls4ml.testing.CppToolchain;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine through the core's entry points ({@link Hls4ml#csim(CsimOptions, VendorOptions, ProgressListener)},
 * {@link Hls4ml#cosim(CosimOptions, VendorOptions, ProgressListener)}, {@link VendorFacade#export}) with a stand-in
 * vivado_hls found through $XILINX_HLS (no Xilinx tool here; the stand-ins test the plumbing).
 */
class VendorFacadeTest {

    static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path out;

    /** An environment whose only vivado_hls is the stand-in in $XILINX_HLS/bin (PATH holds an empty folder). */
    Map<String, String> xilinxHls(Map<String, String> standinEnv) throws Exception {
        StandIn.create(out.resolve("xilinx/bin"), "vivado_hls", standinEnv);
        return Map.of("PATH", Files.createDirectories(out.resolve("emptybin")).toString(),
                "XILINX_HLS", out.resolve("xilinx").toString());
    }

    static CsimOptions csimOptions(Path prj) {
        return new CsimOptions(prj, null, null, null, MINUTE, 0.0, null);
    }

    static CosimOptions cosimOptions(Path prj) {
        return new CosimOptions(prj, null, null, null, MINUTE, null, null, false);
    }

    @Test
    void csimAndCosimRunThroughTheVendorToolAndTheSynthesisIsReported() throws Exception {
        Path prj = StandIn.generate(out, "Vivado", "io_parallel", false);
        VendorOptions v = new VendorOptions(prj, Engine.AUTO, null, MINUTE, xilinxHls(Map.of()));
        String exe = out.resolve("xilinx/bin/vivado_hls").toString();

        CsimReport csim = Hls4ml.csim(csimOptions(prj), v, ProgressListener.NONE);
        assertNull(csim.result(), "g++ did not run");
        assertEquals(VendorStep.CSIM, csim.vendor().step());
        assertTrue(csim.comparison().exactMatch(), csim.comparison().describe());

        CosimOutcome cosim = Hls4ml.cosim(cosimOptions(prj), v, ProgressListener.NONE);
        assertNull(cosim.cosim(), "Verilator did not run");
        VendorCosimOutcome vc = cosim.vendor();
        assertNull(vc.fifoProfile());
        assertTrue(vc.comparison().exactMatch());
        assertEquals(3, vc.comparison().samples());
        assertEquals(List.of(
                List.of(exe, "-f", "build_prj.tcl", VendorStep.CSIM.options()),
                List.of(exe, "-f", "build_prj.tcl", VendorStep.SYNTH.options()),
                List.of(exe, "-f", "build_prj.tcl", VendorStep.COSIM.options())), StandIn.toolCalls(prj));
        for (String step : List.of("csim", "synth", "cosim")) {
            assertTrue(Files.isRegularFile(prj.resolve("build/vendor/" + step + ".log")), step);
        }

        CsynthReport r = vc.synthesis().report();
        assertEquals(9L, r.latencyBest());
        assertEquals(prj.resolve("reports/csynth.json"), vc.synthesis().json());
        JsonNode j = new ObjectMapper().readTree(prj.resolve("reports/csynth.json").toFile());
        assertEquals("myproject", j.path("top").asText());
        assertEquals(9, j.path("latency_cycles").path("best").asInt());
        assertEquals(11, j.path("latency_cycles").path("worst").asInt());
        assertEquals(1, j.path("interval_cycles").path("min").asInt());
        assertEquals(2, j.path("interval_cycles").path("max").asInt());
        assertEquals(4.352, j.path("clock_period_ns").path("estimated").asDouble());
        assertEquals(5.0, j.path("clock_period_ns").path("target").asDouble());
        assertEquals(Map.of("BRAM_18K", 4, "DSP", 72, "FF", 5135, "LUT", 30521, "URAM", 0),
                new ObjectMapper().convertValue(j.path("resources"), Map.class));
        assertEquals("myproject_prj/solution1/syn/report/myproject_csynth.xml", j.path("source").asText());

        // a second build with nothing changed runs no vendor step
        Hls4ml.csim(csimOptions(prj), v, ProgressListener.NONE);
        Hls4ml.cosim(cosimOptions(prj), v, ProgressListener.NONE);
        assertEquals(3, StandIn.toolCalls(prj).size());
    }

    @Test
    void aCosimulationThatDiffersFromTheCsimFailsTheBuild() throws Exception {
        Path prj = StandIn.generate(out, "Vivado", "io_parallel", false);
        VendorOptions v = new VendorOptions(prj, Engine.AUTO, null, MINUTE, xilinxHls(Map.of("STANDIN_COSIM_DIFF", "1")));
        Hls4ml.csim(csimOptions(prj), v, ProgressListener.NONE);
        SimulationFailureException e = assertThrows(SimulationFailureException.class,
                () -> Hls4ml.cosim(cosimOptions(prj), v, ProgressListener.NONE));
        assertTrue(e.getMessage().startsWith("the vendor C/RTL co-simulation differs from the C simulation: line 1"
                + " value 1: rtl_cosim_results.log 12345"), e.getMessage());
    }

    @Test
    void cosimWithoutCsimResultsAsksForTheCsim() throws Exception {
        Path prj = StandIn.generate(out, "Vivado", "io_parallel", false);
        VendorOptions v = new VendorOptions(prj, Engine.AUTO, null, MINUTE, xilinxHls(Map.of()));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Hls4ml.cosim(cosimOptions(prj), v, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("run hls4ml:csim first"), e.getMessage());
        assertTrue(StandIn.toolCalls(prj).isEmpty());
    }

    @Test
    void engineVendorWithoutAToolSaysWhatWasSearched() throws Exception {
        Path prj = StandIn.generate(out, "Vivado", "io_parallel", false);
        Path empty = Files.createDirectories(out.resolve("emptybin"));
        VendorOptions v = new VendorOptions(prj, Engine.VENDOR, null, MINUTE, Map.of("PATH", empty.toString()));
        ToolException e = assertThrows(ToolException.class, () -> Hls4ml.csim(csimOptions(prj), v,
                ProgressListener.NONE));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("engine vendor: cannot find vivado_hls for this vivado_hls project."), msg);
        assertTrue(msg.contains("environment variable XILINX_HLS (not set)")
                && msg.contains("environment variable XILINX_VIVADO (not set)") && msg.contains("  - " + empty), msg);
        assertFalse(Files.exists(prj.resolve("tb_data/csim_results.log")));
    }

    @Test
    void engineAutoWithoutAToolRunsTheOpenCsim() throws Exception {
        CppToolchain.requireGxx();
        Path prj = StandIn.generate(out, "Vivado", "io_parallel", false);
        Path empty = Files.createDirectories(out.resolve("emptybin"));
        VendorOptions v = new VendorOptions(prj, Engine.AUTO, null, MINUTE, Map.of("PATH", empty.toString()));
        CsimReport r = Hls4ml.csim(new CsimOptions(prj, null, null, null, MINUTE, null, null), v,
                ProgressListener.NONE);
        assertNull(r.vendor());
        assertNotNull(r.result());
        assertTrue(r.result().ran());
        assertEquals(3, Files.readAllLines(prj.resolve("tb_data/csim_results.log")).size());
        assertFalse(Files.exists(prj.resolve("build/vendor")));
    }

    @Test
    void exportSynthesizesThenPackagesTheIp() throws Exception {
        Path prj = StandIn.generate(out, "Vivado", "io_stream", false);
        VendorOptions v = new VendorOptions(prj, Engine.VENDOR, null, MINUTE, xilinxHls(Map.of()));
        VendorTool tool = VendorFacade.engine(v, ProgressListener.NONE).orElseThrow();
        VendorExport e = VendorFacade.export(v, tool, ProgressListener.NONE);
        assertEquals(prj.resolve("myproject_prj/solution1/impl/ip/xilinx_com_hls_myproject_1_0.zip"), e.zip());
        assertEquals(prj.resolve("myproject_prj/solution1/impl/ip"), e.ipDir());
        assertTrue(Files.isRegularFile(e.ipDir().resolve("component.xml")));
        assertEquals(prj.resolve("build/vendor/export.log"), e.step().logFile());
        assertEquals(List.of(VendorStep.SYNTH.options(), VendorStep.EXPORT.options()),
                StandIn.toolCalls(prj).stream().map(c -> c.get(3)).toList());
        assertTrue(Files.isRegularFile(prj.resolve("reports/csynth.json")));
        // up to date the second time
        assertTrue(VendorFacade.export(v, tool, ProgressListener.NONE).step().upToDate());
        assertEquals(2, StandIn.toolCalls(prj).size());
    }
}
