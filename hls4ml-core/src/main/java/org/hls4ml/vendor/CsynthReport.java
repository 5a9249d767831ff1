package org.hls4ml.vendor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.hls4ml.tools.FileWriting;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The summary of a vendor synthesis report ({@code <project>_csynth.xml}, the format Vivado HLS and Vitis HLS write
 * under {@code solution1/syn/report}): latency and interval in clock cycles, target and estimated clock period, and the
 * resources used and available. A figure the report does not give (e.g. an undefined latency of a design with a
 * data-dependent loop, "undef" in the report) is null.
 *
 * @param topModel             {@code UserAssignments/TopModelName}
 * @param part                 {@code UserAssignments/Part}
 * @param toolVersion          {@code ReportVersion/Version}
 * @param targetClockPeriod    ns, {@code UserAssignments/TargetClockPeriod}
 * @param clockUncertainty     ns, {@code UserAssignments/ClockUncertainty}
 * @param estimatedClockPeriod ns, {@code PerformanceEstimates/SummaryOfTimingAnalysis/EstimatedClockPeriod}
 * @param latencyBest          cycles, {@code SummaryOfOverallLatency/Best-caseLatency}
 * @param latencyWorst         cycles, {@code Worst-caseLatency}
 * @param intervalMin          cycles, {@code Interval-min}
 * @param intervalMax          cycles, {@code Interval-max}
 * @param resources            {@code AreaEstimates/Resources}: BRAM_18K, DSP (DSP48E in Vivado HLS), FF, LUT, URAM
 * @param available            {@code AreaEstimates/AvailableResources}, same keys
 */
public record CsynthReport(String topModel, String part, String toolVersion, Double targetClockPeriod,
                           Double clockUncertainty, Double estimatedClockPeriod, Long latencyBest, Long latencyWorst,
                           Long intervalMin, Long intervalMax, Map<String, Long> resources,
                           Map<String, Long> available) {

    /** The resource keys, in report order; DSP stands for Vivado HLS's DSP48E and Vitis HLS's DSP. */
    public static final List<String> RESOURCES = List.of("BRAM_18K", "DSP", "FF", "LUT", "URAM");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public CsynthReport {
        resources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resources));
        available = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(available));
    }

    /**
     * Reads a {@code _csynth.xml}.
     *
     * @throws IOException when the file cannot be read, is not XML, or is not a synthesis report (no
     *                     {@code profile} root with {@code PerformanceEstimates} and {@code AreaEstimates})
     */
    public static CsynthReport read(Path xml) throws IOException {
        Document doc;
        try (InputStream in = Files.newInputStream(xml)) {
            doc = parser().parse(in);
        } catch (SAXException e) {
            throw new IOException(xml + " is not well-formed XML: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        Element perf = child(root, "PerformanceEstimates");
        Element area = child(root, "AreaEstimates");
        if (!"profile".equals(root.getTagName()) || perf == null || area == null) {
            throw new IOException(xml + " is not a synthesis report: expected <profile> with <PerformanceEstimates>"
                    + " and <AreaEstimates>, found <" + root.getTagName() + ">");
        }
        Element user = child(root, "UserAssignments");
        Element latency = child(perf, "SummaryOfOverallLatency");
        Element timing = child(perf, "SummaryOfTimingAnalysis");
        return new CsynthReport(
                text(user, "TopModelName"),
                text(user, "Part"),
                text(child(root, "ReportVersion"), "Version"),
                decimal(text(user, "TargetClockPeriod")),
                decimal(text(user, "ClockUncertainty")),
                decimal(text(timing, "EstimatedClockPeriod")),
                count(text(latency, "Best-caseLatency")),
                count(text(latency, "Worst-caseLatency")),
                count(text(latency, "Interval-min")),
                count(text(latency, "Interval-max")),
                resources(child(area, "Resources")),
                resources(child(area, "AvailableResources")));
    }

    private static DocumentBuilder parser() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e; // reported through the exception, not printed
                }

                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IOException("no XML parser: " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> resources(Element e) {
        Map<String, Long> m = new LinkedHashMap<>();
        if (e == null) {
            return m;
        }
        for (String key : RESOURCES) {
            String v = key.equals("DSP") ? firstText(e, "DSP48E", "DSP") : text(e, key);
            if (v != null) {
                m.put(key, count(v));
            }
        }
        return m;
    }

    private static String firstText(Element e, String... names) {
        for (String n : names) {
            String v = text(e, n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el && el.getTagName().equals(name)) {
                return el;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        if (e == null) {
            return null;
        }
        String t = e.getTextContent().trim();
        return t.isEmpty() ? null : t;
    }

    /** A whole number, or null for "undef", "?", "-" and other non-numbers. */
    private static Long count(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double decimal(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The JSON of {@code reports/csynth.json}:
     * <pre>{"top": "myproject", "part": "...", "tool_version": "2019.2",
     *  "clock_period_ns": {"target": 5.0, "uncertainty": 0.625, "estimated": 4.35},
     *  "latency_cycles": {"best": 9, "worst": 9}, "interval_cycles": {"min": 1, "max": 1},
     *  "resources": {"BRAM_18K": 4, "DSP": 72, "FF": 5000, "LUT": 30000, "URAM": 0},
     *  "available": {...}, "source": "myproject_prj/solution1/syn/report/myproject_csynth.xml"}</pre>
     * Figures the report does not give are null.
     *
     * @param source the report this summary was read from, as it should be named (e.g. relative to the project)
     */
    public String toJson(String source) {
        ObjectNode root = JSON.createObjectNode();
        root.put("top", topModel);
        root.put("part", part);
        root.put("tool_version", toolVersion);
        ObjectNode clock = root.putObject("clock_period_ns");
        clock.put("target", targetClockPeriod);
        clock.put("uncertainty", clockUncertainty);
        clock.put("estimated", estimatedClockPeriod);
        ObjectNode lat = root.putObject("latency_cycles");
        lat.put("best", latencyBest);
        lat.put("worst", latencyWorst);
        ObjectNode ii = root.putObject("interval_cycles");
        ii.put("min", intervalMin);
        ii.put("max", intervalMax);
        ObjectNode res = root.putObject("resources");
        resources.forEach(res::put);
        ObjectNode avail = root.putObject("available");
        available.forEach(avail::put);
        root.put("source", source);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@link #toJson} atomically. */
    public void write(Path file, String source) throws IOException {
        FileWriting.writeAtomically(file, toJson(source).getBytes(StandardCharsets.UTF_8));
    }

    /** The table for the build log. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "  latency %s..%s cycles, interval %s..%s cycles, clock %s ns estimated"
                        + " (target %s ns)%n", str(latencyBest), str(latencyWorst), str(intervalMin), str(intervalMax),
                str(estimatedClockPeriod), str(targetClockPeriod)));
        b.append(String.format(Locale.ROOT, "  %-9s %10s %10s %7s%n", "resource", "used", "available", "use"));
        for (String k : RESOURCES) {
            if (!resources.containsKey(k) && !available.containsKey(k)) {
                continue;
            }
            Long used = resources.get(k);
            Long avail = available.get(k);
            String pct = used != null && avail != null && avail > 0
                    ? String.format(Locale.ROOT, "%.1f%%", 100.0 * used / avail) : "-";
            b.append(String.format(Locale.ROOT, "  %-9s %10s %10s %7s%n", k, str(used), str(avail), pct));
        }
        return b.toString().stripTrailing();
    }

    private static String str(Object o) {
        return o == null ? "?" : o.toString();
    }
}
