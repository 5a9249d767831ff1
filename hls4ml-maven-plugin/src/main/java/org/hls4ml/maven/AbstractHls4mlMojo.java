package org.hls4ml.maven;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.Hls4mlException;
import org.hls4ml.api.SimulationFailureException;
import org.hls4ml.vendor.Engine;
import org.hls4ml.vendor.VendorOptions;

/**
 * Parameters shared by every goal: what the model is and how it is converted. They use hls4ml's names; each one
 * overrides the same setting of the configuration file ({@code <config>}).
 */
abstract class AbstractHls4mlMojo extends AbstractMojo {

    static {
        // The HDF5 reader logs every group it opens at INFO through SLF4J, which Maven prints: about 30 lines per
        // weights file. Maven's SLF4J provider reads logger levels from system properties when a logger is made, so
        // this quiets it unless the user asked otherwise (-Dorg.slf4j.simpleLogger.log.io.jhdf=info).
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.io.jhdf", "warn");
    }

    /** Keras model: architecture {@code .json} (with {@code <weights>}) or full-model {@code .h5}. Default: {@code KerasJson}/{@code KerasModel} of the config. */
    @Parameter(property = Hls4mlProperties.MODEL)
    protected File model;

    /** Keras weights {@code .h5} of a JSON model. Default: {@code KerasH5} of the config. */
    @Parameter(property = Hls4mlProperties.WEIGHTS)
    protected File weights;

    /** hls4ml configuration file (YAML or JSON), read as hls4ml writes it. */
    @Parameter(property = Hls4mlProperties.CONFIG)
    protected File config;

    /** {@code Vivado} or {@code Vitis} (config: {@code Backend}, default Vivado). */
    @Parameter(property = Hls4mlProperties.BACKEND)
    protected String backend;

    /** {@code io_parallel} or {@code io_stream} (config: {@code IOType}, default io_parallel). */
    @Parameter(property = Hls4mlProperties.IO_TYPE)
    protected String ioType;

    /** Name of the top function and project (config: {@code ProjectName}, default myproject). */
    @Parameter(property = Hls4mlProperties.PROJECT_NAME)
    protected String projectName;

    /** FPGA part (config: {@code Part}). */
    @Parameter(property = Hls4mlProperties.PART)
    protected String part;

    /** Clock period in ns (config: {@code ClockPeriod}, default 5). */
    @Parameter(property = Hls4mlProperties.CLOCK_PERIOD)
    protected String clockPeriod;

    /** Test bench inputs, one sample a line (config: {@code InputData}); copied to {@code tb_data/tb_input_features.dat}. */
    @Parameter(property = Hls4mlProperties.INPUT_DATA)
    protected File inputData;

    /** Expected outputs, one sample a line (config: {@code OutputPredictions}); csim compares with them. */
    @Parameter(property = Hls4mlProperties.OUTPUT_PREDICTIONS)
    protected File outputPredictions;

    /** Extra flows applied after the backend's default flow (config: {@code Flows}), e.g. {@code vivado:fifo_depth_optimization}. */
    @Parameter(property = Hls4mlProperties.FLOWS)
    protected List<String> flows;

    /** Model-wide default precision (config: {@code HLSConfig.Model.Precision}), e.g. {@code ap_fixed<16,6>}. */
    @Parameter(property = Hls4mlProperties.PRECISION)
    protected String precision;

    /** Model-wide reuse factor (config: {@code HLSConfig.Model.ReuseFactor}). */
    @Parameter(property = Hls4mlProperties.REUSE_FACTOR)
    protected Integer reuseFactor;

    /** Model-wide strategy, {@code Latency} or {@code Resource} (config: {@code HLSConfig.Model.Strategy}). */
    @Parameter(property = Hls4mlProperties.STRATEGY)
    protected String strategy;

    /**
     * Parameters of configurable optimizer passes, each {@code pass:name.parameter=value}, e.g.
     * {@code output_rounding_saturation_mode.layers=Activation} (config: {@code PassConfig}).
     */
    @Parameter(property = Hls4mlProperties.PASS_CONFIG)
    protected List<String> passConfig;

    /** Where projects are written: {@code <outputDirectory>/<ProjectName>}. */
    @Parameter(property = Hls4mlProperties.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}/hls4ml")
    protected File outputDirectory;

    /** Dump the model graph after every optimizer pass into {@code <outputDirectory>/graph-dumps}. */
    @Parameter(property = Hls4mlProperties.DUMP_GRAPH, defaultValue = "false")
    protected boolean dumpGraph;

    /**
     * Which tools simulate and synthesize: {@code auto} (the vendor tool when the project's {@code vivado_hls} or
     * {@code vitis_hls} is found, else the open tools), {@code vendor} (the vendor tool; fails naming every place
     * searched when it is missing) or {@code open} (g++ and Verilator, even with a vendor tool installed).
     */
    @Parameter(property = Hls4mlProperties.ENGINE, defaultValue = "auto")
    protected String engine;

    /**
     * The vendor program ({@code vivado_hls}, {@code vitis_hls} or {@code vitis-run}). Searched: this parameter, then
     * the {@code bin} folder of {@code $XILINX_HLS}, {@code $XILINX_VIVADO}, {@code $XILINX_VITIS}, then PATH.
     */
    @Parameter(property = Hls4mlProperties.VENDOR_TOOL)
    protected File vendorTool;

    /** Time limit in seconds of each vendor step (csim, synthesis, co-simulation, export), each. */
    @Parameter(property = Hls4mlProperties.VENDOR_TIMEOUT, defaultValue = "14400")
    protected int vendorTimeout;

    /** Skip every hls4ml goal. */
    @Parameter(property = Hls4mlProperties.SKIP, defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    protected PluginDescriptor plugin;

    /** Whether every hls4ml goal is skipped ({@code <skip>}); says so in the log when it is. */
    protected boolean skipped() {
        if (skip) {
            getLog().info("hls4ml: skipped (" + Hls4mlProperties.SKIP + ")");
        }
        return skip;
    }

    /** One immutable request from the parameters. */
    protected GenerateRequest request() throws MojoExecutionException {
        GenerateRequest.Builder b = GenerateRequest.builder()
                .model(path(model))
                .weights(path(weights))
                .config(path(config))
                .outputDirectory(outputDirectory.toPath())
                .baseDir(project.getBasedir().toPath())
                .backend(backend)
                .ioType(ioType)
                .projectName(projectName)
                .set("Part", part)
                .set("ClockPeriod", clockPeriod)
                .inputData(path(inputData))
                .outputPredictions(path(outputPredictions))
                .flows(flows == null ? null : splitAll(flows))
                .precision(precision)
                .reuseFactor(reuseFactor)
                .strategy(strategy)
                .version(project.getVersion())
                .toolVersion(toolVersion())
                .dumpDir(dumpGraph ? outputDirectory.toPath().resolve("graph-dumps") : null);
        if (passConfig != null) {
            for (String entry : splitAll(passConfig)) {
                int eq = entry.indexOf('=');
                int dot = eq < 0 ? -1 : entry.lastIndexOf('.', eq);
                if (eq < 0 || dot < 0) {
                    throw new MojoExecutionException("<passConfig> entry '" + entry
                            + "' must look like pass_name.parameter=value, e.g. output_rounding_saturation_mode.layers=Activation");
                }
                b.passParameter(entry.substring(0, dot).trim(), entry.substring(dot + 1, eq).trim(), entry.substring(eq + 1).trim());
            }
        }
        return b.build();
    }

    /**
     * The engine settings for a generated project; call it inside {@link #call}, which turns a bad setting into an
     * execution error.
     *
     * @throws ConfigurationException an unknown engine or a timeout that is not positive
     */
    protected VendorOptions vendorOptions(java.nio.file.Path projectDir) {
        if (vendorTimeout <= 0) {
            throw new ConfigurationException("<vendorTimeout> (-D" + Hls4mlProperties.VENDOR_TIMEOUT
                    + ") must be a positive number of seconds, got " + vendorTimeout);
        }
        return new VendorOptions(projectDir, Engine.parse(engine), path(vendorTool), Duration.ofSeconds(vendorTimeout));
    }

    private String toolVersion() {
        String v = plugin.getVersion();
        File jar = plugin.getPluginArtifact() == null ? null : plugin.getPluginArtifact().getFile();
        if (v != null && v.endsWith("-SNAPSHOT") && jar != null) {
            v += "@" + jar.length() + ":" + jar.lastModified();
        }
        return v;
    }

    private static List<String> splitAll(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String s : v.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    private static java.nio.file.Path path(File f) {
        return f == null ? null : f.toPath();
    }

    /** Runs core work, mapping a failed design to a build failure and anything else to an execution error. */
    protected <T> T call(CoreCall<T> work) throws MojoExecutionException, MojoFailureException {
        try {
            return work.run();
        } catch (SimulationFailureException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (Hls4mlException | java.io.UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** A call into the core. */
    @FunctionalInterface
    protected interface CoreCall<T> {
        T run() throws java.io.IOException;
    }
}
