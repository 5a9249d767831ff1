package org.hls4ml.vendor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.ToolException;
import org.hls4ml.tools.ContentHash;
import org.hls4ml.tools.ProcessResult;
import org.hls4ml.tools.ProcessRunner;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.tools.Stamp;
import org.hls4ml.writer.ProjectManifest;

/**
 * Runs the steps of a generated project's {@code build_prj.tcl} with a vendor tool, one process per step, in the
 * project directory, each with its own log {@code build/vendor/<step>.log} and time limit.
 *
 * <p>A step fails (with a {@link ToolException} naming the log and quoting its last lines) when the tool exits with a
 * non-zero code or runs past its time limit, when its output holds a line starting with {@code ERROR:} (the vendor
 * tools report many errors, including failed simulations, and still exit with 0), or when it did not write the file
 * the step is for. Each step's output is removed before it runs, so a stale file never passes for a new one.
 *
 * <p>A step whose inputs (the project's scripts, firmware, test bench and test data, the results of earlier steps it
 * reads, the tool) and whose output are those of its last successful run is not run again.
 */
public final class VendorRunner {

    /** How many {@code ERROR:} lines a failure message quotes. */
    static final int QUOTED_ERRORS = 10;

    private final VendorTool tool;
    private final ProgressListener log;

    public VendorRunner(VendorTool tool, ProgressListener log) {
        this.tool = Objects.requireNonNull(tool, "tool");
        this.log = log == null ? ProgressListener.NONE : log;
    }

    public VendorTool tool() {
        return tool;
    }

    /**
     * Runs one step of the project's {@code build_prj.tcl}, unless it is up to date.
     *
     * @param projectDir the generated project (holds {@code build_prj.tcl} and {@code hls4ml-project.json})
     * @param step       what to run
     * @param timeout    the step's time limit; past it the tool and all its child processes are killed
     * @throws ToolException          the tool failed, timed out, reported an error or did not write its output
     * @throws ConfigurationException the project was not generated
     */
    public StepResult run(Path projectDir, VendorStep step, Duration timeout) {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(timeout, "timeout");
        Path dir = projectDir.toAbsolutePath().normalize();
        ProjectManifest manifest = ProjectManifest.read(dir);
        if (!Files.isRegularFile(dir.resolve("build_prj.tcl"))) {
            throw new ConfigurationException("the project " + dir + " has no build_prj.tcl; run hls4ml:generate again");
        }
        VendorProject prj = new VendorProject(dir, manifest.projectName());
        Path logFile = step.logFile(dir);
        Path stamp = dir.resolve(".hls4ml").resolve("vendor").resolve(step.id() + ".sha256");
        List<String> command = tool.command("build_prj.tcl", step.options());
        try {
            String inputs = inputHash(prj, step);
            Optional<Path> previous = output(prj, step);
            if (previous.isPresent() && Stamp.matches(stamp, inputs + " " + fileHash(previous.get()))) {
                log.info("Vendor " + step.id() + " (" + tool.kind().program() + ") is up to date; nothing run");
                return new StepResult(step, tool, logFile, previous.get(), Duration.ZERO, true);
            }
            Stamp.delete(stamp);
            clearOutputs(prj, step);

            log.info("Vendor " + step.id() + ": " + ProcessRunner.describe(command) + " (log " + dir.relativize(logFile)
                    + ")");
            ProcessResult r = new ProcessRunner(log).run(command, dir, tool.environment(step.options()), logFile,
                    timeout);
            if (!r.succeeded()) {
                throw new ToolException("vendor " + step.id() + " failed: "
                        + ProcessRunner.failureMessage(command, r, timeout));
            }
            List<String> errors = new ArrayList<>();
            int count = errorLines(logFile, errors);
            if (count > 0) {
                throw new ToolException("vendor " + step.id() + " failed: `" + ProcessRunner.describe(command)
                        + "` exited with code 0 but reported " + count + (count == 1 ? " error" : " errors")
                        + " (full log: " + logFile + "):\n  " + String.join("\n  ", errors)
                        + (count > errors.size() ? "\n  ..." : "") + tail(r));
            }
            Optional<Path> out = output(prj, step);
            if (out.isEmpty()) {
                throw new ToolException("vendor " + step.id() + " failed: `" + ProcessRunner.describe(command)
                        + "` finished but did not write " + expected(prj, step) + " (full log: " + logFile + ")"
                        + tail(r));
            }
            Stamp.write(stamp, inputHash(prj, step) + " " + fileHash(out.get()));
            log.info("Vendor " + step.id() + ": done in " + ProcessRunner.formatDuration(r.elapsed()) + " ("
                    + dir.relativize(out.get()) + ")");
            return new StepResult(step, tool, logFile, out.get(), r.elapsed(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("vendor " + step.id() + " of " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The file a step must write, if it is there. */
    private Optional<Path> output(VendorProject prj, VendorStep step) {
        if (step == VendorStep.EXPORT) {
            return prj.exportZip();
        }
        Path p = expectedFile(prj, step);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    private Path expectedFile(VendorProject prj, VendorStep step) {
        return switch (step) {
            case CSIM -> prj.csimResults();
            case SYNTH -> prj.csynthXml();
            case COSIM -> prj.cosimResults();
            case FIFO_PROFILE -> tool.kind() == VendorTool.Kind.VIVADO_HLS ? prj.fifoVcd() : prj.channelZip();
            case EXPORT -> prj.impl().resolve("export.zip");
        };
    }

    private String expected(VendorProject prj, VendorStep step) {
        if (step == VendorStep.EXPORT) {
            return prj.dir().relativize(prj.impl().resolve("export.zip")) + " or a zip in "
                    + prj.dir().relativize(prj.ipDir());
        }
        return prj.dir().relativize(expectedFile(prj, step)).toString();
    }

    /** Removes what the step will write (the co-simulation results too for the profiling co-simulation). */
    private void clearOutputs(VendorProject prj, VendorStep step) throws IOException {
        if (step == VendorStep.EXPORT) {
            Files.deleteIfExists(prj.impl().resolve("export.zip"));
            if (Files.isDirectory(prj.ipDir())) {
                try (Stream<Path> s = Files.list(prj.ipDir())) {
                    for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".zip")).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            return;
        }
        Files.deleteIfExists(expectedFile(prj, step));
        if (step == VendorStep.FIFO_PROFILE) {
            Files.deleteIfExists(prj.cosimResults());
        }
    }

    private String inputHash(VendorProject prj, VendorStep step) throws IOException {
        Path d = prj.dir();
        ContentHash h = new ContentHash()
                .add("format", "vendor-step-1")
                .add("step", step.id())
                .add("options", step.options())
                .add("kind", tool.kind().name())
                .add("tool", tool.executable().toString())
                .addFileMetadata("tool-binary", tool.executable())
                .addFile("build_prj.tcl", d.resolve("build_prj.tcl"))
                .addFile("project.tcl", d.resolve("project.tcl"))
                .addFile("test bench", d.resolve(prj.name() + "_test.cpp"))
                .addTree(d.resolve("firmware"))
                .addFile("tb input", d.resolve("tb_data").resolve("tb_input_features.dat"))
                .addFile("tb predictions", d.resolve("tb_data").resolve("tb_output_predictions.dat"));
        if (step != VendorStep.CSIM && step != VendorStep.SYNTH) {
            h.addFile("csynth", prj.csynthXml());
        }
        if (step == VendorStep.COSIM || step == VendorStep.FIFO_PROFILE) {
            h.addFile("csim results", prj.csimResults());
        }
        return h.hex();
    }

    private static String fileHash(Path file) throws IOException {
        return new ContentHash().addFile("output", file).hex();
    }

    /** Counts the lines that start with {@code ERROR:} and keeps the first few. */
    static int errorLines(Path logFile, List<String> first) throws IOException {
        int count = 0;
        try (BufferedReader r = Files.newBufferedReader(logFile, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = r.readLine()) != null) {
                String t = line.strip();
                if (t.startsWith("ERROR:")) {
                    count++;
                    if (first.size() < QUOTED_ERRORS) {
                        first.add(t);
                    }
                }
            }
        }
        return count;
    }

    private static String tail(ProcessResult r) {
        String tail = r.tail(ProcessRunner.FAILURE_TAIL_LINES);
        return tail.isEmpty() ? "" : "\nlast lines of output:\n" + tail;
    }
}
