package org.hls4ml.vendor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.Hls4mlException;
import org.hls4ml.api.ToolException;
import org.hls4ml.fifo.FifoDepths;
import org.hls4ml.fifo.FifoOptimizationResult;
import org.hls4ml.fifo.FifoProject;
import org.hls4ml.fifo.VendorFifoProfile;
import org.hls4ml.tools.ContentHash;
import org.hls4ml.tools.ProgressListener;

/**
 * The FIFO depth optimization with the vendor tool, the way hls4ml's own vivado flow does it, checked the way the open
 * engine's ({@link org.hls4ml.fifo.FifoDepthOptimizer}) is:
 * <ol>
 *   <li>every inter-layer stream's {@code #pragma HLS STREAM variable=<s> depth=} in {@code firmware/<project>.cpp}
 *       is set to the profiling depth (a profiling depth of 0 keeps the current depths);</li>
 *   <li>synthesis, then the co-simulation with FIFO profiling ({@link VendorStep#FIFO_PROFILE}): Vivado HLS's
 *       {@code fifo_opt.vcd} or Vitis HLS's channel profile, read ({@link VendorFifoProfile}) into each stream's
 *       maximum occupancy;</li>
 *   <li>each depth becomes max + 1: in the pragmas and, where the project has its RTL design, in the Verilog constants
 *       and the manifest (the files the open engine rewrites);</li>
 *   <li>verify: synthesis and the co-simulation with validation of the resized design; its results must equal the C
 *       simulation's.</li>
 * </ol>
 * A failure of any step (a tool failure, differing results, an unreadable profile, a stream missing from it) puts the
 * files back as they were. {@code fifo_depths.json} (engine {@code vivado_hls} or {@code vitis_hls}) is written only
 * after the verification; besides the depths it holds the worst-case latency and maximum interval of the synthesis
 * reports at the profiling and at the optimized depths ({@code null} where a report gives none). A second run with the
 * same inputs profiles nothing (stamp {@link FifoProject#STAMP}), and its synthesis and co-simulation are up to date.
 */
final class VendorFifoOptimizer {

    private final VendorOptions o;
    private final VendorTool tool;
    private final ProgressListener log;
    private final FifoProject project;
    private final VendorProject prj;

    VendorFifoOptimizer(VendorOptions o, VendorTool tool, ProgressListener log) {
        this.o = o;
        this.tool = tool;
        this.log = log;
        this.project = FifoProject.open(o.projectDir(), tool.engineName(), log);
        this.prj = new VendorProject(project.dir(), project.manifest().projectName());
    }

    VendorCosimOutcome run() {
        try {
            return execute();
        } catch (IOException e) {
            throw new UncheckedIOException("FIFO depth optimization of " + prj.dir() + " failed: " + e, e);
        }
    }

    private VendorCosimOutcome execute() throws IOException {
        String flow = project.request().flow();
        List<String> names = project.pragmaStreams();
        project.requireStreams(names, " (no #pragma HLS STREAM in firmware/" + prj.name() + ".cpp)");
        Map<String, Integer> current = project.currentDepths(names);
        String toolId = new ContentHash().add("kind", tool.kind().name()).add("tool", tool.executable().toString())
                .addFileMetadata("tool-binary", tool.executable()).hex();
        String hash = project.hash(h -> h.add("tool", toolId));
        FifoProject.Baseline baseline = project.baseline(hash, current);
        if (baseline.upToDate() != null) {
            return VendorFacade.synthAndCosim(o, tool, log).withFifo(null,
                    new FifoOptimizationResult(baseline.upToDate(), true, null, null, null, null));
        }
        Map<String, Integer> initial = baseline.initial();
        log.info("FIFO depth optimization (" + flow + "): profiling " + names.size() + " FIFOs at "
                + project.profilingDepthText() + " with " + tool.describe() + " (synthesis, then the co-simulation"
                + " with fifo_opt=1)");

        VendorSynthesis profiled;
        StepResult profile;
        FifoDepths measured;
        VendorCosimOutcome verified;
        try {
            project.rewritePragmas(project.profilingDepths(initial));
            profiled = step("the synthesis at the profiling depths failed", () -> VendorFacade.synth(o, tool, log));
            profile = step("the profiling co-simulation (every inter-layer FIFO at " + project.profilingDepthText()
                    + ") failed", () -> VendorFacade.cosimStep(new VendorRunner(tool, log), prj,
                    VendorStep.FIFO_PROFILE, o));
            measured = project.resize(initial, occupancy(profile, names));
            measured.fifos().forEach((n, e) -> {
                if (project.request().profilingDepth() > 0 && e.maxOccupancy() >= project.request().profilingDepth()) {
                    project.warnSaturated(n, "filled up");
                }
            });
            project.rewrite(measured.optimized());
            verified = step("the verification of the resized design failed",
                    () -> VendorFacade.synthAndCosim(o, tool, log));
        } catch (RuntimeException | IOException e) {
            project.restore();
            throw e;
        }

        CsynthReport before = profiled.report();
        CsynthReport after = verified.synthesis().report();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("interval_cycles", pair(before.intervalMax(), after.intervalMax()));
        extra.put("latency_cycles", pair(before.latencyWorst(), after.latencyWorst()));
        extra.put("timing_source", "csynth");
        extra.put("profile", project.relative(profile.output()));
        FifoDepths depths = measured.withExtra(extra);
        project.finish(depths, hash, ", profile " + project.relative(profile.output()));
        log.info("  interval " + after.intervalMax() + " cycles (profiling " + before.intervalMax() + "), latency "
                + after.latencyWorst() + " cycles (profiling " + before.latencyWorst() + "), from the synthesis reports");
        if (before.intervalMax() != null && after.intervalMax() != null && after.intervalMax() > before.intervalMax()) {
            log.warn("FIFO depth optimization: the synthesis report gives the resized design a longer interval ("
                    + after.intervalMax() + " cycles) than at the profiling depths (" + before.intervalMax() + ")");
        }
        return verified.withFifo(profile, new FifoOptimizationResult(depths, false, null, null, null, null));
    }

    /** Each stream's maximum occupancy in the profile the step wrote. */
    private Map<String, Integer> occupancy(StepResult profile, List<String> names) {
        Path file = profile.output();
        String source = project.relative(file);
        Map<String, VendorFifoProfile.Measured> instances;
        try {
            instances = tool.kind() == VendorTool.Kind.VIVADO_HLS ? VendorFifoProfile.readVcd(file)
                    : VendorFifoProfile.readVitisChannels(file);
        } catch (IOException e) {
            throw project.failure("cannot read the FIFO profile " + source + " (" + e.getMessage() + "; log "
                    + profile.logFile() + "); run hls4ml:cosim again, and if that does not help, this version of "
                    + tool.kind().program() + " writes a profile this plugin does not read: remove "
                    + project.request().flow() + " from Flows", new ToolException(e.getMessage(), e));
        }
        try {
            return VendorFifoProfile.assign(instances, names, source);
        } catch (ConfigurationException e) {
            throw project.failure(e.getMessage() + ". If " + tool.kind().program() + " renamed or removed that"
                    + " stream's FIFO, remove " + project.request().flow() + " from Flows; otherwise run"
                    + " hls4ml:generate again", e);
        }
    }

    private <T> T step(String what, Supplier<T> step) {
        try {
            return step.get();
        } catch (Hls4mlException e) {
            throw project.failure(what + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> pair(Long profiling, Long optimized) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profiling", profiling);
        m.put("optimized", optimized);
        return m;
    }
}
