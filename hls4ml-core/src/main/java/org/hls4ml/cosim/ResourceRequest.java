package org.hls4ml.cosim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.hls4ml.tools.ProgressListener;

/**
 * What {@link ResourceEstimator#estimate} synthesizes.
 *
 * @param projectDir   the generated project, with {@code rtl/files.f} and the Verilog it lists
 * @param top          the top module
 * @param layerModules modules estimated one by one as well (the layers); empty for the top only
 * @param yosys        explicit yosys; null: {@code $HLS4ML_YOSYS}, then {@code yosys} on PATH
 * @param timeout      limit for the whole yosys run; default {@link #DEFAULT_TIMEOUT}
 * @param listener     where progress goes
 * @param glueOnly     only the top with the layer modules as black boxes (its FIFOs and glue logic): the layers are
 *                     not synthesized, the total is the glue's, and {@code reports/resources.json} (the whole
 *                     design's report) is left alone. What the FIFO depth optimization compares before and after.
 */
public record ResourceRequest(Path projectDir, String top, List<String> layerModules, Path yosys, Duration timeout,
                              ProgressListener listener, boolean glueOnly) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    public ResourceRequest {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(top, "top");
        layerModules = List.copyOf(layerModules == null ? List.of() : layerModules);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        listener = listener == null ? ProgressListener.NONE : listener;
    }

    /** The whole design: every layer module and the glue. */
    public ResourceRequest(Path projectDir, String top, List<String> layerModules, Path yosys, Duration timeout,
                           ProgressListener listener) {
        this(projectDir, top, layerModules, yosys, timeout, listener, false);
    }

    /** The same request for the FIFOs and glue only. */
    public ResourceRequest glue() {
        return new ResourceRequest(projectDir, top, layerModules, yosys, timeout, listener, true);
    }

    /** Build files and logs: {@code <projectDir>/build/resources}. */
    public Path buildDir() {
        return projectDir.resolve("build").resolve("resources");
    }
}
