package org.hls4ml.maven;

import java.io.File;
import java.time.Duration;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.hls4ml.api.CsimOptions;
import org.hls4ml.api.Hls4ml;

/**
 * Compiles the generated project with g++ against the bundled {@code ap_fixed}/{@code ap_int}/{@code hls_stream}
 * headers (or a vendor include directory) and runs its test bench over {@code tb_data/tb_input_features.dat}, writing
 * {@code tb_data/csim_results.log}. With the vendor engine ({@code <engine>}: {@code vendor}, or {@code auto} with
 * {@code vivado_hls}/{@code vitis_hls} installed) the vendor tool runs {@code build_prj.tcl} with
 * {@code csim=1 synth=0 cosim=0} instead (log {@code build/vendor/csim.log}). With predictions, logs max |diff| and
 * argmax agreement and enforces the optional thresholds. Recompiles and re-runs only what changed.
 */
@Mojo(name = "csim", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class CsimMojo extends AbstractHls4mlMojo {

    /** The C++ compiler. Searched: this parameter, then {@code HLS4ML_GXX}, then {@code CXX}, then {@code g++} on PATH. */
    @Parameter(property = Hls4mlProperties.GXX)
    private File gxx;

    /** Compiler flags (default {@code -O2 -std=c++14 -Wno-unknown-pragmas}). */
    @Parameter(property = Hls4mlProperties.CXX_FLAGS)
    private List<String> cxxFlags;

    /** Xilinx include directory to compile against instead of the bundled ap types. */
    @Parameter(property = Hls4mlProperties.VENDOR_INCLUDE_DIR)
    private File vendorIncludeDir;

    /** Time limit in seconds for each compile and for the simulation run. */
    @Parameter(property = Hls4mlProperties.CSIM_TIMEOUT, defaultValue = "600")
    private int csimTimeout;

    /** Fail when any output differs from {@code <outputPredictions>} by more than this. */
    @Parameter(property = Hls4mlProperties.CSIM_MAX_ABS_DIFF)
    private Double csimMaxAbsDiff;

    /** Fail when the share of samples whose argmax agrees with {@code <outputPredictions>} is below this (0..1). */
    @Parameter(property = Hls4mlProperties.CSIM_MIN_ARGMAX_AGREEMENT)
    private Double csimMinArgmaxAgreement;

    /** Skip the C simulation only. */
    @Parameter(property = Hls4mlProperties.CSIM_SKIP, defaultValue = "false")
    private boolean skipCsim;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipCsim) {
            getLog().info("hls4ml: C simulation skipped (" + (skip ? Hls4mlProperties.SKIP : Hls4mlProperties.CSIM_SKIP) + ")");
            return;
        }
        if (csimTimeout <= 0) {
            throw new MojoExecutionException("<csimTimeout> (-D" + Hls4mlProperties.CSIM_TIMEOUT
                    + ") must be a positive number of seconds, got " + csimTimeout);
        }
        MavenProgressListener log = new MavenProgressListener(getLog());
        var request = request();
        call(() -> {
            var projectDir = Hls4ml.projectDir(request);
            return Hls4ml.csim(new CsimOptions(projectDir, gxx == null ? null : gxx.toPath(), cxxFlags,
                    vendorIncludeDir == null ? null : vendorIncludeDir.toPath(), Duration.ofSeconds(csimTimeout),
                    csimMaxAbsDiff, csimMinArgmaxAgreement), vendorOptions(projectDir), log);
        });
    }
}
