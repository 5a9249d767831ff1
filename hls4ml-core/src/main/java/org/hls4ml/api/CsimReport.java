package org.hls4ml.api;

import org.hls4ml.sim.CSimResult;
import org.hls4ml.sim.PredictionComparison;

/** The C simulation's outcome and, when predictions were given, how the outputs compare with them. */
public record CsimReport(CSimResult result, PredictionComparison comparison) {
}
