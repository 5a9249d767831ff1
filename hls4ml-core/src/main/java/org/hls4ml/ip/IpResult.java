package org.hls4ml.ip;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link IpPackager#pack} did.
 *
 * @param zipFile   the IP core zip
 * @param upToDate  true when the zip already held exactly these inputs and was not rewritten
 * @param engine    what produced the core: {@link #OPEN_ENGINE}, or the vendor tool ({@code vivado_hls},
 *                  {@code vitis_hls}) whose {@code export_design -format ip_catalog} output the zip holds
 * @param vlnv      {@code vendor:library:name:version} of the zip's {@code component.xml}
 * @param component what the open engine's {@code component.xml} describes; null when a vendor tool packaged the core
 * @param entries   the zip's entry names, sorted
 * @param size      the zip's size in bytes
 * @param leftOut   reports found in the project but not packaged because they are older than the design, each with
 *                  the reason
 */
public record IpResult(Path zipFile, boolean upToDate, String engine, String vlnv, IpComponent component,
                       List<String> entries, long size, List<String> leftOut) {

    /** {@link #engine()} of a core packaged from the generated Verilog, without a vendor tool. */
    public static final String OPEN_ENGINE = "open";

    public IpResult {
        entries = List.copyOf(entries);
        leftOut = List.copyOf(leftOut);
    }
}
