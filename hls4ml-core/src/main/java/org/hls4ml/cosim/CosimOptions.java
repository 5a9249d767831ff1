package org.hls4ml.cosim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings of {@link CosimFacade#run}.
 *
 * @param projectDir       the generated project ({@code outputDirectory/<ProjectName>})
 * @param rtl              the RTL backend's facts; null to read them from the project's {@code hls4ml-project.json}
 * @param verilator        explicit Verilator (null: {@code HLS4ML_VERILATOR}, then PATH)
 * @param verilatorFlags   null or empty for {@link CosimRequest#DEFAULT_VERILATOR_FLAGS}
 * @param timeout          per Verilator build, simulation run and yosys run; null for the default
 * @param watchdogCycles   null for {@link CosimRequest#DEFAULT_WATCHDOG_CYCLES}
 * @param yosys            explicit yosys (null: {@code HLS4ML_YOSYS}, then PATH)
 * @param resourceEstimate whether to run the yosys estimate after a successful co-simulation
 */
public record CosimOptions(Path projectDir, RtlFacts rtl, Path verilator, List<String> verilatorFlags,
                           Duration timeout, Long watchdogCycles, Path yosys, boolean resourceEstimate) {

    /**
     * The co-simulation request these settings make for one design: {@code dir} holds its {@code rtl/} and
     * {@code tb_data/} (the project, or a copy of it such as the FIFO profiling one), {@code fifos} names its FIFOs.
     */
    public CosimRequest request(Path dir, String top, List<RtlFacts.Fifo> fifos,
                                org.hls4ml.tools.ProgressListener listener) {
        CosimRequest.Builder b = CosimRequest.builder(dir, top).verilator(verilator).fifos(fifos).listener(listener);
        if (verilatorFlags != null && !verilatorFlags.isEmpty()) {
            b.verilatorFlags(List.copyOf(verilatorFlags));
        }
        if (timeout != null) {
            b.timeout(timeout);
        }
        if (watchdogCycles != null) {
            b.watchdogCycles(watchdogCycles);
        }
        return b.build();
    }
}
