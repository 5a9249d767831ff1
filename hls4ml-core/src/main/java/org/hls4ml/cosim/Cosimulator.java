package org.hls4ml.cosim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.Hls4mlException;
import org.hls4ml.api.SimulationFailureException;
import org.hls4ml.api.ToolException;
import org.hls4ml.sim.DatFile;
import org.hls4ml.sim.PredictionComparison;
import org.hls4ml.tools.ContentHash;
import org.hls4ml.tools.FileWriting;
import org.hls4ml.tools.ProcessResult;
import org.hls4ml.tools.ProcessRunner;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.tools.Stamp;
import org.hls4ml.tools.ToolLocator;

/**
 * RTL co-simulation, the open-tier way: Verilator compiles the Verilog of {@code rtl/files.f} with the C++ test bench
 * {@code rtl/tb_main.cpp} into {@code build/cosim/obj/V<top>}, which streams {@code tb_data/tb_input_features.dat}
 * through the design and writes {@code tb_data/rtl_cosim_results.log} and {@code build/cosim/report.json}. The results
 * must equal the C simulation's {@code tb_data/csim_results.log} value for value.
 *
 * <p>Incremental like the C simulation: a hash of everything under {@code rtl/}, the flags and the Verilator binary and
 * version is stored in {@code build/cosim/build.stamp} after a successful build; a second stamp
 * ({@code build/cosim/run.stamp}) covers the model, the inputs and the watchdog. A failed or killed run leaves no
 * complete-looking results: they are renamed to {@code rtl_cosim_results.log.failed}. Logs go to
 * {@code build/cosim/*.log}; the summary to {@code reports/cosim.json}.
 *
 * <p>Exit codes of the test bench: 0 done, 3 deadlock (the report names every FIFO's state), anything else a failure.
 */
public final class Cosimulator {

    /** Bump when the way the model is built changes, so old stamps no longer match. */
    private static final String BUILD_FORMAT = "hls4ml-cosim-1";
    /** The test bench's exit code for "no beat moved for watchdogCycles cycles". */
    public static final int EXIT_DEADLOCK = 3;
    static final String VERILATOR_HINT = "install it with `apt-get install verilator` (or your distribution's"
            + " equivalent), point to it with <verilator> / -Dhls4ml.verilator or the HLS4ML_VERILATOR environment"
            + " variable, or skip co-simulation with -Dhls4ml.cosim.skip";
    /** How many "%Error" lines of a failed Verilator build a message quotes first. */
    private static final int ERROR_LINES = 10;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ToolLocator locator;

    public Cosimulator() {
        this(null);
    }

    /** With a given tool locator (tests inject their own environment); null for this JVM's. */
    public Cosimulator(ToolLocator locator) {
        this.locator = locator;
    }

    /**
     * Builds (when needed), runs (when needed) and checks the co-simulation.
     *
     * @throws ConfigurationException     the project has no RTL, no inputs or no C simulation results
     * @throws ToolException              Verilator is missing, its build failed, or the run timed out
     * @throws SimulationFailureException a deadlock, a crashing test bench, or results that differ from csim
     */
    public CosimResult cosim(CosimRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            return new Run(request, locator).execute();
        } catch (IOException e) {
            throw new Hls4mlException("RTL co-simulation of " + request.top() + " in " + request.projectDir()
                    + " failed on an I/O error: " + e, e);
        }
    }

    /** Finds Verilator: explicit path, then $HLS4ML_VERILATOR, then PATH; the failure always carries the hint. */
    static Path locateVerilator(ToolLocator locator, Path explicit, ProgressListener listener) {
        ToolLocator l = locator != null ? locator : new ToolLocator(System.getenv(), listener);
        try {
            return l.locate("verilator", explicit, "HLS4ML_VERILATOR", VERILATOR_HINT);
        } catch (ToolException e) {
            if (explicit != null) {
                throw new ToolException(e.getMessage() + ".\nTo get Verilator: " + VERILATOR_HINT, e);
            }
            throw e;
        }
    }

    /** One invocation: the paths and the steps. */
    private static final class Run {
        private final CosimRequest req;
        private final ToolLocator locator;
        private final ProgressListener listener;
        private final ProcessRunner runner;
        private final Path prj;
        private final String top;
        private final Path buildDir;
        private final Path objDir;
        private final Path binary;
        private final Path input;
        private final Path csimResults;
        private final Path results;
        private final Path failedResults;
        private final Path tbReport;
        private final Path reportFile;
        private final Path buildStamp;
        private final Path runStamp;

        Run(CosimRequest req, ToolLocator locator) {
            this.req = req;
            this.locator = locator;
            this.listener = req.listener();
            this.runner = new ProcessRunner(listener);
            this.prj = req.projectDir().toAbsolutePath().normalize();
            this.top = req.top();
            this.buildDir = prj.resolve("build").resolve("cosim");
            this.objDir = buildDir.resolve("obj");
            this.binary = objDir.resolve("V" + top);
            this.input = prj.resolve("tb_data").resolve("tb_input_features.dat");
            this.csimResults = prj.resolve("tb_data").resolve("csim_results.log");
            this.results = prj.resolve("tb_data").resolve("rtl_cosim_results.log");
            this.failedResults = prj.resolve("tb_data").resolve("rtl_cosim_results.log.failed");
            this.tbReport = buildDir.resolve("report.json");
            this.reportFile = prj.resolve("reports").resolve("cosim.json");
            this.buildStamp = buildDir.resolve("build.stamp");
            this.runStamp = buildDir.resolve("run.stamp");
        }

        CosimResult execute() throws IOException {
            requireFile(prj.resolve("rtl").resolve("files.f"), "the Verilog file list");
            requireFile(prj.resolve("rtl").resolve("tb_main.cpp"), "the Verilator test bench");
            if (!Files.isRegularFile(input)) {
                throw new ConfigurationException("RTL co-simulation of " + top + " needs input samples, but " + input
                        + " does not exist; set InputData / <inputData> and run hls4ml:generate again");
            }
            if (!Files.isRegularFile(csimResults)) {
                throw new ConfigurationException("RTL co-simulation of " + top + " compares its outputs with the C"
                        + " simulation's, but " + csimResults + " does not exist; run the C simulation first"
                        + " (hls4ml:csim, bound to the compile phase)");
            }
            int samples = DatFile.countSamples(input);
            if (samples == 0) {
                throw new ConfigurationException(input + " holds no samples; RTL co-simulation needs at least one");
            }
            Path verilator = locateVerilator(locator, req.verilator(), listener);
            Files.createDirectories(buildDir);
            String version = verilatorVersion(verilator);

            List<String> buildCommand = buildCommand(verilator);
            String buildHash = buildHash(verilator, version, buildCommand);
            boolean built = false;
            Duration buildTime = Duration.ZERO;
            if (Stamp.matches(buildStamp, buildHash) && Files.isRegularFile(binary)) {
                listener.debug("RTL co-simulation: Verilator model " + binary + " is up to date");
            } else {
                buildTime = build(buildCommand, version, buildHash);
                built = true;
            }

            String runHash = runHash(buildHash);
            boolean ran;
            Duration runTime = Duration.ZERO;
            Duration simulationTime;
            CosimReport report;
            if (runUpToDate(runHash, samples)) {
                listener.info("RTL co-simulation: results of " + top + " are up to date (" + samples + " samples)");
                report = readReport();
                simulationTime = previousSimulationTime();
                ran = false;
            } else {
                runTime = simulate(samples);
                report = readReport();
                if (report.deadlock() != null) {
                    throw deadlock(report);
                }
                Stamp.write(runStamp, runHash);
                simulationTime = runTime;
                ran = true;
            }

            PredictionComparison cmp = compare();
            writeReport(report, version, simulationTime, cmp);
            if (!cmp.exactMatch()) {
                throw new SimulationFailureException("RTL co-simulation of " + top + " differs from the C simulation"
                        + cmp.firstDifference().map(d -> " at " + d).orElse("") + " (" + prj.relativize(results)
                        + " vs " + prj.relativize(csimResults) + "; " + cmp.describe() + ")");
            }
            CosimResult result = new CosimResult(built, ran, binary, results, reportFile, report, buildTime, runTime,
                    simulationTime, cmp.describe());
            listener.info("RTL co-simulation: " + result.summary() + "; " + cmp.describe());
            return result;
        }

        private void requireFile(Path file, String what) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigurationException("RTL co-simulation of " + top + ": " + what + " " + file
                        + " does not exist; the RTL backend writes it for io_stream designs: run hls4ml:generate"
                        + " again, or skip co-simulation with -Dhls4ml.cosim.skip");
            }
        }

        /** The first line of {@code verilator --version}, e.g. "Verilator 5.006 2023-01-22 rev (Debian 5.006-3)". */
        private String verilatorVersion(Path verilator) {
            List<String> cmd = List.of(verilator.toString(), "--version");
            ProcessResult r = runner.run(cmd, prj, Map.of(), buildDir.resolve("verilator-version.log"),
                    Duration.ofMinutes(1));
            if (!r.succeeded()) {
                throw new ToolException("cannot run Verilator " + verilator + ": "
                        + ProcessRunner.failureMessage(cmd, r, Duration.ofMinutes(1)) + "\n" + VERILATOR_HINT);
            }
            try {
                return Files.readAllLines(r.logFile()).stream()
                        .filter(l -> l.startsWith("Verilator")).findFirst().orElse("Verilator (unknown version)");
            } catch (IOException e) {
                return "Verilator (unknown version)";
            }
        }

        /**
         * The whole command: the configurable flags, then the structural arguments. The test bench goes in by
         * absolute path: Verilator's make runs in the -Mdir and would not find a relative one.
         */
        private List<String> buildCommand(Path verilator) {
            List<String> cmd = new ArrayList<>();
            cmd.add(verilator.toString());
            cmd.addAll(List.of("--cc", "--exe", "--build"));
            cmd.addAll(req.verilatorFlags());
            cmd.addAll(List.of("--top-module", top, "-Mdir", objDir.toString(), "-f", "rtl/files.f",
                    prj.resolve("rtl").resolve("tb_main.cpp").toString(), "-CFLAGS", "-I" + prj.resolve("rtl")));
            return cmd;
        }

        private String buildHash(Path verilator, String version, List<String> command) throws IOException {
            List<String> relative = command.stream()
                    .map(a -> a.replace(prj.toString(), "${project}")).toList();
            return new ContentHash()
                    .add("format", BUILD_FORMAT)
                    .add("top", top)
                    .add("verilator", verilator.toString())
                    .addFileMetadata("verilator-binary", verilator)
                    .add("version", version)
                    .add("command", relative.subList(1, relative.size()))
                    .addTree(prj.resolve("rtl"))
                    .hex();
        }

        private Duration build(List<String> command, String version, String buildHash) throws IOException {
            // A failed or interrupted build must never look finished next time.
            Stamp.delete(buildStamp);
            Stamp.delete(runStamp);
            Files.deleteIfExists(binary);
            listener.info("RTL co-simulation: building " + top + " with " + version + " ("
                    + String.join(" ", req.verilatorFlags()) + ")");
            ProcessResult r = runner.run(command, prj, Map.of(), buildDir.resolve("verilator.log"), req.timeout());
            if (!r.succeeded() || !Files.isRegularFile(binary)) {
                StringBuilder msg = new StringBuilder("RTL co-simulation of " + top + ": the Verilator build failed");
                List<String> errors = errorLines(r.logFile());
                if (!errors.isEmpty()) {
                    msg.append(":\n").append(String.join("\n", errors)).append("\n");
                } else {
                    msg.append(": ");
                }
                msg.append(ProcessRunner.failureMessage(command, r, req.timeout()));
                if (r.timedOut()) {
                    msg.append("\nA big design may need longer: raise <cosimTimeout> / -Dhls4ml.cosim.timeout");
                }
                throw new ToolException(msg.toString());
            }
            Stamp.write(buildStamp, buildHash);
            listener.info("RTL co-simulation: built " + prj.relativize(binary) + " in "
                    + ProcessRunner.formatDuration(r.elapsed()));
            return r.elapsed();
        }

        private static List<String> errorLines(Path log) {
            try {
                return Files.readAllLines(log).stream().filter(l -> l.startsWith("%Error")).limit(ERROR_LINES)
                        .toList();
            } catch (IOException e) {
                return List.of();
            }
        }

        private String runHash(String buildHash) throws IOException {
            return new ContentHash()
                    .add("build", buildHash)
                    .addFileMetadata("binary", binary)
                    .addFile("input", input)
                    .add("watchdog", Long.toString(req.watchdogCycles()))
                    .hex();
        }

        private boolean runUpToDate(String runHash, int samples) throws IOException {
            return Files.isRegularFile(tbReport) && Files.isRegularFile(reportFile)
                    && Stamp.fresh(runStamp, runHash, results, input, binary) && DatFile.countSamples(results) == samples;
        }

        private Duration simulate(int samples) throws IOException {
            Stamp.delete(runStamp);
            Files.deleteIfExists(results);
            Files.deleteIfExists(failedResults);
            Files.deleteIfExists(tbReport);
            Path log = buildDir.resolve("run.log");
            List<String> cmd = List.of(binary.toString(), prj.relativize(input).toString(),
                    prj.relativize(results).toString(), prj.relativize(tbReport).toString(),
                    Long.toString(req.watchdogCycles()));
            listener.info("RTL co-simulation: running " + top + " on " + samples + " samples (watchdog "
                    + req.watchdogCycles() + " cycles)");
            ProcessResult run = runner.run(cmd, prj, Map.of(), log, req.timeout());
            if (run.timedOut()) {
                setAside();
                throw new ToolException("RTL co-simulation of " + top + " did not finish within "
                        + ProcessRunner.formatDuration(req.timeout()) + " on " + samples + " samples and was killed;"
                        + " raise <cosimTimeout> / -Dhls4ml.cosim.timeout if that many samples need longer. "
                        + ProcessRunner.failureMessage(cmd, run, req.timeout()));
            }
            if (run.exitCode() == EXIT_DEADLOCK) {
                setAside();
                if (!Files.isRegularFile(tbReport)) {
                    throw new SimulationFailureException("RTL co-simulation of " + top + " deadlocked (exit code 3)"
                            + " but the test bench wrote no " + tbReport + " (log: " + log + ")");
                }
                CosimReport report = readReport();
                if (report.deadlock() == null) {
                    throw new SimulationFailureException("RTL co-simulation of " + top + " deadlocked (exit code 3)"
                            + " but " + tbReport + " has no \"deadlock\" entry (log: " + log + ")");
                }
                throw deadlock(report);
            }
            if (run.exitCode() != 0) {
                setAside();
                throw new SimulationFailureException("RTL co-simulation of " + top + " failed: "
                        + ProcessRunner.failureMessage(cmd, run, req.timeout()));
            }
            if (!Files.isRegularFile(results) || !Files.isRegularFile(tbReport)) {
                setAside();
                throw new SimulationFailureException("RTL co-simulation of " + top + " exited normally but wrote no "
                        + (Files.isRegularFile(results) ? prj.relativize(tbReport) : prj.relativize(results))
                        + " (log: " + log + ")");
            }
            listener.info("RTL co-simulation: " + samples + " samples in " + ProcessRunner.formatDuration(run.elapsed()));
            return run.elapsed();
        }

        private CosimReport readReport() {
            try {
                return CosimReport.read(tbReport);
            } catch (IOException e) {
                throw new SimulationFailureException("RTL co-simulation of " + top + ": the test bench's report "
                        + tbReport + " is unreadable: " + e.getMessage());
            }
        }

        private SimulationFailureException deadlock(CosimReport report) {
            CosimReport.Deadlock d = report.deadlock();
            StringBuilder msg = new StringBuilder("RTL co-simulation of " + top + " deadlocked: no stream beat moved for "
                    + req.watchdogCycles() + " cycles (watchdog fired at cycle " + d.cycle() + "). FIFO states:");
            for (Map.Entry<String, CosimReport.FifoState> e : d.fifos().entrySet()) {
                CosimReport.FifoState s = e.getValue();
                CosimReport.FifoStats stats = report.fifos().get(e.getKey());
                msg.append("\n  - ").append(e.getKey());
                instancePath(e.getKey()).ifPresent(p -> msg.append(" (").append(p).append(")"));
                msg.append(": ").append(s.describe());
                if (stats != null) {
                    msg.append(", occupancy ").append(s.occupancy()).append(" of depth ").append(stats.depth());
                } else {
                    msg.append(", occupancy ").append(s.occupancy());
                }
            }
            if (d.fifos().isEmpty()) {
                msg.append(" (the test bench reported none)");
            }
            msg.append("\nA full FIFO feeding a stage that waits on another, empty path usually means that FIFO is too"
                    + " small: enlarge it, or apply the flow vivado:fifo_depth_optimization. If the design is merely"
                    + " slow, raise <watchdogCycles> / -Dhls4ml.cosim.watchdogCycles. Full report: " + tbReport);
            return new SimulationFailureException(msg.toString());
        }

        private Optional<String> instancePath(String fifo) {
            return req.fifos().stream().filter(f -> f.name().equals(fifo) && f.instancePath() != null)
                    .map(RtlFacts.Fifo::instancePath).findFirst();
        }

        /** Renames whatever a bad run wrote, so no complete-looking results file is left. */
        private void setAside() throws IOException {
            if (Files.exists(results)) {
                FileWriting.moveIntoPlace(results, failedResults);
            }
        }

        private PredictionComparison compare() throws IOException {
            List<String[]> rtl = readRows(results, "RTL co-simulation results");
            List<String[]> csim = readRows(csimResults, "C simulation results");
            return PredictionComparison.compare(rtl, csim, "rtl_cosim", "csim");
        }

        private List<String[]> readRows(Path file, String what) throws IOException {
            try {
                return DatFile.readRaw(file);
            } catch (ConfigurationException e) {
                throw new SimulationFailureException("RTL co-simulation of " + top + ": the " + what
                        + " are malformed: " + e.getMessage());
            }
        }

        private Duration previousSimulationTime() {
            try {
                JsonNode n = JSON.readTree(Files.readString(reportFile)).get("simulation_seconds");
                return n == null ? Duration.ZERO : Duration.ofNanos((long) (n.asDouble() * 1e9));
            } catch (IOException e) {
                return Duration.ZERO;
            }
        }

        private void writeReport(CosimReport report, String version, Duration simulationTime,
                                 PredictionComparison cmp) throws IOException {
            ObjectNode root = JSON.createObjectNode();
            root.put("top", top);
            root.put("engine", version);
            root.put("samples", report.samples());
            root.put("cycles_total", report.cyclesTotal());
            root.put("latency_cycles", report.latencyCycles());
            root.put("interval_cycles", report.intervalCycles());
            root.put("simulation_seconds", simulationTime.toNanos() / 1e9);
            double s = simulationTime.toNanos() / 1e9;
            root.put("cycles_per_second", s <= 0 ? 0 : Math.round(report.cyclesTotal() / s));
            ObjectNode fifos = root.putObject("fifos");
            report.fifos().forEach((name, f) -> {
                ObjectNode n = fifos.putObject(name);
                n.put("depth", f.depth());
                n.put("max_occupancy", f.maxOccupancy());
                n.put("full_cycles", f.fullCycles());
                instancePath(name).ifPresent(p -> n.put("instance", p));
            });
            root.put("matches_csim", cmp.exactMatch());
            root.put("comparison", cmp.describe());
            FileWriting.writeIfChanged(reportFile, JSON.writeValueAsString(root) + "\n");
        }
    }
}
