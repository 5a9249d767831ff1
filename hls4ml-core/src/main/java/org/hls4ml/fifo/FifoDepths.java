package org.hls4ml.fifo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hls4ml.tools.FileWriting;

/**
 * {@code fifo_depths.json} in the project: per inter-layer FIFO its initial depth, its maximum occupancy in the
 * profiling co-simulation and its optimized depth (max + 1), plus the engine that measured them and the profiling
 * depth:
 * <pre>{"layer2_out": {"initial": 1, "max_occupancy": 1, "optimized": 2}, ...,
 *  "engine": "verilator", "profiling_fifo_depth": 100000}</pre>
 * Entries whose value is an object with {@code max_occupancy} and {@code optimized} are FIFOs; the other keys describe
 * the run.
 *
 * @param fifos          by stream name, in the design's order
 * @param engine         {@code verilator}, {@code vivado_hls} or {@code vitis_hls}
 * @param profilingDepth the depth the FIFOs had while profiled (0: their default depths)
 * @param extra          further top-level facts (e.g. intervals, resource totals before and after), written as given
 */
public record FifoDepths(Map<String, Entry> fifos, String engine, int profilingDepth, Map<String, Object> extra) {

    public static final String FILE = "fifo_depths.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One FIFO. */
    public record Entry(int initial, int maxOccupancy, int optimized) {
    }

    public FifoDepths {
        fifos = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fifos));
        extra = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra == null ? Map.of() : extra));
    }

    /** The same FIFOs, engine and profiling depth with these further facts. */
    public FifoDepths withExtra(Map<String, Object> facts) {
        return new FifoDepths(fifos, engine, profilingDepth, facts);
    }

    /** The optimized depth of every FIFO. */
    public Map<String, Integer> optimized() {
        Map<String, Integer> m = new LinkedHashMap<>();
        fifos.forEach((k, v) -> m.put(k, v.optimized()));
        return m;
    }

    /** The initial depth of every FIFO. */
    public Map<String, Integer> initial() {
        Map<String, Integer> m = new LinkedHashMap<>();
        fifos.forEach((k, v) -> m.put(k, v.initial()));
        return m;
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        fifos.forEach((name, e) -> {
            ObjectNode n = root.putObject(name);
            n.put("initial", e.initial());
            n.put("max_occupancy", e.maxOccupancy());
            n.put("optimized", e.optimized());
        });
        root.put("engine", engine);
        root.put("profiling_fifo_depth", profilingDepth);
        extra.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the file atomically (never half-written). */
    public void write(Path file) throws IOException {
        FileWriting.writeAtomically(file, toJson().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a file written by {@link #write}.
     *
     * @throws IOException when it is missing or not in this format
     */
    public static FifoDepths read(Path file) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(file));
        if (root == null || !root.isObject() || !root.path("engine").isTextual()) {
            throw new IOException(file + " is not a FIFO depth report (no \"engine\")");
        }
        Map<String, Entry> fifos = new LinkedHashMap<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            if (v.isObject() && v.has("max_occupancy") && v.has("optimized")) {
                fifos.put(f.getKey(), new Entry(v.path("initial").asInt(), v.path("max_occupancy").asInt(),
                        v.path("optimized").asInt()));
            } else if (!f.getKey().equals("engine") && !f.getKey().equals("profiling_fifo_depth")) {
                extra.put(f.getKey(), JSON.treeToValue(v, Object.class));
            }
        }
        return new FifoDepths(fifos, root.get("engine").asText(), root.path("profiling_fifo_depth").asInt(), extra);
    }

    /** The table for the build log: FIFO, initial depth, maximum occupancy, optimized depth. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "  %-22s %9s %14s %10s%n", "FIFO", "initial", "max occupancy",
                "optimized"));
        fifos.forEach((name, e) -> b.append(String.format(Locale.ROOT, "  %-22s %9d %14d %10d%n", name, e.initial(),
                e.maxOccupancy(), e.optimized())));
        return b.toString().stripTrailing();
    }
}
