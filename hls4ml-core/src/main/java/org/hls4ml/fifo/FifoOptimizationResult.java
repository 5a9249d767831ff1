package org.hls4ml.fifo;

import org.hls4ml.cosim.CosimResult;
import org.hls4ml.cosim.ResourceEstimate;

/**
 * What a FIFO depth optimization did: {@link FifoDepthOptimizer#optimize} (open engine) or the vendor engine's (whose
 * co-simulations and synthesis reports are in {@link org.hls4ml.vendor.VendorCosimOutcome}; the four Verilator and
 * yosys results here are null for it).
 *
 * @param depths       what {@code fifo_depths.json} now says
 * @param upToDate     true when the depths were already optimized for these inputs and nothing was profiled
 * @param profiling    the profiling co-simulation (null when up to date, or with the vendor engine)
 * @param verification the co-simulation of the resized design (the project's own {@code reports/cosim.json}; null
 *                     with the vendor engine)
 * @param before       resource estimate at the initial depths (null when not asked for, up to date or vendor)
 * @param after        resource estimate at the optimized depths (null when not asked for or vendor)
 */
public record FifoOptimizationResult(FifoDepths depths, boolean upToDate, CosimResult profiling,
                                     CosimResult verification, ResourceEstimate before, ResourceEstimate after) {
}
