package org.hls4ml.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.Set;

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
    void estimatesEachLayerAndTheGlueThenSumsThem() throws IOException {
        Path prj = MiniDesign.fresh(tmp.resolve("mini"));
        ResourceRequest request = new ResourceRequest(prj, "mini", List.of("mini_accum"), yosys,
                Duration.ofMinutes(2), null);

        ResourceEstimate e = new ResourceEstimator().estimate(request);
        assertTrue(e.ran());
        assertTrue(e.tool().startsWith("Yosys "), e.tool());
        // mini_accum has parameters: it is synthesized with its instance's values, after the top
        assertEquals(2, e.synthesized().size(), e.synthesized().toString());
        assertTrue(e.synthesized().contains("mini"), e.synthesized().toString());
        assertTrue(e.synthesized().stream().anyMatch(s -> s.startsWith("mini_accum_")), e.synthesized().toString());

        ResourceEstimate.Resources total = e.total();
        // The design holds 2 FIFO pointers/counters, the accumulator's sum and state: tens of FFs, tens of LUTs.
        assertTrue(total.ff() >= 20 && total.ff() < 200, total.toString());
        assertTrue(total.lut() >= 10 && total.lut() < 400, total.toString());
        assertEquals(0, total.dsp());
        assertEquals(0, total.bram18Equivalent());
        assertFalse(total.cellsByType().containsKey("IBUF"), "no I/O buffers: the design is an IP core");
        assertEquals(1L, total.cellsByType().get("BUFG"), "one clock buffer, the top's: " + total);
        ResourceEstimate.Resources accum = e.layers().get("mini_accum");
        assertTrue(accum.ff() > 0 && accum.ff() < total.ff(), accum + " vs " + total);
        assertTrue(accum.lut() > 0, accum.toString());
        assertFalse(e.glue().cellsByType().containsKey("mini_accum"), "the black box is not a cell: " + e.glue());
        assertEquals(e.glue().plus(accum), total);
        // the accumulator's state: a 16-bit sum, a 3-bit counter, a flag
        assertEquals(16 + 3 + 1, accum.ff(), accum.toString());

        String table = e.table();
        assertTrue(table.contains("estimate (yosys synth_xilinx), not a Vivado figure"), table);
        assertTrue(table.contains("sum of per-module syntheses"), table);
        assertTrue(table.matches("(?s).*mini_accum\\s+" + accum.lut() + "\\s+" + accum.ff() + "\\s+0\\s+0.*"), table);
        assertTrue(table.contains("FIFOs and glue"), table);
        assertTrue(table.contains("mini (total)"), table);

        JsonNode json = new ObjectMapper().readTree(prj.resolve("reports/resources.json").toFile());
        assertEquals(ResourceEstimate.DISCLAIMER, json.get("method").asText());
        assertEquals(ResourceEstimate.METHOD, json.get("total_method").asText());
        assertEquals(total.lut(), json.at("/total/lut").asLong());
        assertEquals(total.ff(), json.at("/total/ff").asLong());
        assertEquals(e.glue().ff(), json.at("/glue/ff").asLong());
        assertEquals(accum.ff(), json.at("/layers/mini_accum/ff").asLong());
        assertEquals(1, json.at("/layers/mini_accum/instances").asInt());
        Path accumDir = prj.resolve("build/resources/layer_" + e.synthesized().stream()
                .filter(s -> s.startsWith("mini_accum_")).findFirst().orElseThrow());
        String script = Files.readString(accumDir.resolve("estimate.ys"));
        assertTrue(script.contains("chparam -set N 4 -set WIDTH 16 mini_accum"), script);
        assertTrue(script.contains("hierarchy -check -top mini_accum\n"
                + "synth_xilinx -family xc7 -flatten -noiopad -noclkbuf -nosrl -run prepare:fine\nmaccmap -unmap\n"
                + "synth_xilinx -family xc7 -flatten -noiopad -noclkbuf -run fine:\n"), script);
        assertFalse(script.contains("read_verilog rtl/mini.v"), "only the files the layer needs: " + script);
        String glueScript = Files.readString(prj.resolve("build/resources/top_mini/estimate.ys"));
        assertTrue(glueScript.contains("read_verilog -lib rtl/mini_accum.v"), glueScript);

        FileTime statTime = Files.getLastModifiedTime(accumDir.resolve("stat.json"));
        ResourceEstimate again = new ResourceEstimator().estimate(request);
        assertFalse(again.ran());
        assertEquals(List.of(), again.synthesized());
        assertEquals(total, again.total());
        assertEquals(e.layers(), again.layers());
        assertEquals(statTime, Files.getLastModifiedTime(accumDir.resolve("stat.json")));
    }

    @Test
    void theSumMatchesTheFlattenedDesignAndOnlyWhatChangedIsSynthesizedAgain() throws IOException {
        Path prj = MiniDesign.fresh(tmp.resolve("mini"));
        // the FIFO module as a "layer" too: instantiated twice, with the same values
        ResourceRequest request = new ResourceRequest(prj, "mini", List.of("mini_accum", "fifo"), yosys,
                Duration.ofMinutes(2), null);
        ResourceEstimate e = new ResourceEstimator().estimate(request);
        assertEquals(3, e.synthesized().size(), e.synthesized().toString());
        ResourceEstimate.Resources fifo = e.layers().get("fifo");
        ResourceEstimate.Resources accum = e.layers().get("mini_accum");
        assertEquals(2, new ObjectMapper().readTree(prj.resolve("reports/resources.json").toFile())
                .at("/layers/fifo/instances").asInt());
        assertEquals(0, fifo.ff() % 2, "two identical FIFOs: " + fifo);
        assertTrue(fifo.lutram() > 0, "the FIFOs' storage is distributed RAM: " + fifo);
        assertEquals(e.glue().plus(fifo).plus(accum), e.total());

        // the same flow on the whole, flattened design: the sum misses only cross-boundary optimizations
        ResourceEstimate.Resources flat = flattened(prj, "mini");
        assertEquals(flat.ff(), e.total().ff(), flat + " vs " + e.total());
        assertEquals(flat.lutram(), e.total().lutram(), flat + " vs " + e.total());
        assertTrue(Math.abs(flat.lut() - e.total().lut()) <= Math.max(4, flat.lut() / 5), flat + " vs " + e.total());

        // a changed layer: that layer and the glue (which reads every layer's interface) are synthesized again
        Path accumFile = prj.resolve("rtl/mini_accum.v");
        Files.writeString(accumFile, Files.readString(accumFile) + "// changed\n");
        ResourceEstimate changed = new ResourceEstimator().estimate(request);
        assertEquals(2, changed.synthesized().size(), changed.synthesized().toString());
        assertTrue(changed.synthesized().contains("mini"), changed.synthesized().toString());
        assertTrue(changed.synthesized().stream().allMatch(s -> s.equals("mini") || s.startsWith("mini_accum_")),
                changed.synthesized().toString());
        assertEquals(e.total(), changed.total(), "a comment changes no count");

        // a resized FIFO in the top: the glue and the FIFO with the new depth, not the one that kept its depth
        Path top = prj.resolve("rtl/mini.v");
        Files.writeString(top, Files.readString(top).replace("parameter SKIP_DEPTH = 4", "parameter SKIP_DEPTH = 32"));
        ResourceEstimate resized = new ResourceEstimator().estimate(request);
        assertEquals(2, resized.synthesized().size(), resized.synthesized().toString());
        assertTrue(resized.synthesized().contains("mini"), resized.synthesized().toString());
        assertTrue(resized.synthesized().stream().allMatch(s -> s.equals("mini") || s.startsWith("fifo_")),
                resized.synthesized().toString());
        assertNotEquals(fifo, resized.layers().get("fifo"));
        assertEquals(accum, resized.layers().get("mini_accum"));
        assertEquals(resized.glue().plus(resized.layers().get("fifo")).plus(accum), resized.total());
    }

    @Test
    void layersWithoutParametersShareOneYosysRunAndAreCachedOneByOne() throws IOException {
        Path prj = tmp.resolve("duo");
        Files.createDirectories(prj.resolve("rtl"));
        Files.writeString(prj.resolve("rtl/inc.v"), """
                module inc (input wire clk, input wire [7:0] a, output reg [7:0] y);
                    always @(posedge clk) y <= a + 8'd1;
                endmodule
                """);
        Files.writeString(prj.resolve("rtl/tri.v"), """
                module tri3 (input wire clk, input wire [7:0] a, output reg [7:0] y);
                    always @(posedge clk) y <= a * 8'd3;
                endmodule
                module unused_helper (input wire a, output wire y);
                    assign y = ~a;
                endmodule
                """);
        Files.writeString(prj.resolve("rtl/duo.v"), """
                module duo (input wire ap_clk, input wire [7:0] a, output reg [7:0] y);
                    wire [7:0] b, c;
                    inc u_inc (.clk(ap_clk), .a(a), .y(b));
                    tri3 u_tri (.clk(ap_clk), .a(b), .y(c));
                    always @(posedge ap_clk) y <= c ^ b;
                endmodule
                """);
        Files.writeString(prj.resolve("rtl/files.f"), "rtl/inc.v\nrtl/tri.v\nrtl/duo.v\n");
        ResourceRequest request = new ResourceRequest(prj, "duo", List.of("inc", "tri3"), yosys,
                Duration.ofMinutes(2), null);

        ResourceEstimate e = new ResourceEstimator(null, 1).estimate(request);
        assertEquals(Set.of("duo", "inc", "tri3"), Set.copyOf(e.synthesized()));
        String batch = Files.readString(prj.resolve("build/resources/batch_1/estimate.ys"));
        assertTrue(batch.contains("read_verilog rtl/inc.v\nread_verilog rtl/tri.v\ndelete unused_helper\n"), batch);
        assertTrue(batch.contains("hierarchy -check\n"), "no top: each module on its own: " + batch);
        assertEquals(8, e.layers().get("inc").ff(), e.layers().toString());
        assertEquals(8, e.layers().get("tri3").ff(), e.layers().toString());
        assertEquals(8, e.glue().ff(), e.glue().toString());
        assertEquals(e.glue().plus(e.layers().get("inc")).plus(e.layers().get("tri3")), e.total());
        ResourceEstimate.Resources flat = flattened(prj, "duo");
        assertEquals(flat.ff(), e.total().ff(), flat + " vs " + e.total());
        assertTrue(Math.abs(flat.lut() - e.total().lut()) <= Math.max(4, flat.lut() / 5), flat + " vs " + e.total());

        // two processes: the same counts
        deleteTree(prj.resolve("build"));
        ResourceEstimate two = new ResourceEstimator(null, 2).estimate(request);
        assertEquals(Set.of("duo", "inc", "tri3"), Set.copyOf(two.synthesized()));
        assertEquals(e.layers(), two.layers());
        assertEquals(e.total(), two.total());

        // one layer changed: it and the glue again, not the other layer
        Files.writeString(prj.resolve("rtl/tri.v"), Files.readString(prj.resolve("rtl/tri.v")).replace("8'd3", "8'd5"));
        ResourceEstimate changed = new ResourceEstimator().estimate(request);
        assertEquals(Set.of("duo", "tri3"), Set.copyOf(changed.synthesized()));
        assertEquals(e.layers().get("inc"), changed.layers().get("inc"));
        assertEquals(List.of(), new ResourceEstimator().estimate(request).synthesized());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void aLayerYosysRejectsFailsNamingTheModuleAndTheLog() throws IOException {
        Path prj = MiniDesign.fresh(tmp.resolve("mini"));
        Path accumFile = prj.resolve("rtl/mini_accum.v");
        Files.writeString(accumFile, Files.readString(accumFile).replace("assign in_ready = !emitting;",
                "assign in_ready = !emitting;\n    no_such_module u_missing (.a(clk));"));
        ToolException x = assertThrows(ToolException.class, () -> new ResourceEstimator()
                .estimate(new ResourceRequest(prj, "mini", List.of("mini_accum"), yosys, Duration.ofMinutes(2),
                        null)));
        assertTrue(x.getMessage().contains("yosys failed on mini_accum"), x.getMessage());
        assertTrue(x.getMessage().contains("no_such_module"), x.getMessage());
        assertTrue(x.getMessage().contains("yosys-full.log"), x.getMessage());
        assertFalse(Files.exists(prj.resolve("reports/resources.json")));
    }

    /** The estimator's synthesis of the whole design, flattened, as one module. */
    private ResourceEstimate.Resources flattened(Path prj, String top) throws IOException {
        StringBuilder script = new StringBuilder();
        for (Path f : ResourceEstimator.verilogFiles(prj, prj.resolve("rtl/files.f"))) {
            script.append("read_verilog ").append(prj.relativize(f)).append('\n');
        }
        script.append(String.format(ResourceEstimator.BEGIN, " -top " + top));
        script.append(String.format(ResourceEstimator.SYNTH, ResourceEstimator.OPTIONS));
        script.append("tee -q -o flat.json stat -json\n");
        Files.writeString(prj.resolve("flat.ys"), script);
        Process p = new ProcessBuilder(yosys.toString(), "-q", "-s", "flat.ys").directory(prj.toFile())
                .redirectErrorStream(true).redirectOutput(prj.resolve("flat.log").toFile()).start();
        try {
            assertEquals(0, p.waitFor(), () -> readQuietly(prj.resolve("flat.log")));
        } catch (InterruptedException ie) {
            throw new IllegalStateException(ie);
        }
        JsonNode cells = new ObjectMapper().readTree(prj.resolve("flat.json").toFile()).at("/design/num_cells_by_type");
        java.util.Map<String, Long> m = new java.util.TreeMap<>();
        cells.fields().forEachRemaining(en -> m.put(en.getKey(), en.getValue().asLong()));
        return ResourceEstimate.Resources.of(m);
    }

    private static String readQuietly(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return e.toString();
        }
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
