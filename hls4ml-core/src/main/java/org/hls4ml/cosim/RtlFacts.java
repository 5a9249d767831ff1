package org.hls4ml.cosim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.hls4ml.api.ConfigurationException;

/**
 * What the RTL backend tells the later steps about the Verilog it wrote under {@code rtl/}: the {@code "rtl"} section
 * of {@code hls4ml-project.json}:
 * <pre>"rtl": {"top": "myproject", "unsupported": [], "fifos": [{"name", "instancePath", "depth", "width"}, ...],
 *         "layerModules": ["dense_1", ...]}</pre>
 *
 * @param top          the top module (the Verilator model is {@code V<top>})
 * @param unsupported  layers the RTL backend could not express; co-simulation is impossible when not empty
 * @param fifos        the stream FIFOs between layers
 * @param layerModules the module of each layer, for per-layer resource estimates
 */
public record RtlFacts(String top, List<String> unsupported, List<Fifo> fifos, List<String> layerModules) {

    /** The manifest key of the section. */
    public static final String MANIFEST_KEY = "rtl";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One stream FIFO.
     *
     * @param name         the name the test bench reports it under
     * @param instancePath where it sits in the hierarchy, e.g. {@code myproject.layer2_out_fifo}
     * @param depth        entries
     * @param width        bits per entry
     */
    public record Fifo(String name, String instancePath, int depth, int width) {
        public Fifo {
            Objects.requireNonNull(name, "name");
        }
    }

    public RtlFacts {
        Objects.requireNonNull(top, "top");
        if (!top.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
            throw new ConfigurationException("the RTL top module must be a Verilog identifier, got '" + top + "'");
        }
        unsupported = List.copyOf(unsupported == null ? List.of() : unsupported);
        fifos = List.copyOf(fifos == null ? List.of() : fifos);
        layerModules = List.copyOf(layerModules == null ? List.of() : layerModules);
    }

    /**
     * The same design with other FIFO depths: each FIFO named in {@code depths} takes that depth, the others keep
     * theirs.
     */
    public RtlFacts withDepths(java.util.Map<String, Integer> depths) {
        List<Fifo> resized = new ArrayList<>();
        for (Fifo f : fifos) {
            resized.add(new Fifo(f.name(), f.instancePath(), depths.getOrDefault(f.name(), f.depth()), f.width()));
        }
        return new RtlFacts(top, unsupported, resized, layerModules);
    }

    /** A design with just a top module. */
    public static RtlFacts ofTop(String top) {
        return new RtlFacts(top, List.of(), List.of(), List.of());
    }

    /**
     * Reads the {@code "rtl"} section of the project's {@code hls4ml-project.json}.
     *
     * @throws ConfigurationException when the project or its RTL section is missing
     */
    public static RtlFacts fromManifest(Path projectDir) {
        Path file = projectDir.resolve("hls4ml-project.json");
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("no generated HLS project in " + projectDir + " (hls4ml-project.json is"
                    + " missing); run the hls4ml:generate goal first (it is bound to generate-sources)");
        } catch (IOException e) {
            throw new ConfigurationException("cannot read " + file + ": " + e.getMessage()
                    + "; run hls4ml:generate again", e);
        }
        JsonNode rtl = root == null ? null : root.get(MANIFEST_KEY);
        if (rtl == null || rtl.isNull()) {
            throw new ConfigurationException("the project " + projectDir + " has no RTL design (no \"" + MANIFEST_KEY
                    + "\" section in " + file.getFileName() + "): RTL co-simulation needs the Verilog the RTL backend"
                    + " writes for io_stream designs; set IOType io_stream and run hls4ml:generate again, or skip"
                    + " co-simulation with -Dhls4ml.cosim.skip");
        }
        return fromJson(rtl, file.toString());
    }

    /** Parses the section itself; {@code source} names it in messages. */
    static RtlFacts fromJson(JsonNode rtl, String source) {
        String top = text(rtl, "top", source);
        List<String> unsupported = strings(rtl.get("unsupported"));
        List<String> layerModules = strings(rtl.get("layerModules"));
        List<Fifo> fifos = new ArrayList<>();
        JsonNode list = rtl.get("fifos");
        if (list != null && list.isArray()) {
            for (JsonNode f : list) {
                fifos.add(new Fifo(text(f, "name", source), f.path("instancePath").asText(null),
                        f.path("depth").asInt(0), f.path("width").asInt(0)));
            }
        }
        return new RtlFacts(top, unsupported, fifos, layerModules);
    }

    private static String text(JsonNode node, String key, String source) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new ConfigurationException(source + ": the RTL section lacks \"" + key
                    + "\"; run hls4ml:generate again");
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
