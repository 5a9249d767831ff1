package org.hls4ml.vendor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version the vendor tool packages an IP core with ({@code export_design -format ip_catalog -version}): the V of
 * its VLNV in Vivado's IP catalog, which numbers IP {@code <major>.<minor>} and rejects Maven's qualifiers such as
 * {@code -SNAPSHOT}. The generated {@code project.tcl} holds it ({@code set version}); {@code build_prj.tcl} passes it.
 *
 * <p>From a Maven version: its first two numbers, leading zeros dropped, a missing minor number {@code 0}; the rest
 * (a third number, qualifiers) is left out, as Vivado's catalog has no place for it. A version that does not start
 * with a number gives {@link #FALLBACK}.
 * <pre>
 * 1.0.0-SNAPSHOT -&gt; 1.0     2.3.4 -&gt; 2.3     7 -&gt; 7.0     1.2-rc1 -&gt; 1.2     01.10 -&gt; 1.10     main-SNAPSHOT -&gt; 1.0
 * </pre>
 */
public final class ExportVersion {

    /** The version of a project whose version has no leading number (or none at all). */
    public static final String FALLBACK = "1.0";

    private static final Pattern NUMBERS = Pattern.compile("^(\\d+)(?:\\.(\\d+))?");

    private ExportVersion() {
    }

    /** The {@code <major>.<minor>} of {@code projectVersion}; {@link #FALLBACK} for null or no leading number. */
    public static String of(String projectVersion) {
        Matcher m = NUMBERS.matcher(projectVersion == null ? "" : projectVersion.trim());
        if (!m.find()) {
            return FALLBACK;
        }
        return number(m.group(1)) + "." + (m.group(2) == null ? "0" : number(m.group(2)));
    }

    /** Whether {@link #of} had to fall back because {@code projectVersion} does not start with a number. */
    public static boolean fallsBack(String projectVersion) {
        return !NUMBERS.matcher(projectVersion == null ? "" : projectVersion.trim()).find();
    }

    private static String number(String digits) {
        return digits.replaceFirst("^0+(?=\\d)", "");
    }
}
