package org.hls4ml.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.testing.KerasModelFiles;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.tools.ToolLocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Verilog inside the IP zip, extracted and given to yosys (fails, never skips, without yosys). KERAS_3layer's is
 * read and elaborated (every module found, parameters resolved), and the ports yosys sees on the top equal
 * component.xml's; the full {@code synth_xilinx} flow (7-series cells) runs on the zip of a small network, because
 * on KERAS_3layer it takes minutes (about 90 s to {@code -run :fine} on 2 busy cores).
 */
class IpYosysTest {

    private static Path yosys;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findYosys() {
        yosys = new ToolLocator().locate("yosys", null, "HLS4ML_YOSYS",
                "the IP core tests need it: install it with `apt-get install yosys`, or set HLS4ML_YOSYS");
    }

    @Test
    void keras3layerElaboratesAndItsTopHasComponentXmlsPorts() throws Exception {
        Path prj = IpTestProjects.keras3layer();
        Path zip = Hls4ml.ip(new IpRequest(prj, tmp.resolve("ip.zip"), "org.example", null, "1.0.0", null),
                ProgressListener.NONE).zipFile();
        List<Path> sources = extractVerilog(zip, tmp.resolve("x"));
        Path json = tmp.resolve("top.json");
        // blackbox every module but the top after elaboration, so the JSON holds just the top's interface
        run(sources, "hierarchy -check -top myproject; proc; blackbox =* myproject %d; write_json " + json);
        JsonNode ports = new ObjectMapper().readTree(json.toFile()).path("modules").path("myproject").path("ports");
        List<String> seen = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ports.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            seen.add(e.getKey() + " " + (e.getValue().path("direction").asText().equals("input") ? "in" : "out")
                    + " " + e.getValue().path("bits").size());
        }
        IpComponent c = componentOf(prj);
        List<String> declared = c.ports().stream().map(p -> p.name() + " " + p.direction() + " " + p.width()).toList();
        assertEquals(declared, seen);
    }

    @Test
    void aSmallNetworksZipSynthesizesForXilinx7Series() throws Exception {
        KerasModelFiles.Model m = KerasModelFiles.denseStack(Files.createDirectories(tmp.resolve("model")), "small",
                4, new int[] {6, 3}, new String[] {"relu", "softmax"}, 7);
        GenerateRequest request = GenerateRequest.builder().model(m.json()).weights(m.weights())
                .outputDirectory(tmp.resolve("out")).ioType("io_stream").precision("ap_fixed<12,5>").build();
        Path prj = Hls4ml.generate(request, ProgressListener.NONE).projectDir();
        Path zip = Hls4ml.ip(new IpRequest(prj, tmp.resolve("ip.zip"), "org.example", null, "1.0.0", null),
                ProgressListener.NONE).zipFile();
        List<Path> sources = extractVerilog(zip, tmp.resolve("x"));
        Path stat = tmp.resolve("stat.json");
        String log = run(sources, "synth_xilinx -family xc7 -top myproject -flatten -noiopad -noclkbuf; check -assert; tee -q -o " + stat
                + " stat -json");
        assertTrue(log.contains("Executing SYNTH_XILINX pass"), log);
        JsonNode cells = new ObjectMapper().readTree(stat.toFile()).path("modules").path("\\myproject")
                .path("num_cells_by_type");
        assertTrue(cells.size() > 0, "no cells: " + cells);
        long luts = 0;
        long ffs = 0;
        for (Iterator<String> it = cells.fieldNames(); it.hasNext(); ) {
            String t = it.next();
            assertTrue(t.matches("\\$?(LUT[1-6]|FD[A-Z]*|CARRY4|MUXF[78]|INV|DSP48E1|RAM\\w+|SRL\\w+|RAMB\\w+|VCC|GND)"),
                    "not a 7-series primitive: " + t + " in " + cells);
            if (t.matches("\\$?LUT[1-6]")) {
                luts += cells.path(t).asLong();
            } else if (t.matches("\\$?FD[A-Z]*")) {
                ffs += cells.path(t).asLong();
            }
        }
        assertTrue(luts > 0 && ffs > 0, cells.toString());
    }

    private static IpComponent componentOf(Path prj) throws IOException {
        String top = Files.readString(prj.resolve("rtl/myproject.v"));
        return IpComponent.of("v", "l", "myproject", "1", "", VerilogPorts.parse(top, "myproject"), List.of());
    }

    private static List<Path> extractVerilog(Path zip, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : IpPackagerTest.read(zip).entrySet()) {
            if (e.getKey().startsWith("hdl/verilog/")) {
                Path f = dir.resolve(e.getKey().substring("hdl/verilog/".length()));
                Files.write(f, e.getValue());
                out.add(f);
            }
        }
        assertTrue(out.size() >= 3, out.toString());
        return out;
    }

    /** Runs yosys on the sources and the script; fails the test with the log's tail unless it succeeds. */
    private String run(List<Path> sources, String script) throws Exception {
        StringBuilder s = new StringBuilder("read_verilog");
        sources.forEach(p -> s.append(' ').append(p));
        s.append("; ").append(script);
        Path log = tmp.resolve("yosys.log");
        Process p = new ProcessBuilder(yosys.toString(), "-p", s.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("yosys timed out: " + s);
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            List<String> lines = text.lines().toList();
            fail("yosys failed (" + p.exitValue() + ") on " + s + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
        }
        return text;
    }
}
