package org.hls4ml.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.ToolException;
import org.hls4ml.tools.ToolLocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** yosys estimates of the hand-written {@link MiniDesign}. Without yosys these tests fail (never skip). */
class ResourceEstimatorTest {

    private static Path yosys;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findYosys() {
        yosys = new ToolLocator().locate("yosys", null, "HLS4ML_YOSYS",
                "the resource estimate tests need it: install it with `apt-get install yosys`, or set HLS4ML_YOSYS");
    }

    @Test
    void estimatesTheTopAndEachLayerOnceThenReadsTheCountsBack() throws IOException {
        Path prj = MiniDesign.fresh(tmp.resolve("mini"));
        ResourceRequest request = new ResourceRequest(prj, "mini", List.of("mini_accum"), yosys,
                Duration.ofMinutes(2), null);

        ResourceEstimate e = new ResourceEstimator().estimate(request);
        assertTrue(e.ran());
        assertTrue(e.tool().startsWith("Yosys "), e.tool());
        ResourceEstimate.Resources total = e.total();
        // The design holds 2 FIFO pointers/counters, the accumulator's sum and state: tens of FFs, tens of LUTs.
        assertTrue(total.ff() >= 20 && total.ff() < 200, total.toString());
        assertTrue(total.lut() >= 10 && total.lut() < 400, total.toString());
        assertEquals(0, total.dsp());
        assertEquals(0, total.bram18Equivalent());
        assertFalse(total.cellsByType().containsKey("IBUF"), "no I/O buffers: the design is an IP core");
        ResourceEstimate.Resources accum = e.layers().get("mini_accum");
        assertTrue(accum.ff() > 0 && accum.ff() < total.ff(), accum + " vs " + total);
        assertTrue(accum.lut() > 0, accum.toString());

        String table = e.table();
        assertTrue(table.contains("estimate (yosys synth_xilinx), not a Vivado figure"), table);
        assertTrue(table.matches("(?s).*mini_accum\\s+" + accum.lut() + "\\s+" + accum.ff() + "\\s+0\\s+0.*"), table);
        assertTrue(table.contains("mini (total)"), table);

        JsonNode json = new ObjectMapper().readTree(prj.resolve("reports/resources.json").toFile());
        assertEquals(ResourceEstimate.DISCLAIMER, json.get("method").asText());
        assertEquals(total.lut(), json.at("/total/lut").asLong());
        assertEquals(total.ff(), json.at("/total/ff").asLong());
        assertEquals(accum.ff(), json.at("/layers/mini_accum/ff").asLong());
        assertTrue(Files.readString(prj.resolve("build/resources/estimate.ys"))
                .contains("synth_xilinx -family xc7 -flatten -noiopad -top mini_accum"));

        FileTime statTime = Files.getLastModifiedTime(prj.resolve("build/resources/stat_mini.json"));
        ResourceEstimate again = new ResourceEstimator().estimate(request);
        assertFalse(again.ran());
        assertEquals(total, again.total());
        assertEquals(statTime, Files.getLastModifiedTime(prj.resolve("build/resources/stat_mini.json")));
    }

    @Test
    void aMissingYosysSaysWhereItLookedAndHowToGetIt() throws IOException {
        Path prj = MiniDesign.fresh(tmp.resolve("mini"));
        Path emptyDir = Files.createDirectories(tmp.resolve("empty-bin"));
        ToolException e = assertThrows(ToolException.class,
                () -> new ResourceEstimator(new ToolLocator(Map.of("PATH", emptyDir.toString())))
                        .estimate(new ResourceRequest(prj, "mini", List.of(), null, null, null)));
        assertTrue(e.getMessage().contains("cannot find yosys; searched:"), e.getMessage());
        assertTrue(e.getMessage().contains(emptyDir.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install yosys"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dhls4ml.resourceEstimate=false"), e.getMessage());

        Path nowhere = tmp.resolve("no/yosys");
        ToolException e2 = assertThrows(ToolException.class, () -> new ResourceEstimator()
                .estimate(new ResourceRequest(prj, "mini", List.of(), nowhere, null, null)));
        assertTrue(e2.getMessage().contains(nowhere.toString()), e2.getMessage());
        assertTrue(e2.getMessage().contains("apt-get install yosys"), e2.getMessage());
    }

    @Test
    void aFileListNamingAMissingFileFailsClearly() throws IOException {
        Path prj = MiniDesign.fresh(tmp.resolve("mini"));
        Files.writeString(prj.resolve("rtl/files.f"), "// compile order\nrtl/fifo.v\n\nmini_accum.v\n+incdir+rtl\n"
                + "rtl/gone.v\n");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new ResourceEstimator()
                .estimate(new ResourceRequest(prj, "mini", List.of(), yosys, null, null)));
        assertTrue(e.getMessage().contains("lists rtl/gone.v, which exists neither in"), e.getMessage());
        // comments, options and entries relative to the list itself are understood
        assertEquals(List.of(prj.resolve("rtl/fifo.v"), prj.resolve("rtl/mini_accum.v")),
                ResourceEstimator.verilogFiles(prj, writeList(prj, "// c\nrtl/fifo.v\n-Wno-fatal\nmini_accum.v\n")));
    }

    private static Path writeList(Path prj, String text) throws IOException {
        Path f = prj.resolve("rtl/other.f");
        Files.writeString(f, text);
        return f;
    }
}
