package org.hls4ml.fifo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The FIFO depth optimization a generated project asks for: recorded by the {@code fifo_depth_optimization} pass at
 * generation time (in the {@code fifoOptimization} section of {@code hls4ml-project.json}) and carried out in the
 * integration-test phase by {@link FifoDepthOptimizer}.
 *
 * @param flow           the flow that asked for it, e.g. {@code vivado:fifo_depth_optimization}
 * @param profilingDepth the depth every inter-layer FIFO gets for the profiling co-simulation; 0 keeps the default
 *                       depths
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FifoOptimizationRequest(String flow, int profilingDepth) {

    /** The key of the request in {@link org.hls4ml.model.ModelGraph#attributes()}. */
    public static final String ATTRIBUTE = "fifo_depth_optimization";

    public FifoOptimizationRequest {
        if (profilingDepth < 0) {
            throw new IllegalArgumentException("profilingDepth must be >= 0, got " + profilingDepth);
        }
    }
}
