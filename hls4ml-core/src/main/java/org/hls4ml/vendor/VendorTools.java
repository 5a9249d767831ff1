package org.hls4ml.vendor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hls4ml.api.ToolException;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.tools.ToolLocator;

/**
 * Finds the vendor HLS tool of a project and decides the engine.
 *
 * <p>A project generated for {@code vivado_hls} needs {@code vivado_hls}; one for {@code vitis_hls} takes
 * {@code vitis_hls} when it is there, else {@code vitis-run} (Vitis 2024.2 and later have only that). Each program is
 * searched in the explicit path the user gave, then in the {@code bin} folder of {@code $XILINX_HLS},
 * {@code $XILINX_VIVADO} and {@code $XILINX_VITIS} (which the vendor's {@code settings64.sh} sets), then on PATH.
 */
public final class VendorTools {

    /** Install-home variables whose {@code bin} folder is searched, in this order. */
    public static final List<String> HOME_VARIABLES = List.of("XILINX_HLS", "XILINX_VIVADO", "XILINX_VITIS");

    /** How to get a vendor tool or do without one. */
    public static final String INSTALL_HINT = "install Vivado HLS or Vitis HLS and source its settings64.sh (it sets"
            + " XILINX_HLS / XILINX_VIVADO and PATH), point to the program with <vendorTool> / -Dhls4ml.vendorTool,"
            + " or use the open tools with <engine>open</engine> / -Dhls4ml.engine=open (auto picks them when no"
            + " vendor tool is found)";

    private final ToolLocator locator;
    private final ProgressListener log;

    /** Searches this JVM's environment. */
    public VendorTools(ProgressListener log) {
        this(System.getenv(), log);
    }

    /** Searches the given environment (tests inject PATH and XILINX_*). */
    public VendorTools(Map<String, String> env, ProgressListener log) {
        this.log = log == null ? ProgressListener.NONE : log;
        this.locator = new ToolLocator(env, this.log);
    }

    /** The programs that can build a project made for {@code hlsTool}, in order of preference. */
    public static List<VendorTool.Kind> candidates(String hlsTool) {
        if ("vitis_hls".equals(hlsTool)) {
            return List.of(VendorTool.Kind.VITIS_HLS, VendorTool.Kind.VITIS_RUN);
        }
        return List.of(VendorTool.Kind.VIVADO_HLS);
    }

    /**
     * The outcome of a search.
     *
     * @param hlsTool  the project's HLS tool
     * @param tool     what was found, if anything
     * @param lookups  one per program searched, with the places looked at
     */
    public record Search(String hlsTool, Optional<VendorTool> tool, List<ToolLocator.Lookup> lookups) {

        /** "vivado_hls searched in: ..." for every program, one place a line. */
        public String searched() {
            StringBuilder b = new StringBuilder();
            for (ToolLocator.Lookup l : lookups) {
                if (b.length() > 0) {
                    b.append('\n');
                }
                b.append(l.toolName()).append(" searched in:");
                for (String place : l.searched()) {
                    b.append("\n  - ").append(place);
                }
            }
            return b.toString();
        }

        /** "vivado_hls" or "vitis_hls or vitis-run". */
        public String programs() {
            return String.join(" or ", lookups.stream().map(ToolLocator.Lookup::toolName).toList());
        }
    }

    /**
     * Searches for the program that builds a project made for {@code hlsTool}.
     *
     * @param explicit the program the user pointed to, or null; when given it is the only candidate
     * @throws ToolException when {@code explicit} is given but is not an executable file
     */
    public Search search(String hlsTool, Path explicit) {
        String tool = hlsTool == null || hlsTool.isBlank() ? "vivado_hls" : hlsTool;
        if (explicit != null) {
            VendorTool.Kind kind = VendorTool.Kind.of(explicit, tool);
            ToolLocator.Lookup l = locator.lookup(kind.program(), explicit, null, HOME_VARIABLES);
            return new Search(tool, Optional.of(new VendorTool(kind, l.path())), List.of(l));
        }
        List<ToolLocator.Lookup> lookups = new ArrayList<>();
        for (VendorTool.Kind kind : candidates(tool)) {
            ToolLocator.Lookup l = locator.lookup(kind.program(), null, null, HOME_VARIABLES);
            lookups.add(l);
            if (l.found()) {
                return new Search(tool, Optional.of(new VendorTool(kind, l.path())), lookups);
            }
        }
        return new Search(tool, Optional.empty(), lookups);
    }

    /**
     * Decides the engine for a project: the vendor tool to use, or empty for the open tools.
     * <ul>
     *   <li>{@link Engine#OPEN}: empty (an explicit {@code vendorTool} is ignored, with a warning);</li>
     *   <li>{@link Engine#VENDOR}: the tool, or a {@link ToolException} that lists every place searched;</li>
     *   <li>{@link Engine#AUTO}: the tool when found, else empty (logged with the places searched).</li>
     * </ul>
     *
     * @param hlsTool  the project's HLS tool ({@code vivado_hls} or {@code vitis_hls}; null counts as vivado_hls)
     * @param explicit the program the user pointed to, or null
     * @throws ToolException engine vendor without the tool, or an explicit path that is not an executable file
     */
    public Optional<VendorTool> choose(Engine engine, String hlsTool, Path explicit) {
        Objects.requireNonNull(engine, "engine");
        if (engine == Engine.OPEN) {
            if (explicit != null) {
                log.warn("<vendorTool> " + explicit + " is ignored: the engine is open");
            }
            return Optional.empty();
        }
        Search s = search(hlsTool, explicit);
        if (s.tool().isPresent()) {
            log.info("Engine " + engine.id() + ": " + s.tool().get().describe());
            return s.tool();
        }
        if (engine == Engine.VENDOR) {
            throw new ToolException("engine vendor: cannot find " + s.programs() + " for this " + s.hlsTool()
                    + " project.\n" + s.searched() + "\n" + Character.toUpperCase(INSTALL_HINT.charAt(0))
                    + INSTALL_HINT.substring(1));
        }
        log.info("Engine auto: no " + s.programs() + " found (searched "
                + String.join(", ", HOME_VARIABLES.stream().map(v -> "$" + v + "/bin").toList())
                + " and PATH); using the open tools");
        log.debug(s.searched());
        return Optional.empty();
    }
}
