package org.hls4ml.vendor;

import java.nio.file.Path;

/**
 * The IP the vendor tool packaged ({@code export_design -format ip_catalog}).
 *
 * @param synthesis the synthesis it packages
 * @param step      the export step
 * @param zip       the packaged IP: {@code solution1/impl/export.zip} (Vitis HLS) or the zip in
 *                  {@code solution1/impl/ip} (Vivado HLS)
 * @param ipDir     {@code solution1/impl/ip} (IP catalog folder with {@code component.xml}), or null when the tool
 *                  wrote none
 */
public record VendorExport(VendorSynthesis synthesis, StepResult step, Path zip, Path ipDir) {
}
