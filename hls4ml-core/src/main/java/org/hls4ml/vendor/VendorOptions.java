package org.hls4ml.vendor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the vendor tier ({@link VendorFacade}).
 *
 * @param projectDir  the generated project ({@code outputDirectory/<ProjectName>})
 * @param engine      auto, vendor or open
 * @param vendorTool  the vendor program to use ({@code vivado_hls}, {@code vitis_hls} or {@code vitis-run}), or null
 *                    to search {@code $XILINX_HLS/bin}, {@code $XILINX_VIVADO/bin}, {@code $XILINX_VITIS/bin}, PATH
 * @param timeout     the time limit of each step (csim, synth, cosim, export: each gets the whole limit); null for
 *                    {@link #DEFAULT_TIMEOUT}
 * @param environment the environment searched for the tool; null for this JVM's
 */
public record VendorOptions(Path projectDir, Engine engine, Path vendorTool, Duration timeout,
                            Map<String, String> environment) {

    /** Four hours a step: synthesis of a large model takes hours. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(4);

    public VendorOptions {
        Objects.requireNonNull(projectDir, "projectDir");
        engine = engine == null ? Engine.AUTO : engine;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the vendor step timeout must be positive, got " + timeout);
        }
        environment = environment == null ? null : Map.copyOf(environment);
    }

    /** This JVM's environment. */
    public VendorOptions(Path projectDir, Engine engine, Path vendorTool, Duration timeout) {
        this(projectDir, engine, vendorTool, timeout, null);
    }

    /** The environment the tools are searched in. */
    public Map<String, String> searchEnvironment() {
        return environment == null ? System.getenv() : environment;
    }
}
