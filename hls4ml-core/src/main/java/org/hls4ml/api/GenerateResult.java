package org.hls4ml.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Hls4ml#generate} did.
 *
 * @param projectDir   the HLS project
 * @param projectName  its name
 * @param upToDate     true when nothing changed since the last generation and no file was written
 * @param filesWritten number of files whose content changed
 * @param flows        the flows applied, in order
 * @param layers       one line per layer of the final graph
 */
public record GenerateResult(Path projectDir, String projectName, boolean upToDate, int filesWritten, List<String> flows,
                             List<String> layers) {
}
