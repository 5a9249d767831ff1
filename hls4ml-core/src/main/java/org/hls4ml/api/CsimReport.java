package org.hls4ml.api;

import org.hls4ml.sim.CSimResult;
import org.hls4ml.sim.PredictionComparison;
import org.hls4ml.vendor.StepResult;

/**
 * The C simulation's outcome and, when predictions were given, how the outputs compare with them.
 *
 * @param result     the open tools' C simulation (g++), or null when the vendor tool ran it
 * @param comparison {@code tb_data/csim_results.log} against the predictions, or null without predictions
 * @param vendor     the vendor tool's C simulation, or null when the open tools ran it
 */
public record CsimReport(CSimResult result, PredictionComparison comparison, StepResult vendor) {

    /** The open tools' C simulation. */
    public CsimReport(CSimResult result, PredictionComparison comparison) {
        this(result, comparison, null);
    }
}
