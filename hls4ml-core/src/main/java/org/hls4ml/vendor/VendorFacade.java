package org.hls4ml.vendor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.SimulationFailureException;
import org.hls4ml.api.ToolException;
import org.hls4ml.sim.PredictionComparison;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.writer.ProjectManifest;

/**
 * The vendor tier: the generated {@code build_prj.tcl} run by Vivado HLS or Vitis HLS, step by step
 * ({@link VendorRunner}), with the results checked and the reports parsed. Reports through the listener.
 *
 * <p>Typical use (what the goals do):
 * <pre>{@code
 * Optional<VendorTool> tool = VendorFacade.engine(options, log);   // empty: use the open tools
 * tool.ifPresent(t -> VendorFacade.export(options, t, log));       // synth (if needed) + export_design
 * }</pre>
 */
public final class VendorFacade {

    private VendorFacade() {
    }

    /**
     * Decides the engine for the project: the vendor tool to run, or empty when the open tools are to run (engine
     * open, or auto without a vendor tool).
     *
     * @throws ToolException          engine vendor and no tool, listing every place searched
     * @throws ConfigurationException the project was not generated
     */
    public static Optional<VendorTool> engine(VendorOptions o, ProgressListener log) {
        Objects.requireNonNull(o, "options");
        ProjectManifest m = ProjectManifest.read(o.projectDir());
        return new VendorTools(o.searchEnvironment(), log).choose(o.engine(), m.hlsTool(), o.vendorTool());
    }

    /**
     * The vendor C simulation ({@code csim=1 synth=0 cosim=0}); it must write {@code tb_data/csim_results.log}.
     */
    public static StepResult csim(VendorOptions o, VendorTool tool, ProgressListener log) {
        return new VendorRunner(tool, log).run(o.projectDir(), VendorStep.CSIM, o.timeout());
    }

    /**
     * The vendor C synthesis ({@code synth=1}); parses {@code <project>_csynth.xml} into {@code reports/csynth.json}
     * and logs latency, interval, clock and resources.
     *
     * @throws ToolException the synthesis failed or its report cannot be read
     */
    public static VendorSynthesis synth(VendorOptions o, VendorTool tool, ProgressListener log) {
        ProgressListener listener = listener(log);
        StepResult step = new VendorRunner(tool, listener).run(o.projectDir(), VendorStep.SYNTH, o.timeout());
        VendorProject prj = project(o);
        CsynthReport report;
        String source = prj.dir().relativize(prj.csynthXml()).toString().replace('\\', '/');
        try {
            report = CsynthReport.read(prj.csynthXml());
            report.write(prj.csynthJson(), source);
        } catch (IOException e) {
            throw new ToolException("vendor synth: cannot read its report " + prj.csynthXml() + ": " + e.getMessage()
                    + " (log: " + step.logFile() + ")", e);
        }
        listener.info("Vendor synthesis of " + prj.name() + " (reports/csynth.json):");
        report.table().lines().forEach(listener::info);
        return new VendorSynthesis(step, report, prj.csynthJson());
    }

    /**
     * The vendor C/RTL co-simulation: synthesis, then the co-simulation with build_prj.tcl's validation;
     * {@code tb_data/rtl_cosim_results.log} must equal {@code tb_data/csim_results.log}, value for value. When the
     * project's flows ask for the FIFO depth optimization, the vendor tool carries it out first
     * ({@link VendorFifoOptimizer}: profile at the profiling depth, resize to max + 1, and these two steps verify the
     * resized design).
     *
     * @throws ConfigurationException     no C simulation results (run hls4ml:csim first)
     * @throws ToolException              a step failed
     * @throws SimulationFailureException the co-simulation results differ from the C simulation's
     */
    public static VendorCosimOutcome cosim(VendorOptions o, VendorTool tool, ProgressListener log) {
        ProgressListener listener = listener(log);
        VendorProject prj = project(o);
        ProjectManifest manifest = ProjectManifest.read(prj.dir());
        if (!Files.isRegularFile(prj.csimResults())) {
            throw new ConfigurationException("the C/RTL co-simulation compares with the C simulation, but "
                    + prj.csimResults() + " does not exist; run hls4ml:csim first (it is bound to compile)");
        }
        if (manifest.fifoOptimization() != null) {
            return new VendorFifoOptimizer(o, tool, listener).run();
        }
        return synthAndCosim(o, tool, listener);
    }

    /** Synthesis, then the co-simulation with validation, compared with the C simulation. */
    static VendorCosimOutcome synthAndCosim(VendorOptions o, VendorTool tool, ProgressListener log) {
        VendorProject prj = project(o);
        VendorSynthesis synthesis = synth(o, tool, log);
        StepResult cosim = cosimStep(new VendorRunner(tool, log), prj, VendorStep.COSIM, o);
        PredictionComparison cmp = compareResults(prj, cosim.logFile(), null);
        log.info("Vendor C/RTL co-simulation equals the C simulation on " + cmp.samples() + " samples");
        return new VendorCosimOutcome(synthesis, null, null, cosim, cmp);
    }

    /**
     * Runs a co-simulation step; when it fails because build_prj.tcl's validation found different results, the
     * failure is the design's ({@link SimulationFailureException}, naming the first difference), not the tool's.
     */
    static StepResult cosimStep(VendorRunner runner, VendorProject prj, VendorStep step, VendorOptions o) {
        try {
            return runner.run(prj.dir(), step, o.timeout());
        } catch (ToolException e) {
            if (Files.isRegularFile(prj.cosimResults()) && Files.isRegularFile(prj.csimResults())) {
                compareResults(prj, step.logFile(prj.dir()), e);
            }
            throw e;
        }
    }

    /** rtl_cosim_results.log against csim_results.log: identical, or a {@link SimulationFailureException}. */
    static PredictionComparison compareResults(VendorProject prj, Path log, Exception cause) {
        PredictionComparison cmp;
        try {
            cmp = PredictionComparison.compare(prj.cosimResults(), prj.csimResults());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare " + prj.cosimResults() + " with " + prj.csimResults(), e);
        }
        if (!cmp.exactMatch()) {
            throw new SimulationFailureException("the vendor C/RTL co-simulation differs from the C simulation: "
                    + cmp.firstDifference().or(cmp::shapeMismatch).orElse(cmp.describe()) + " (log: " + log + ")",
                    cause);
        }
        return cmp;
    }

    /**
     * Packages the synthesized design as an IP ({@code export=1}, {@code export_design -format ip_catalog}),
     * synthesizing first when the synthesis is not up to date.
     *
     * @throws ToolException a step failed or wrote no zip
     */
    public static VendorExport export(VendorOptions o, VendorTool tool, ProgressListener log) {
        ProgressListener listener = listener(log);
        VendorSynthesis synthesis = synth(o, tool, listener);
        StepResult step = new VendorRunner(tool, listener).run(o.projectDir(), VendorStep.EXPORT, o.timeout());
        VendorProject prj = project(o);
        return new VendorExport(synthesis, step, step.output(), Files.isDirectory(prj.ipDir()) ? prj.ipDir() : null);
    }

    static VendorProject project(VendorOptions o) {
        Path dir = o.projectDir().toAbsolutePath().normalize();
        return new VendorProject(dir, ProjectManifest.read(dir).projectName());
    }

    private static ProgressListener listener(ProgressListener log) {
        return log == null ? ProgressListener.NONE : log;
    }
}
