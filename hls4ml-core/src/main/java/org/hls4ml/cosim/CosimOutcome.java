package org.hls4ml.cosim;

import org.hls4ml.fifo.FifoOptimizationResult;
import org.hls4ml.vendor.VendorCosimOutcome;

/**
 * What {@link CosimFacade#run} (open tools) or the vendor co-simulation did.
 *
 * @param cosim     the co-simulation (with the FIFO depth optimization: the verifying one of the resized design);
 *                  null when the vendor tool ran it
 * @param resources the yosys estimate, or null when it was turned off
 * @param fifo      the FIFO depth optimization (by either engine), or null when the project's flows did not ask for one
 * @param vendor    the vendor co-simulation (synthesis, FIFO depth optimization, co-simulation), or null when the open
 *                  tools ran
 */
public record CosimOutcome(CosimResult cosim, ResourceEstimate resources, FifoOptimizationResult fifo,
                           VendorCosimOutcome vendor) {

    /** An open-tools outcome. */
    public CosimOutcome(CosimResult cosim, ResourceEstimate resources, FifoOptimizationResult fifo) {
        this(cosim, resources, fifo, null);
    }
}
