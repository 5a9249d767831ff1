package org.hls4ml.sim;

import java.nio.file.Path;
import java.time.Duration;

import org.hls4ml.tools.ProcessRunner;

/**
 * What {@link CSimulator#csim} did.
 *
 * @param compiled    false when the binary was up to date and reused
 * @param ran         false when the results were up to date (same binary, same inputs)
 * @param binary      {@code <projectDir>/build/csim/<projectName>_csim}
 * @param resultsFile {@code <projectDir>/tb_data/csim_results.log}
 * @param compileTime compile + link wall time (zero when not compiled)
 * @param runTime     simulation wall time (zero when not run)
 * @param samples     samples simulated (lines of tb_input_features.dat, = lines of the results)
 */
public record CSimResult(boolean compiled, boolean ran, Path binary, Path resultsFile, Duration compileTime,
                         Duration runTime, int samples) {

    /** "compiled in 4.9 s, simulated 10000 samples in 0.5 s" / "up to date (10000 samples)". */
    public String summary() {
        if (!compiled && !ran) {
            return "up to date (" + samples + " samples in " + resultsFile + ")";
        }
        String c = compiled ? "compiled in " + ProcessRunner.formatDuration(compileTime) : "binary up to date";
        String r = ran ? "simulated " + samples + " samples in " + ProcessRunner.formatDuration(runTime)
                : "results up to date";
        return c + ", " + r;
    }
}
