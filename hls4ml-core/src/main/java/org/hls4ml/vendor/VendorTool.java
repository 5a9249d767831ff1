package org.hls4ml.vendor;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A vendor HLS program found on this machine and how it runs a Tcl script.
 *
 * @param kind       which program it is
 * @param executable its absolute path
 */
public record VendorTool(Kind kind, Path executable) {

    /** The environment variable that carries the build options to {@code build_prj.tcl} (see its header). */
    public static final String OPTIONS_VARIABLE = "HLS4ML_BUILD_OPTIONS";

    public VendorTool {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(executable, "executable");
    }

    /** The programs that can run a generated {@code build_prj.tcl}. */
    public enum Kind {
        /** Vivado HLS (up to 2020.1): {@code vivado_hls -f build_prj.tcl "options"}. */
        VIVADO_HLS("vivado_hls", "vivado_hls"),
        /** Vitis HLS (2020.1 to 2024.1): {@code vitis_hls -f build_prj.tcl "options"}. */
        VITIS_HLS("vitis_hls", "vitis_hls"),
        /**
         * Vitis from 2023.2 on (the only entry point from 2024.2 on): {@code vitis-run --mode hls --tcl build_prj.tcl},
         * which passes no arguments to the script; the options go in {@value VendorTool#OPTIONS_VARIABLE}.
         */
        VITIS_RUN("vitis-run", "vitis_hls");

        private final String program;
        private final String hlsTool;

        Kind(String program, String hlsTool) {
            this.program = program;
            this.hlsTool = hlsTool;
        }

        /** The program's file name, as searched on PATH. */
        public String program() {
            return program;
        }

        /** The HLS tool a generated project names in its manifest ({@code vivado_hls} or {@code vitis_hls}). */
        public String hlsTool() {
            return hlsTool;
        }

        /**
         * The kind of a program the user pointed to: by its file name when that says ({@code vitis-run*},
         * {@code vitis_hls*}, {@code vivado_hls*}), else the project's own tool.
         */
        public static Kind of(Path program, String projectHlsTool) {
            String name = program.getFileName() == null ? "" : program.getFileName().toString()
                    .toLowerCase(Locale.ROOT);
            if (name.startsWith("vitis-run")) {
                return VITIS_RUN;
            }
            if (name.startsWith("vitis_hls")) {
                return VITIS_HLS;
            }
            if (name.startsWith("vivado_hls")) {
                return VIVADO_HLS;
            }
            return "vitis_hls".equals(projectHlsTool) ? VITIS_HLS : VIVADO_HLS;
        }
    }

    /** The command that runs {@code script} (relative to the project directory) with the build options. */
    public List<String> command(String script, String options) {
        if (kind == Kind.VITIS_RUN) {
            return List.of(executable.toString(), "--mode", "hls", "--tcl", script);
        }
        return List.of(executable.toString(), "-f", script, options);
    }

    /** Variables the command needs besides this JVM's environment: the options, for {@code vitis-run}. */
    public Map<String, String> environment(String options) {
        return kind == Kind.VITIS_RUN ? Map.of(OPTIONS_VARIABLE, options) : Map.of();
    }

    /** The engine name reports use: {@code vivado_hls} or {@code vitis_hls}. */
    public String engineName() {
        return kind.hlsTool();
    }

    /** "vivado_hls (/opt/Xilinx/Vivado/2019.2/bin/vivado_hls)". */
    public String describe() {
        return kind.program() + " (" + executable + ")";
    }
}
