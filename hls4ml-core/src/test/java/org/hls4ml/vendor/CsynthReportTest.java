package org.hls4ml.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthesis reports in the csynth.xml format of Vivado HLS (DSP48E) and Vitis HLS (DSP), written for these tests. */
class CsynthReportTest {

    @TempDir
    Path dir;

    /** A Vivado HLS 2019.2 style report of a small dense io_parallel design, with the sections hls4ml reads. */
    static final String VIVADO = """
            <?xml version="1.0" encoding="UTF-8"?>
            <profile>
              <ReportVersion>
                <Version>2019.2</Version>
              </ReportVersion>
              <UserAssignments>
                <unit>ns</unit>
                <ProductFamily>kintexu</ProductFamily>
                <Part>xcku115-flvb2104-2-i</Part>
                <TopModelName>myproject</TopModelName>
                <TargetClockPeriod>5.00</TargetClockPeriod>
                <ClockUncertainty>0.62</ClockUncertainty>
              </UserAssignments>
              <PerformanceEstimates>
                <PipelineType>dataflow</PipelineType>
                <SummaryOfTimingAnalysis>
                  <unit>ns</unit>
                  <EstimatedClockPeriod>4.371</EstimatedClockPeriod>
                </SummaryOfTimingAnalysis>
                <SummaryOfOverallLatency>
                  <unit>clock cycles</unit>
                  <Best-caseLatency>7</Best-caseLatency>
                  <Average-caseLatency>8</Average-caseLatency>
                  <Worst-caseLatency>9</Worst-caseLatency>
                  <Best-caseRealTimeLatency>35.000 ns</Best-caseRealTimeLatency>
                  <Interval-min>1</Interval-min>
                  <Interval-max>3</Interval-max>
                </SummaryOfOverallLatency>
              </PerformanceEstimates>
              <AreaEstimates>
                <Resources>
                  <BRAM_18K>2</BRAM_18K>
                  <DSP48E>63</DSP48E>
                  <FF>4211</FF>
                  <LUT>17820</LUT>
                  <URAM>0</URAM>
                </Resources>
                <AvailableResources>
                  <BRAM_18K>4320</BRAM_18K>
                  <DSP48E>5520</DSP48E>
                  <FF>1326720</FF>
                  <LUT>663360</LUT>
                  <URAM>0</URAM>
                </AvailableResources>
              </AreaEstimates>
              <InterfaceSummary>
                <RtlPorts>
                  <name>ap_clk</name>
                </RtlPorts>
              </InterfaceSummary>
            </profile>
            """;

    /** A Vitis HLS style report: DSP instead of DSP48E, an undefined latency (data-dependent loop). */
    static final String VITIS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <profile>
              <ReportVersion><Version>2023.1</Version></ReportVersion>
              <UserAssignments>
                <Part>xcvu13p-flga2577-2-e</Part>
                <TopModelName>jet</TopModelName>
                <TargetClockPeriod>3.00</TargetClockPeriod>
              </UserAssignments>
              <PerformanceEstimates>
                <SummaryOfTimingAnalysis><EstimatedClockPeriod>2.190</EstimatedClockPeriod></SummaryOfTimingAnalysis>
                <SummaryOfOverallLatency>
                  <Best-caseLatency>undef</Best-caseLatency>
                  <Worst-caseLatency>undef</Worst-caseLatency>
                  <Interval-min>undef</Interval-min>
                  <Interval-max>undef</Interval-max>
                </SummaryOfOverallLatency>
              </PerformanceEstimates>
              <AreaEstimates>
                <Resources><BRAM_18K>0</BRAM_18K><DSP>12</DSP><FF>900</FF><LUT>2500</LUT><URAM>0</URAM></Resources>
                <AvailableResources><BRAM_18K>5376</BRAM_18K><DSP>12288</DSP><FF>3456000</FF><LUT>1728000</LUT><URAM>1280</URAM></AvailableResources>
              </AreaEstimates>
            </profile>
            """;

    @Test
    void vivadoHlsReport() throws IOException {
        CsynthReport r = CsynthReport.read(Files.writeString(dir.resolve("myproject_csynth.xml"), VIVADO));
        assertEquals("myproject", r.topModel());
        assertEquals("xcku115-flvb2104-2-i", r.part());
        assertEquals("2019.2", r.toolVersion());
        assertEquals(5.0, r.targetClockPeriod());
        assertEquals(0.62, r.clockUncertainty());
        assertEquals(4.371, r.estimatedClockPeriod());
        assertEquals(7L, r.latencyBest());
        assertEquals(9L, r.latencyWorst());
        assertEquals(1L, r.intervalMin());
        assertEquals(3L, r.intervalMax());
        assertEquals(Map.of("BRAM_18K", 2L, "DSP", 63L, "FF", 4211L, "LUT", 17820L, "URAM", 0L), r.resources());
        assertEquals(Map.of("BRAM_18K", 4320L, "DSP", 5520L, "FF", 1326720L, "LUT", 663360L, "URAM", 0L),
                r.available());

        Path json = dir.resolve("reports/csynth.json");
        r.write(json, "myproject_prj/solution1/syn/report/myproject_csynth.xml");
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals("myproject", j.path("top").asText());
        assertEquals(5.0, j.path("clock_period_ns").path("target").asDouble());
        assertEquals(4.371, j.path("clock_period_ns").path("estimated").asDouble());
        assertEquals(7, j.path("latency_cycles").path("best").asInt());
        assertEquals(9, j.path("latency_cycles").path("worst").asInt());
        assertEquals(1, j.path("interval_cycles").path("min").asInt());
        assertEquals(3, j.path("interval_cycles").path("max").asInt());
        assertEquals(63, j.path("resources").path("DSP").asInt());
        assertEquals(17820, j.path("resources").path("LUT").asInt());
        assertEquals(5520, j.path("available").path("DSP").asInt());
        assertEquals("myproject_prj/solution1/syn/report/myproject_csynth.xml", j.path("source").asText());
        String table = r.table();
        assertTrue(table.contains("latency 7..9 cycles, interval 1..3 cycles, clock 4.371 ns estimated (target 5.0 ns)"),
                table);
        assertTrue(table.lines().anyMatch(l -> List.of(l.trim().split("\\s+")).equals(List.of("DSP", "63", "5520",
                "1.1%"))), table);
    }

    @Test
    void vitisHlsReportWithUndefinedLatency() throws IOException {
        CsynthReport r = CsynthReport.read(Files.writeString(dir.resolve("jet_csynth.xml"), VITIS));
        assertEquals(12L, r.resources().get("DSP"));
        assertEquals(1280L, r.available().get("URAM"));
        assertNull(r.latencyBest());
        assertNull(r.intervalMax());
        assertNull(r.clockUncertainty());
        JsonNode j = new ObjectMapper().readTree(r.toJson("jet_csynth.xml"));
        assertTrue(j.path("latency_cycles").path("best").isNull());
        assertEquals(2.19, j.path("clock_period_ns").path("estimated").asDouble());
    }

    @Test
    void somethingElseIsRefused() throws IOException {
        IOException notReport = assertThrows(IOException.class, () -> CsynthReport.read(Files.writeString(
                dir.resolve("other.xml"), "<component><name>x</name></component>")));
        assertTrue(notReport.getMessage().contains("is not a synthesis report"), notReport.getMessage());
        IOException notXml = assertThrows(IOException.class, () -> CsynthReport.read(Files.writeString(
                dir.resolve("broken.xml"), "<profile><PerformanceEstimates>")));
        assertTrue(notXml.getMessage().contains("is not well-formed XML"), notXml.getMessage());
        // no external entities
        IOException doctype = assertThrows(IOException.class, () -> CsynthReport.read(Files.writeString(
                dir.resolve("xxe.xml"), "<?xml version=\"1.0\"?><!DOCTYPE profile [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<profile>&x;</profile>")));
        assertTrue(doctype.getMessage().contains("DOCTYPE"), doctype.getMessage());
    }
}
