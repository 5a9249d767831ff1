package org.hls4ml.vendor;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How one vendor step ended (a failed step throws instead).
 *
 * @param step     the step
 * @param tool     the program that ran it (or would have, when up to date)
 * @param logFile  {@code <project>/build/vendor/<step>.log}: command line, all output, exit code
 * @param output   the file the step had to write (csim_results.log, the csynth.xml, rtl_cosim_results.log, the FIFO
 *                 profile, the exported zip)
 * @param elapsed  wall-clock time of the run; zero when it was up to date
 * @param upToDate true when nothing ran: the step's inputs and its output are those of its last successful run
 */
public record StepResult(VendorStep step, VendorTool tool, Path logFile, Path output, Duration elapsed,
                         boolean upToDate) {
}
