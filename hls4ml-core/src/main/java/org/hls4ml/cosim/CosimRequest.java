package org.hls4ml.cosim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.hls4ml.tools.ProgressListener;

/**
 * What {@link Cosimulator#cosim} builds and runs.
 *
 * @param projectDir     the generated project, with {@code rtl/files.f}, {@code rtl/*.v}, {@code rtl/tb_main.cpp},
 *                       {@code tb_data/tb_input_features.dat} and (from the C simulation) {@code tb_data/csim_results.log}
 * @param top            the top module; the Verilator model is {@code V<top>}
 * @param verilator      explicit Verilator; null: {@code $HLS4ML_VERILATOR}, then {@code verilator} on PATH
 * @param verilatorFlags the configurable part of the Verilator command; default {@link #DEFAULT_VERILATOR_FLAGS}
 * @param timeout        limit for the build and for the simulation run, each; default {@link #DEFAULT_TIMEOUT}
 * @param watchdogCycles the test bench declares a deadlock when no stream beat moves for this many cycles
 * @param fifos          the design's FIFOs (from the RTL backend), to name their instances in messages; may be empty
 * @param listener       where progress goes
 */
public record CosimRequest(Path projectDir, String top, Path verilator, List<String> verilatorFlags, Duration timeout,
                           long watchdogCycles, List<RtlFacts.Fifo> fifos, ProgressListener listener) {

    /**
     * The flags of the Verilator command a user may change ({@code <verilatorFlags>}); the structural arguments
     * ({@code --cc --exe --build --top-module -Mdir -f rtl/files.f rtl/tb_main.cpp}) are always added.
     * {@code VM_PARALLEL_BUILDS=0} compiles the generated model as one translation unit instead of one per file (each
     * of which parses the Verilator headers again), {@code OPT_FAST=-O1} compiles the model's evaluation code at -O1
     * instead of Verilator's -Os, {@code -CFLAGS -O1} the rest, {@code -j 2} the runtime files beside the model.
     * KERAS_3layer RF 1: 28 s of CPU instead of 51 s for the build, and its 10,000 samples simulate in 0.6 s instead of
     * 0.9 s (an -O0 build saves 4 s more of CPU but simulates 30 times slower).
     */
    public static final List<String> DEFAULT_VERILATOR_FLAGS = List.of("-O3", "-j", "2", "-CFLAGS", "-O1",
            "-MAKEFLAGS", "OPT_FAST=-O1", "-MAKEFLAGS", "VM_PARALLEL_BUILDS=0");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    public static final long DEFAULT_WATCHDOG_CYCLES = 100_000;

    public CosimRequest {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(top, "top");
        verilatorFlags = List.copyOf(verilatorFlags == null ? DEFAULT_VERILATOR_FLAGS : verilatorFlags);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (watchdogCycles <= 0) {
            throw new IllegalArgumentException("watchdogCycles must be positive, got " + watchdogCycles);
        }
        fifos = List.copyOf(fifos == null ? List.of() : fifos);
        listener = listener == null ? ProgressListener.NONE : listener;
    }

    public static Builder builder(Path projectDir, String top) {
        return new Builder(projectDir, top);
    }

    /** Where the build, the logs and the test bench's report go: {@code <projectDir>/build/cosim}. */
    public Path buildDir() {
        return projectDir.resolve("build").resolve("cosim");
    }

    public static final class Builder {
        private final Path projectDir;
        private final String top;
        private Path verilator;
        private List<String> verilatorFlags = DEFAULT_VERILATOR_FLAGS;
        private Duration timeout = DEFAULT_TIMEOUT;
        private long watchdogCycles = DEFAULT_WATCHDOG_CYCLES;
        private List<RtlFacts.Fifo> fifos = List.of();
        private ProgressListener listener = ProgressListener.NONE;

        private Builder(Path projectDir, String top) {
            this.projectDir = projectDir;
            this.top = top;
        }

        public Builder verilator(Path verilator) {
            this.verilator = verilator;
            return this;
        }

        public Builder verilatorFlags(List<String> flags) {
            this.verilatorFlags = flags;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder watchdogCycles(long cycles) {
            this.watchdogCycles = cycles;
            return this;
        }

        public Builder fifos(List<RtlFacts.Fifo> fifos) {
            this.fifos = fifos;
            return this;
        }

        public Builder listener(ProgressListener listener) {
            this.listener = listener;
            return this;
        }

        public CosimRequest build() {
            return new CosimRequest(projectDir, top, verilator, verilatorFlags, timeout, watchdogCycles, fifos,
                    listener);
        }
    }
}
