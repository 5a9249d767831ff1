package org.hls4ml.fifo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.Hls4mlException;
import org.hls4ml.api.SimulationFailureException;
import org.hls4ml.api.ToolException;
import org.hls4ml.cosim.CosimOptions;
import org.hls4ml.cosim.CosimReport;
import org.hls4ml.cosim.CosimResult;
import org.hls4ml.cosim.Cosimulator;
import org.hls4ml.cosim.ResourceEstimate;
import org.hls4ml.cosim.RtlFacts;
import org.hls4ml.tools.ContentHash;
import org.hls4ml.tools.FileWriting;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.tools.Stamp;
import org.hls4ml.writer.ProjectManifest;

/**
 * The FIFO depth optimization of an io_stream project, open-tool engine (Verilator):
 * <ol>
 *   <li>profile: a copy of the RTL under {@code build/fifo_opt/profile} with every inter-layer FIFO at the profiling
 *       depth (the project's input and output streams are not FIFOs of the design and are left alone) is
 *       co-simulated on the project's test inputs; the test bench's high-water mark of every FIFO is its maximum
 *       occupancy;</li>
 *   <li>resize: each FIFO's depth becomes max + 1, in the C++ pragmas ({@code firmware/<project>.cpp}), the Verilog
 *       depth constants ({@code rtl/<top>.v}) and {@code hls4ml-project.json}, matched by exact name;</li>
 *   <li>verify: the resized project is co-simulated; a deadlock, outputs that differ from the C simulation or an
 *       interval worse than the profiling run's fail the optimization.</li>
 * </ol>
 * Any failure leaves the project at the depths it had before (files are restored), and {@code fifo_depths.json} is
 * written only after a successful verification. A second run with the same inputs profiles nothing.
 */
public final class FifoDepthOptimizer {

    /** Stamp of the last successful optimization, inside the project. */
    public static final String STAMP = ".hls4ml/fifo_opt.sha256";
    public static final String ENGINE = "verilator";

    private final Cosimulator cosimulator;

    public FifoDepthOptimizer() {
        this(new Cosimulator());
    }

    public FifoDepthOptimizer(Cosimulator cosimulator) {
        this.cosimulator = Objects.requireNonNull(cosimulator);
    }

    /**
     * Runs the optimization the project's manifest asks for.
     *
     * @param options   the co-simulation settings (project, Verilator, flags, time limits, watchdog)
     * @param estimator null, or the resource estimate of a project directory (run before and after resizing)
     * @param log       progress
     * @throws ConfigurationException     no request, not io_stream, no inter-layer FIFO, a project edited by hand
     * @throws SimulationFailureException a deadlock, differing outputs or a worse interval
     */
    public FifoOptimizationResult optimize(CosimOptions options, Function<Path, ResourceEstimate> estimator,
                                           ProgressListener log) {
        Objects.requireNonNull(options, "options");
        ProgressListener listener = log == null ? ProgressListener.NONE : log;
        try {
            return new Run(options, estimator, listener).execute();
        } catch (IOException e) {
            throw new UncheckedIOException("FIFO depth optimization of " + options.projectDir() + " failed: " + e, e);
        }
    }

    private final class Run {
        private final CosimOptions o;
        private final Function<Path, ResourceEstimate> estimator;
        private final ProgressListener log;
        private final Path prj;
        private final ProjectManifest manifest;
        private final FifoOptimizationRequest request;
        private final RtlFacts rtl;
        private final Path cpp;
        private final Path verilog;
        private final Path manifestFile;
        private final Path depthsFile;
        private final Path stamp;
        private final Path profileDir;

        Run(CosimOptions o, Function<Path, ResourceEstimate> estimator, ProgressListener log) {
            this.o = o;
            this.estimator = estimator;
            this.log = log;
            this.prj = o.projectDir().toAbsolutePath().normalize();
            this.manifest = ProjectManifest.read(prj);
            this.request = manifest.fifoOptimization();
            if (request == null) {
                throw new ConfigurationException("the project " + prj + " was generated without a FIFO depth"
                        + " optimization flow; add vivado:fifo_depth_optimization (or vitis:...) to Flows and run"
                        + " hls4ml:generate again");
            }
            if (!"io_stream".equals(manifest.ioType())) {
                throw new ConfigurationException("flow " + request.flow() + " needs IOType: io_stream, but the project "
                        + prj + " was generated with " + manifest.ioType() + "; set IOType: io_stream");
            }
            this.rtl = manifest.rtl();
            if (rtl == null) {
                throw new ConfigurationException("the project " + prj + " has no RTL design to profile; run"
                        + " hls4ml:generate again");
            }
            if (!rtl.unsupported().isEmpty()) {
                throw new ConfigurationException("FIFO depth optimization (" + request.flow() + ") needs the RTL"
                        + " co-simulation, which is impossible: the RTL backend cannot express "
                        + String.join(", ", rtl.unsupported()) + "; change those layers or remove " + request.flow()
                        + " from Flows");
            }
            this.cpp = prj.resolve("firmware").resolve(manifest.projectName() + ".cpp");
            this.verilog = prj.resolve("rtl").resolve(rtl.top() + ".v");
            this.manifestFile = prj.resolve(ProjectManifest.FILE);
            this.depthsFile = prj.resolve(FifoDepths.FILE);
            this.stamp = prj.resolve(STAMP);
            this.profileDir = prj.resolve("build").resolve("fifo_opt").resolve("profile");
        }

        FifoOptimizationResult execute() throws IOException {
            List<String> names = rtl.fifos().stream().map(RtlFacts.Fifo::name).toList();
            if (names.isEmpty()) {
                throw new ConfigurationException("FIFO depth optimization (" + request.flow() + ") found no FIFO between"
                        + " layers in " + prj + ": the model's only streams are its input and output, which are not"
                        + " sized; remove " + request.flow() + " from Flows. The project is unchanged");
            }
            String cppText = Files.readString(cpp);
            String verilogText = Files.readString(verilog);
            String manifestText = Files.readString(manifestFile);
            Map<String, Integer> current = currentDepths(cppText, verilogText, names);
            String hash = hash();

            FifoDepths previous = readPrevious();
            if (previous != null && Stamp.matches(stamp, hash) && previous.optimized().equals(current)) {
                log.info("FIFO depth optimization: depths of " + manifest.projectName() + " are up to date ("
                        + FifoDepths.FILE + "); nothing profiled");
                log.info("FIFO depths (" + previous.engine() + "):");
                previous.table().lines().forEach(log::info);
                CosimResult verification = cosim(prj, rtl.fifos());
                return new FifoOptimizationResult(previous, true, null, verification, null,
                        estimator == null ? null : estimator.apply(prj));
            }
            Stamp.delete(stamp);
            // the defaults hls4ml chose, also when the project already carries depths of an earlier optimization
            Map<String, Integer> initial = previous != null && previous.optimized().equals(current)
                    && previous.fifos().keySet().equals(current.keySet()) ? previous.initial() : current;

            ResourceEstimate before = estimator == null ? null : estimator.apply(prj);

            // 1. profile
            Map<String, Integer> profiling = new LinkedHashMap<>();
            for (String n : names) {
                profiling.put(n, request.profilingDepth() == 0 ? initial.get(n) : request.profilingDepth());
            }
            log.info("FIFO depth optimization (" + request.flow() + "): profiling " + names.size()
                    + " FIFOs at depth " + (request.profilingDepth() == 0 ? "their default" : request.profilingDepth())
                    + " in " + prj.relativize(profileDir));
            prepareProfile(verilogText, profiling);
            CosimResult profile;
            try {
                profile = cosim(profileDir, withDepths(profiling));
            } catch (Hls4mlException e) {
                throw failure("the profiling co-simulation (every inter-layer FIFO at depth "
                        + (request.profilingDepth() == 0 ? "its default" : request.profilingDepth()) + ") failed: "
                        + e.getMessage() + (e instanceof SimulationFailureException && e.getMessage().contains("deadlock")
                        ? "\nA larger profiling_fifo_depth may avoid the deadlock" : ""), e);
            }

            // 2. resize to max + 1
            Map<String, FifoDepths.Entry> entries = new LinkedHashMap<>();
            Map<String, Integer> optimized = new LinkedHashMap<>();
            for (String n : names) {
                CosimReport.FifoStats s = profile.report().fifos().get(n);
                if (s == null) {
                    throw failure("the profiling co-simulation reported no occupancy for FIFO " + n + " (it reported "
                            + profile.report().fifos().keySet() + "); run hls4ml:generate again", null);
                }
                if (s.fullCycles() > 0 && request.profilingDepth() > 0) {
                    log.warn("FIFO depth optimization: " + n + " was full for " + s.fullCycles() + " cycles at the"
                            + " profiling depth " + request.profilingDepth() + "; its measured maximum is a lower bound."
                            + " Raise profiling_fifo_depth");
                }
                int depth = s.maxOccupancy() + 1;
                optimized.put(n, depth);
                entries.put(n, new FifoDepths.Entry(initial.get(n), s.maxOccupancy(), depth));
            }
            String newCpp = DepthRewriter.rewritePragmas(cppText, optimized, prj.relativize(cpp).toString());
            String newVerilog = DepthRewriter.rewriteVerilog(verilogText, optimized, prj.relativize(verilog).toString());
            String newManifest = manifest.withRtl(withDepthsFacts(optimized)).toJson();

            // 3. verify; on any failure restore the project as it was
            CosimResult verification;
            ResourceEstimate after;
            try {
                write(cpp, newCpp);
                write(verilog, newVerilog);
                write(manifestFile, newManifest);
                try {
                    verification = cosim(prj, withDepths(optimized));
                } catch (Hls4mlException e) {
                    throw failure("the co-simulation of the resized design failed: " + e.getMessage(), e);
                }
                double was = profile.report().intervalCycles();
                double now = verification.report().intervalCycles();
                if (verification.report().samples() >= 2 && now > was + 1e-9) {
                    throw failure(String.format(Locale.ROOT, "the resized design's interval got worse: %s cycles"
                            + " instead of %s with the FIFOs at the profiling depth", fmt(now), fmt(was)), null);
                }
                if (verification.report().samples() < 2) {
                    log.warn("FIFO depth optimization: with one test sample the interval cannot be compared; give"
                            + " InputData at least two samples");
                }
                after = estimator == null ? null : estimator.apply(prj);
            } catch (RuntimeException e) {
                restore(cppText, verilogText, manifestText);
                throw e;
            }

            Map<String, Object> extra = new LinkedHashMap<>();
            Map<String, Object> interval = new LinkedHashMap<>();
            interval.put("profiling", profile.report().intervalCycles());
            interval.put("optimized", verification.report().intervalCycles());
            extra.put("interval_cycles", interval);
            if (before != null && after != null) {
                Map<String, Object> res = new LinkedHashMap<>();
                res.put("scope", after.fifosAndGlueOnly() ? "fifos_and_glue" : "design");
                res.put("before", totals(before));
                res.put("after", totals(after));
                res.put("note", ResourceEstimate.DISCLAIMER);
                extra.put("resources", res);
            }
            FifoDepths depths = new FifoDepths(entries, ENGINE, request.profilingDepth(), extra);
            depths.write(depthsFile);
            Stamp.write(stamp, hash);
            log.info("FIFO depths of " + manifest.projectName() + " (" + FifoDepths.FILE + ", measured by " + ENGINE
                    + ", profiling " + profile.summary() + "):");
            depths.table().lines().forEach(log::info);
            log.info(String.format(Locale.ROOT, "  interval %s cycles (profiling %s), latency %d cycles",
                    fmt(verification.report().intervalCycles()), fmt(profile.report().intervalCycles()),
                    verification.report().latencyCycles()));
            if (before != null && after != null) {
                log.info("  resources of " + (after.fifosAndGlueOnly() ? "the FIFOs and glue (the layers as black"
                        + " boxes; <resourceEstimate> for the whole design)" : "the whole design") + ", before -> after ("
                        + ResourceEstimate.DISCLAIMER + "):");
                log.info("    " + describe(before.total()) + "  ->  " + describe(after.total()));
            }
            return new FifoOptimizationResult(depths, false, profile, verification, before, after);
        }

        private Map<String, Integer> currentDepths(String cppText, String verilogText, List<String> names) {
            Map<String, Integer> pragmas = DepthRewriter.pragmaDepths(cppText);
            Map<String, Integer> consts = DepthRewriter.verilogDepths(verilogText);
            Map<String, Integer> out = new LinkedHashMap<>();
            for (String n : names) {
                Integer p = pragmas.get(n);
                Integer v = consts.get(n);
                if (p == null || v == null || !p.equals(v)) {
                    throw new ConfigurationException("the project " + prj + " is inconsistent: stream " + n + " has "
                            + (p == null ? "no pragma" : "depth " + p) + " in " + prj.relativize(cpp) + " and "
                            + (v == null ? "no depth constant" : "depth " + v) + " in " + prj.relativize(verilog)
                            + "; run hls4ml:generate again (e.g. mvn clean verify)");
                }
                out.put(n, p);
            }
            return out;
        }

        private String hash() throws IOException {
            Path input = prj.resolve("tb_data").resolve("tb_input_features.dat");
            ContentHash h = new ContentHash()
                    .add("format", "fifo-opt-1")
                    .add("generated", Stamp.read(prj.resolve(".hls4ml/generate.sha256")).orElse("unknown"))
                    .add("flow", request.flow())
                    .add("profiling", Integer.toString(request.profilingDepth()))
                    .add("engine", ENGINE)
                    .add("flags", o.verilatorFlags() == null ? List.of() : o.verilatorFlags())
                    .add("watchdog", String.valueOf(o.watchdogCycles()));
            if (Files.isRegularFile(input)) {
                h.addFile("input", input);
            }
            return h.hex();
        }

        private FifoDepths readPrevious() {
            if (!Files.isRegularFile(depthsFile)) {
                return null;
            }
            try {
                return FifoDepths.read(depthsFile);
            } catch (IOException | RuntimeException e) {
                log.warn("FIFO depth optimization: ignoring " + depthsFile + " (" + e.getMessage() + ")");
                return null;
            }
        }

        /** The profiling copy: the project's RTL with the profiling depths, its test inputs and csim results. */
        private void prepareProfile(String verilogText, Map<String, Integer> depths) throws IOException {
            Path rtlCopy = profileDir.resolve("rtl");
            Path rtlDir = prj.resolve("rtl");
            List<Path> sources;
            try (Stream<Path> s = Files.list(rtlDir)) {
                sources = s.filter(Files::isRegularFile).sorted().toList();
            }
            if (Files.isDirectory(rtlCopy)) {
                try (Stream<Path> s = Files.list(rtlCopy)) {
                    for (Path p : s.toList()) {
                        if (Files.notExists(rtlDir.resolve(p.getFileName().toString()))) {
                            Files.delete(p);
                        }
                    }
                }
            }
            for (Path src : sources) {
                Path dst = rtlCopy.resolve(src.getFileName().toString());
                if (src.equals(verilog)) {
                    FileWriting.writeIfChanged(dst, DepthRewriter.rewriteVerilog(verilogText, depths,
                            prj.relativize(verilog).toString()));
                } else {
                    FileWriting.writeIfChanged(dst, Files.readAllBytes(src));
                }
            }
            for (String f : List.of("tb_input_features.dat", "csim_results.log")) {
                Path src = prj.resolve("tb_data").resolve(f);
                if (Files.isRegularFile(src)) {
                    FileWriting.writeIfChanged(profileDir.resolve("tb_data").resolve(f), Files.readAllBytes(src));
                } else {
                    Files.deleteIfExists(profileDir.resolve("tb_data").resolve(f));
                }
            }
        }

        private CosimResult cosim(Path dir, List<RtlFacts.Fifo> fifos) {
            return cosimulator.cosim(o.request(dir, rtl.top(), fifos, log));
        }

        private List<RtlFacts.Fifo> withDepths(Map<String, Integer> depths) {
            return withDepthsFacts(depths).fifos();
        }

        private RtlFacts withDepthsFacts(Map<String, Integer> depths) {
            List<RtlFacts.Fifo> fifos = new ArrayList<>();
            for (RtlFacts.Fifo f : rtl.fifos()) {
                fifos.add(new RtlFacts.Fifo(f.name(), f.instancePath(), depths.getOrDefault(f.name(), f.depth()),
                        f.width()));
            }
            return new RtlFacts(rtl.top(), rtl.unsupported(), fifos, rtl.layerModules());
        }

        private Hls4mlException failure(String what, Exception cause) {
            String msg = "FIFO depth optimization (" + request.flow() + ") of " + manifest.projectName() + ": " + what
                    + "\nThe project keeps its previous FIFO depths.";
            if (cause instanceof ConfigurationException) {
                return new ConfigurationException(msg, cause);
            }
            if (cause instanceof ToolException) {
                return new ToolException(msg, cause);
            }
            return new SimulationFailureException(msg, cause);
        }

        private void restore(String cppText, String verilogText, String manifestText) {
            try {
                write(cpp, cppText);
                write(verilog, verilogText);
                write(manifestFile, manifestText);
            } catch (IOException e) {
                log.warn("FIFO depth optimization: could not restore " + prj + " (" + e + "); run hls4ml:generate"
                        + " again (mvn clean verify)");
            }
        }

        private void write(Path file, String text) throws IOException {
            FileWriting.writeIfChanged(file, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Map<String, Object> totals(ResourceEstimate e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lut", e.total().lut());
        m.put("ff", e.total().ff());
        m.put("lutram", e.total().lutram());
        m.put("bram18", e.total().bram18());
        m.put("bram36", e.total().bram36());
        m.put("dsp", e.total().dsp());
        return m;
    }

    private static String describe(ResourceEstimate.Resources r) {
        return String.format(Locale.ROOT, "LUT %d, FF %d, LUTRAM %d, BRAM18 %d, BRAM36 %d, DSP %d", r.lut(), r.ff(),
                r.lutram(), r.bram18(), r.bram36(), r.dsp());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
