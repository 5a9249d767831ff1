package org.hls4ml.vendor;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.hls4ml.api.ConfigurationException;

/**
 * Which tools run the C simulation, synthesis and co-simulation: the vendor's HLS tool through the generated
 * {@code build_prj.tcl}, or the open tools (g++ against the bundled headers, Verilator on the generated Verilog).
 */
public enum Engine {
    /** The vendor tool when the project's HLS tool ({@code vivado_hls}, {@code vitis_hls}) is found, else the open tools. */
    AUTO,
    /** The vendor tool; its absence fails the build with what was searched. */
    VENDOR,
    /** The open tools, even when a vendor tool is installed. */
    OPEN;

    /** The name used in parameters: {@code auto}, {@code vendor}, {@code open}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code auto}, {@code vendor} or {@code open} (any case, surrounding blanks ignored); null or blank is
     * {@link #AUTO}.
     *
     * @throws ConfigurationException for anything else, listing the choices
     */
    public static Engine parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (Engine e : values()) {
            if (e.id().equals(v)) {
                return e;
            }
        }
        throw new ConfigurationException("unknown engine '" + value + "'; choose one of "
                + Arrays.stream(values()).map(Engine::id).collect(Collectors.joining(", "))
                + " (<engine> / -Dhls4ml.engine)");
    }
}
