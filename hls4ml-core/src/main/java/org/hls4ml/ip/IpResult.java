package org.hls4ml.ip;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link IpPackager#pack} did.
 *
 * @param zipFile   the IP core zip
 * @param upToDate  true when the zip already held exactly these inputs and was not rewritten
 * @param component what {@code component.xml} describes
 * @param entries   the zip's entry names, sorted
 * @param size      the zip's size in bytes
 * @param leftOut   reports found in the project but not packaged because they are older than the design, each with
 *                  the reason
 */
public record IpResult(Path zipFile, boolean upToDate, IpComponent component, List<String> entries, long size,
                       List<String> leftOut) {

    public IpResult {
        entries = List.copyOf(entries);
        leftOut = List.copyOf(leftOut);
    }
}
