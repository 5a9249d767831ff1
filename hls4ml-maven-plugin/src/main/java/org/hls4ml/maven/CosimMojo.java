package org.hls4ml.maven;

import java.io.File;
import java.time.Duration;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.cosim.CosimOptions;
import org.hls4ml.cosim.CosimOutcome;

/**
 * RTL co-simulation: Verilator builds the project's Verilog ({@code rtl/}) with its C++ test bench, streams
 * {@code tb_data/tb_input_features.dat} through it and writes {@code tb_data/rtl_cosim_results.log}, which must equal
 * the C simulation's {@code tb_data/csim_results.log} value for value (run {@code hls4ml:csim} first). A deadlock
 * fails the build naming every FIFO's state. Logs latency, interval and FIFO occupancy ({@code reports/cosim.json}),
 * and, with {@code <resourceEstimate>}, a yosys {@code synth_xilinx} resource estimate ({@code reports/resources.json}).
 * With the vendor engine ({@code <engine>}: {@code vendor}, or {@code auto} with {@code vivado_hls}/{@code vitis_hls}
 * installed) the vendor tool runs {@code build_prj.tcl} instead: synthesis ({@code reports/csynth.json}) and the C/RTL
 * co-simulation with validation, one process and one log ({@code build/vendor/<step>.log}) per step. With the FIFO
 * depth optimization flow either engine profiles every inter-layer FIFO at the profiling depth (the vendor engine:
 * synthesis and a co-simulation with FIFO profiling), sets each depth to its maximum occupancy + 1, verifies the resized
 * design by co-simulation and writes {@code fifo_depths.json}, naming the engine; a failure restores the previous
 * depths. Rebuilds and re-runs only what changed.
 * When {@code hls4ml:ip} packaged the design earlier in the build, its zip is rebuilt, by the engine that packaged it,
 * if the co-simulation changed what it holds (FIFO depths, reports).
 */
@Mojo(name = "cosim", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class CosimMojo extends AbstractHls4mlMojo {

    /** Verilator. Searched: this parameter, then {@code HLS4ML_VERILATOR}, then {@code verilator} on PATH. */
    @Parameter(property = Hls4mlProperties.VERILATOR)
    private File verilator;

    /** yosys, for the resource estimate. Searched: this parameter, then {@code HLS4ML_YOSYS}, then PATH. */
    @Parameter(property = Hls4mlProperties.YOSYS)
    private File yosys;

    /** Verilator flags besides the structural ones (default {@code -O3 -j 2 -CFLAGS -O1 -MAKEFLAGS OPT_FAST=-O1 -MAKEFLAGS VM_PARALLEL_BUILDS=0}). */
    @Parameter(property = Hls4mlProperties.VERILATOR_FLAGS)
    private List<String> verilatorFlags;

    /** Time limit in seconds for the Verilator build, the simulation run and the yosys run, each. */
    @Parameter(property = Hls4mlProperties.COSIM_TIMEOUT, defaultValue = "1800")
    private int cosimTimeout;

    /** The test bench declares a deadlock when no stream beat moves for this many clock cycles. */
    @Parameter(property = Hls4mlProperties.WATCHDOG_CYCLES, defaultValue = "100000")
    private long watchdogCycles;

    /**
     * Estimate LUT/FF/BRAM/DSP with yosys {@code synth_xilinx} after the co-simulation (an estimate, not a Vivado
     * figure). Off by default: yosys needs minutes per layer for large fully parallel Dense layers (about 80 s for a
     * 32x32 layer at ReuseFactor 1 on 2 cores).
     */
    @Parameter(property = Hls4mlProperties.RESOURCE_ESTIMATE, defaultValue = "false")
    private boolean resourceEstimate;

    /** Skip the co-simulation only. */
    @Parameter(property = Hls4mlProperties.COSIM_SKIP, defaultValue = "false")
    private boolean skipCosim;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipCosim) {
            getLog().info("hls4ml: RTL co-simulation skipped (" + (skip ? Hls4mlProperties.SKIP : Hls4mlProperties.COSIM_SKIP) + ")");
            return;
        }
        if (cosimTimeout <= 0 || watchdogCycles <= 0) {
            throw new MojoExecutionException("<cosimTimeout> (-D" + Hls4mlProperties.COSIM_TIMEOUT + ") and <watchdogCycles> (-D"
                    + Hls4mlProperties.WATCHDOG_CYCLES + ") must be positive, got " + cosimTimeout + " and " + watchdogCycles);
        }
        MavenProgressListener log = new MavenProgressListener(getLog());
        var request = request();
        CosimOutcome outcome = call(() -> {
            var projectDir = Hls4ml.projectDir(request);
            return Hls4ml.cosim(new CosimOptions(projectDir, null, verilator == null ? null : verilator.toPath(),
                    verilatorFlags, Duration.ofSeconds(cosimTimeout), watchdogCycles,
                    yosys == null ? null : yosys.toPath(), resourceEstimate), vendorOptions(projectDir), log);
        });
        // hls4ml:ip ran earlier in this build (package) and attached its zip: bring it up to date with the verified
        // design, i.e. the optimized FIFO depths and the co-simulation reports (the packager rewrites it only when
        // something it holds changed)
        if (project.getContextValue(IpMojo.REQUEST_KEY) instanceof IpMojo.Packaging ip) {
            if (outcome.fifo() != null && !outcome.fifo().upToDate()) {
                getLog().info("hls4ml: FIFO depths optimized; rebuilding the attached IP core from the optimized design");
            }
            call(() -> Hls4ml.ip(ip.request(), ip.vendor(), log));
        }
    }
}
