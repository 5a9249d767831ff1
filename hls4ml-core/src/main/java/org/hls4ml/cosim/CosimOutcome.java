package org.hls4ml.cosim;

import org.hls4ml.fifo.FifoOptimizationResult;

/**
 * What {@link CosimFacade#run} did.
 *
 * @param cosim     the co-simulation (with the FIFO depth optimization: the verifying one of the resized design)
 * @param resources the yosys estimate, or null when it was turned off
 * @param fifo      the FIFO depth optimization, or null when the project's flows did not ask for one
 */
public record CosimOutcome(CosimResult cosim, ResourceEstimate resources, FifoOptimizationResult fifo) {
}
