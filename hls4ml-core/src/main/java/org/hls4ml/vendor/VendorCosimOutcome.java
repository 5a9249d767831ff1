package org.hls4ml.vendor;

import org.hls4ml.fifo.FifoOptimizationResult;
import org.hls4ml.sim.PredictionComparison;

/**
 * What {@link VendorFacade#cosim} did.
 *
 * @param synthesis   the synthesis of the design as co-simulated (with {@code reports/csynth.json}); with the FIFO
 *                    depth optimization, of the resized design
 * @param fifoProfile the co-simulation with FIFO profiling, or null when the project's flows asked for no FIFO depth
 *                    optimization or the depths were up to date
 * @param fifo        the FIFO depth optimization ({@code fifo_depths.json}), or null when the flows asked for none
 * @param cosim       the co-simulation with validation (with the FIFO depth optimization: of the resized design)
 * @param comparison  {@code tb_data/rtl_cosim_results.log} against {@code tb_data/csim_results.log} (identical)
 */
public record VendorCosimOutcome(VendorSynthesis synthesis, StepResult fifoProfile, FifoOptimizationResult fifo,
                                 StepResult cosim, PredictionComparison comparison) {

    /** The same co-simulation as the verification of a FIFO depth optimization. */
    VendorCosimOutcome withFifo(StepResult profile, FifoOptimizationResult optimization) {
        return new VendorCosimOutcome(synthesis, profile, optimization, cosim, comparison);
    }
}
