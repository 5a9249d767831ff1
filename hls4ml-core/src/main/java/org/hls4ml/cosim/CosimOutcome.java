package org.hls4ml.cosim;

/**
 * What {@link CosimFacade#run} did.
 *
 * @param cosim     the co-simulation
 * @param resources the yosys estimate, or null when it was turned off
 */
public record CosimOutcome(CosimResult cosim, ResourceEstimate resources) {
}
