package org.hls4ml.vendor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.testing.KerasModelFiles;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.tools.ToolLocator;

/**
 * Stand-ins for the Xilinx programs (none is installed here): shell scripts named vivado_hls, vitis_hls or vitis-run
 * that run {@code vendor_standin.tcl} under tclsh, which defines the vendor Tcl commands, records the program's
 * arguments and every command, and writes the vendor's report files. They test the plumbing, not the tools.
 */
final class StandIn {

    private StandIn() {
    }

    /** tclsh, or a failing test that says how to install it (never a skip). */
    static Path tclsh() {
        return new ToolLocator(System.getenv(), ProgressListener.NONE).locate("tclsh", null, "HLS4ML_TCLSH",
                "the vendor-tier tests run stand-ins for the Xilinx programs under tclsh: install it with"
                        + " `apt-get install tcl` (CI does), or point to it with $HLS4ML_TCLSH");
    }

    /**
     * Writes an executable {@code dir/program} (and {@code dir/vendor_standin.tcl}).
     *
     * @param env failure switches for the stand-in (STANDIN_EXIT=csynth_design, ...)
     */
    static Path create(Path dir, String program, Map<String, String> env) throws IOException {
        Files.createDirectories(dir);
        Path tcl = dir.resolve("vendor_standin.tcl");
        try (InputStream in = StandIn.class.getResourceAsStream("vendor_standin.tcl")) {
            Files.copy(in, tcl, StandardCopyOption.REPLACE_EXISTING);
        }
        StringBuilder sh = new StringBuilder("#!/bin/sh\n# stand-in for ").append(program).append(" (tests)\n");
        env.forEach((k, v) -> sh.append("export ").append(k).append("='").append(v).append("'\n"));
        sh.append("export STANDIN_SELF=\"$0\"\n");
        sh.append("exec '").append(tclsh()).append("' '").append(tcl).append("' '").append(program)
                .append("' \"$@\"\n");
        Path exe = dir.resolve(program);
        Files.writeString(exe, sh);
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        return exe;
    }

    static Path create(Path dir, String program) throws IOException {
        return create(dir, program, Map.of());
    }

    /** One entry per run of a stand-in in {@code projectDir}: the program and its arguments. */
    static List<List<String>> toolCalls(Path projectDir) throws IOException {
        Path f = projectDir.resolve("tool_calls.log");
        List<List<String>> out = new ArrayList<>();
        if (Files.isRegularFile(f)) {
            for (String line : Files.readAllLines(f)) {
                out.add(Arrays.asList(line.split("\t", -1)));
            }
        }
        return out;
    }

    /** Every vendor Tcl command the stand-ins ran in {@code projectDir}, "name args". */
    static List<String> calls(Path projectDir) throws IOException {
        Path f = projectDir.resolve("calls.log");
        return Files.isRegularFile(f) ? Files.readAllLines(f) : List.of();
    }

    /**
     * What a stand-in's csynth_design or cosim_design saw: its command line and the depth of every stream pragma of
     * the firmware at that moment.
     */
    record Seen(String command, Map<String, Integer> depths) {
    }

    /** Every csynth_design and cosim_design the stand-ins ran in {@code projectDir}, in order. */
    static List<Seen> depthsSeen(Path projectDir) throws IOException {
        Path f = projectDir.resolve("standin_depths.log");
        List<Seen> out = new ArrayList<>();
        if (Files.isRegularFile(f)) {
            for (String line : Files.readAllLines(f)) {
                String[] parts = line.split("\t", -1);
                Map<String, Integer> depths = new LinkedHashMap<>();
                for (String kv : parts[1].trim().split(" ")) {
                    if (!kv.isEmpty()) {
                        depths.put(kv.substring(0, kv.indexOf('=')), Integer.parseInt(kv.substring(kv.indexOf('=') + 1)));
                    }
                }
                out.add(new Seen(parts[0], depths));
            }
        }
        return out;
    }

    /**
     * Generates a small project (16 inputs, Dense 8 relu, Dense 4 softmax) under {@code out/hls4ml/myproject} with
     * three test samples and predictions.
     *
     * @param backend  Vivado or Vitis
     * @param ioType   io_parallel or io_stream
     * @param fifoFlow whether to add the backend's fifo_depth_optimization flow
     */
    static Path generate(Path out, String backend, String ioType, boolean fifoFlow) throws IOException {
        return generate(out, backend, ioType, fifoFlow, null);
    }

    /** {@link #generate(Path, String, String, boolean)} for a project version (null: the request's default). */
    static Path generate(Path out, String backend, String ioType, boolean fifoFlow, String version)
            throws IOException {
        Files.createDirectories(out);
        KerasModelFiles.Model m = KerasModelFiles.denseStack(out, "small", 16, new int[] {8, 4},
                new String[] {"relu", "softmax"}, 11L);
        StringBuilder in = new StringBuilder();
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 16; i++) {
                in.append(i == 0 ? "" : " ").append((s * 16 + i) % 7 * 0.125 - 0.25);
            }
            in.append('\n');
        }
        Path inputs = Files.writeString(out.resolve("inputs.dat"), in);
        Path predictions = Files.writeString(out.resolve("predictions.dat"),
                "0.25 0.25 0.25 0.25\n0.5 0.25 0.125 0.125\n0 0 1 0\n");
        GenerateRequest.Builder b = GenerateRequest.builder().model(m.json()).weights(m.weights())
                .outputDirectory(out.resolve("hls4ml")).backend(backend).ioType(ioType).inputData(inputs)
                .outputPredictions(predictions);
        if (version != null) {
            b.version(version);
        }
        if (fifoFlow) {
            b.flows(List.of(backend.toLowerCase(java.util.Locale.ROOT) + ":fifo_depth_optimization"));
        }
        return Hls4ml.generate(b.build(), ProgressListener.NONE).projectDir();
    }
}
