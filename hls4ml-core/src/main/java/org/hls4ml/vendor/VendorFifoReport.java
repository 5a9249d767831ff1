package org.hls4ml.vendor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hls4ml.tools.FileWriting;

/**
 * The FIFO occupancy a vendor co-simulation measured ({@code fifo_opt=1}), per inter-layer stream, at the depths the
 * project has: {@code reports/vendor_fifo_profile.json}. The vendor engine reports; it does not resize (the open
 * engine's FIFO depth optimization does).
 *
 * @param engine  {@code vivado_hls} or {@code vitis_hls}
 * @param source  the profile read (relative to the project): the VCD or the channel zip
 * @param fifos   by stream name, in the design's order
 */
public record VendorFifoReport(String engine, String source, Map<String, Fifo> fifos) {

    /** What the profile says about one stream. */
    public record Fifo(int depth, int maxOccupancy) {
        /** The depth the measurement suggests: max + 1, as the FIFO depth optimization sets it. */
        public int suggested() {
            return maxOccupancy + 1;
        }

        /** The FIFO was full at its depth: its need may be larger than measured. */
        public boolean saturated() {
            return maxOccupancy >= depth;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public VendorFifoReport {
        fifos = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fifos));
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode f = root.putObject("fifos");
        fifos.forEach((name, e) -> {
            ObjectNode n = f.putObject(name);
            n.put("depth", e.depth());
            n.put("max_occupancy", e.maxOccupancy());
            n.put("suggested", e.suggested());
        });
        root.put("engine", engine);
        root.put("source", source);
        root.put("note", "measured by the vendor co-simulation at the project's current depths; not resized");
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void write(Path file) throws IOException {
        FileWriting.writeAtomically(file, toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** The table for the build log. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "  %-22s %9s %14s %10s%n", "FIFO", "depth", "max occupancy",
                "suggested"));
        fifos.forEach((name, e) -> b.append(String.format(Locale.ROOT, "  %-22s %9d %14d %10d%s%n", name, e.depth(),
                e.maxOccupancy(), e.suggested(), e.saturated() ? "  (full: may need more)" : "")));
        return b.toString().stripTrailing();
    }
}
