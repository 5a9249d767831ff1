package org.hls4ml.fifo;

import org.hls4ml.cosim.CosimResult;
import org.hls4ml.cosim.ResourceEstimate;

/**
 * What {@link FifoDepthOptimizer#optimize} did.
 *
 * @param depths       what {@code fifo_depths.json} now says
 * @param upToDate     true when the depths were already optimized for these inputs and nothing was profiled
 * @param profiling    the profiling co-simulation (null when up to date)
 * @param verification the co-simulation of the resized design (the project's own {@code reports/cosim.json})
 * @param before       resource estimate at the initial depths (null when not asked for or up to date)
 * @param after        resource estimate at the optimized depths (null when not asked for)
 */
public record FifoOptimizationResult(FifoDepths depths, boolean upToDate, CosimResult profiling,
                                     CosimResult verification, ResourceEstimate before, ResourceEstimate after) {
}
