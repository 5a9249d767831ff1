package org.hls4ml.vendor;

import org.hls4ml.sim.PredictionComparison;

/**
 * What {@link VendorFacade#cosim} did.
 *
 * @param synthesis   the synthesis (with {@code reports/csynth.json})
 * @param fifoProfile the co-simulation with FIFO profiling, or null when the project's flows asked for none
 * @param fifo        the FIFO occupancy it measured, or null
 * @param cosim       the plain co-simulation with validation, or null when the profiling run already wrote
 *                    {@code tb_data/rtl_cosim_results.log}
 * @param comparison  {@code tb_data/rtl_cosim_results.log} against {@code tb_data/csim_results.log} (identical)
 */
public record VendorCosimOutcome(VendorSynthesis synthesis, StepResult fifoProfile, VendorFifoReport fifo,
                                 StepResult cosim, PredictionComparison comparison) {
}
