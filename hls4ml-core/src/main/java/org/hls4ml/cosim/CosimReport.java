package org.hls4ml.cosim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The test bench's {@code build/cosim/report.json}:
 * <pre>{"samples", "cycles_total", "latency_cycles", "interval_cycles",
 *  "fifos": {"&lt;name&gt;": {"depth", "max_occupancy", "full_cycles"}},
 *  "deadlock": null | {"cycle": c, "fifos": {"&lt;name&gt;": {"occupancy", "full", "empty"}}}}</pre>
 *
 * @param samples        samples streamed through the design
 * @param cyclesTotal    clock cycles from reset release to the last output (or to the deadlock)
 * @param latencyCycles  cycles from the first input beat of the first sample to its last output beat
 * @param intervalCycles mean cycles between the starts of consecutive samples
 * @param fifos          per FIFO, in the test bench's order
 * @param deadlock       null, or where the design got stuck
 */
public record CosimReport(int samples, long cyclesTotal, long latencyCycles, double intervalCycles,
                          Map<String, FifoStats> fifos, Deadlock deadlock) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One FIFO over the whole run. */
    public record FifoStats(int depth, int maxOccupancy, long fullCycles) {
    }

    /** The cycle the watchdog fired and every FIFO's state then. */
    public record Deadlock(long cycle, Map<String, FifoState> fifos) {
    }

    /** A FIFO's state at the deadlock. */
    public record FifoState(int occupancy, boolean full, boolean empty) {
        /** "full (2 entries)", "empty", "1 entry". */
        public String describe() {
            String entries = occupancy + (occupancy == 1 ? " entry" : " entries");
            return full ? "full (" + entries + ")" : empty ? "empty" : entries;
        }
    }

    public CosimReport {
        fifos = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fifos == null ? Map.of() : fifos));
    }

    /**
     * Reads a report.
     *
     * @throws IOException when it cannot be read or is not the JSON described above
     */
    public static CosimReport read(Path file) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(file));
        if (root == null || !root.isObject() || !root.has("samples") || !root.has("cycles_total")) {
            throw new IOException(file + " is not a co-simulation report (needs \"samples\" and \"cycles_total\")");
        }
        Map<String, FifoStats> fifos = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("fifos").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode f = e.getValue();
            fifos.put(e.getKey(), new FifoStats(f.path("depth").asInt(), f.path("max_occupancy").asInt(),
                    f.path("full_cycles").asLong()));
        }
        Deadlock deadlock = null;
        JsonNode d = root.get("deadlock");
        if (d != null && d.isObject()) {
            Map<String, FifoState> states = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = d.path("fifos").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode f = e.getValue();
                states.put(e.getKey(), new FifoState(f.path("occupancy").asInt(), f.path("full").asBoolean(),
                        f.path("empty").asBoolean()));
            }
            deadlock = new Deadlock(d.path("cycle").asLong(), states);
        }
        return new CosimReport(root.path("samples").asInt(), root.path("cycles_total").asLong(),
                root.path("latency_cycles").asLong(), root.path("interval_cycles").asDouble(), fifos, deadlock);
    }
}
