package org.hls4ml.fifo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.hls4ml.cosim.CosimOptions;
import org.hls4ml.cosim.CosimReport;
import org.hls4ml.cosim.CosimResult;
import org.hls4ml.cosim.Cosimulator;
import org.hls4ml.cosim.ResourceEstimate;
import org.hls4ml.cosim.RtlFacts;
import org.hls4ml.tools.FileWriting;
import org.hls4ml.tools.ProgressListener;

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
 * written only after a successful verification. A second run with the same inputs profiles nothing. The project side
 * (the files that state the depths, the backup, the stamp, {@code fifo_depths.json}) is {@link FifoProject}'s, which
 * the vendor engine shares.
 */
public final class FifoDepthOptimizer {

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
        private final FifoProject project;
        private final Path prj;
        private final FifoOptimizationRequest request;
        private final RtlFacts rtl;
        private final Path profileDir;

        Run(CosimOptions o, Function<Path, ResourceEstimate> estimator, ProgressListener log) {
            this.o = o;
            this.estimator = estimator;
            this.log = log;
            this.project = FifoProject.open(o.projectDir(), ENGINE, log);
            this.prj = project.dir();
            this.request = project.request();
            this.rtl = project.manifest().rtl();
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
            this.profileDir = prj.resolve("build").resolve("fifo_opt").resolve("profile");
        }

        FifoOptimizationResult execute() throws IOException {
            List<String> names = rtl.fifos().stream().map(RtlFacts.Fifo::name).toList();
            project.requireStreams(names, "");
            Map<String, Integer> current = project.currentDepths(names);
            String hash = project.hash(h -> h
                    .add("flags", o.verilatorFlags() == null ? List.of() : o.verilatorFlags())
                    .add("watchdog", String.valueOf(o.watchdogCycles())));
            FifoProject.Baseline baseline = project.baseline(hash, current);
            if (baseline.upToDate() != null) {
                CosimResult verification = cosim(prj, rtl.fifos());
                return new FifoOptimizationResult(baseline.upToDate(), true, null, verification, null,
                        estimator == null ? null : estimator.apply(prj));
            }
            Map<String, Integer> initial = baseline.initial();

            ResourceEstimate before = estimator == null ? null : estimator.apply(prj);

            // 1. profile
            Map<String, Integer> profiling = project.profilingDepths(initial);
            log.info("FIFO depth optimization (" + request.flow() + "): profiling " + names.size()
                    + " FIFOs at " + project.profilingDepthText() + " in " + prj.relativize(profileDir));
            prepareProfile(profiling);
            CosimResult profile;
            try {
                profile = cosim(profileDir, rtl.withDepths(profiling).fifos());
            } catch (Hls4mlException e) {
                throw project.failure("the profiling co-simulation (every inter-layer FIFO at "
                        + project.profilingDepthText() + ") failed: " + e.getMessage()
                        + (e instanceof SimulationFailureException && e.getMessage().contains("deadlock")
                        ? "\nA larger profiling_fifo_depth may avoid the deadlock" : ""), e);
            }

            // 2. resize to max + 1
            Map<String, Integer> max = new LinkedHashMap<>();
            for (String n : names) {
                CosimReport.FifoStats s = profile.report().fifos().get(n);
                if (s == null) {
                    throw project.failure("the profiling co-simulation reported no occupancy for FIFO " + n
                            + " (it reported " + profile.report().fifos().keySet() + "); run hls4ml:generate again",
                            null);
                }
                if (s.fullCycles() > 0 && request.profilingDepth() > 0) {
                    project.warnSaturated(n, "was full for " + s.fullCycles() + " cycles");
                }
                max.put(n, s.maxOccupancy());
            }
            FifoDepths measured = project.resize(initial, max);
            Map<String, Integer> optimized = measured.optimized();

            // 3. verify; on any failure restore the project as it was
            CosimResult verification;
            ResourceEstimate after;
            try {
                project.rewrite(optimized);
                try {
                    verification = cosim(prj, rtl.withDepths(optimized).fifos());
                } catch (Hls4mlException e) {
                    throw project.failure("the co-simulation of the resized design failed: " + e.getMessage(), e);
                }
                double was = profile.report().intervalCycles();
                double now = verification.report().intervalCycles();
                if (verification.report().samples() >= 2 && now > was + 1e-9) {
                    throw project.failure(String.format(Locale.ROOT, "the resized design's interval got worse: %s"
                            + " cycles instead of %s with the FIFOs at the profiling depth", fmt(now), fmt(was)), null);
                }
                if (verification.report().samples() < 2) {
                    log.warn("FIFO depth optimization: with one test sample the interval cannot be compared; give"
                            + " InputData at least two samples");
                }
                after = estimator == null ? null : estimator.apply(prj);
            } catch (RuntimeException | IOException e) {
                project.restore();
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
            FifoDepths depths = measured.withExtra(extra);
            project.finish(depths, hash, ", profiling " + profile.summary());
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

        /** The profiling copy: the project's RTL with the profiling depths, its test inputs and csim results. */
        private void prepareProfile(Map<String, Integer> depths) throws IOException {
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
                if (src.equals(project.verilog())) {
                    FileWriting.writeIfChanged(dst, project.verilogWithDepths(depths));
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
