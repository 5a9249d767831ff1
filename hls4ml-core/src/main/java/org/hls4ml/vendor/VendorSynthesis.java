package org.hls4ml.vendor;

import java.nio.file.Path;

/**
 * A vendor C synthesis and its report.
 *
 * @param step   the synth step
 * @param report the summary of {@code <project>_csynth.xml}
 * @param json   {@code reports/csynth.json}
 */
public record VendorSynthesis(StepResult step, CsynthReport report, Path json) {
}
