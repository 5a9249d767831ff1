package org.hls4ml.ip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.hls4ml.api.ToolException;

/**
 * The zip the vendor's {@code export_design -format ip_catalog} wrote, read for repackaging: its entries (directory
 * entries included, as the vendor lays them out) and the VLNV of its {@code component.xml}.
 *
 * @param file    the vendor's zip
 * @param entries entry name to content, sorted by name
 * @param vlnv    {@code vendor:library:name:version} of its {@code component.xml}
 */
record VendorIpZip(Path file, Map<String, byte[]> entries, String vlnv) {

    /** The IP-XACT description an IP catalog zip must hold at its top. */
    static final String COMPONENT = "component.xml";

    VendorIpZip {
        entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    /**
     * Reads the vendor's zip.
     *
     * @param log the export step's log, named in failures
     * @throws ToolException the file is not a zip, holds an entry twice, or has no {@code component.xml} with a VLNV
     */
    static VendorIpZip read(Path file, Path log) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                byte[] bytes;
                try (var in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                if (entries.put(e.getName(), bytes) != null) {
                    throw new ToolException("the vendor's IP export " + file + " holds " + e.getName() + " twice;"
                            + " run the export again (log: " + log + ")");
                }
            }
        } catch (ZipException e) {
            throw new ToolException("the vendor's IP export " + file + " is not a readable zip archive: "
                    + e.getMessage() + " (log: " + log + ")", e);
        }
        byte[] component = entries.get(COMPONENT);
        if (component == null) {
            throw new ToolException("the vendor's IP export " + file + " holds no " + COMPONENT + " at its top (it holds "
                    + String.join(", ", first(entries.keySet())) + "); it is not an IP catalog zip (log: " + log + ")");
        }
        return new VendorIpZip(file, entries, vlnv(component, file));
    }

    /** The text of the root's vendor, library, name and version children, any IP-XACT namespace. */
    private static String vlnv(byte[] componentXml, Path file) {
        String[] keys = {"vendor", "library", "name", "version"};
        String[] values = new String[keys.length];
        try {
            XMLInputFactory f = XMLInputFactory.newFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
            XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(componentXml));
            int depth = 0;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    int k = depth == 2 ? List.of(keys).indexOf(r.getLocalName()) : -1;
                    if (k >= 0 && values[k] == null) {
                        values[k] = r.getElementText().strip();
                        depth--;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            throw new ToolException("the " + COMPONENT + " of the vendor's IP export " + file + " is not well-formed"
                    + " XML: " + e.getMessage(), e);
        }
        for (int k = 0; k < keys.length; k++) {
            if (values[k] == null || values[k].isEmpty()) {
                throw new ToolException("the " + COMPONENT + " of the vendor's IP export " + file + " names no "
                        + keys[k] + " (no <" + keys[k] + "> under its root element)");
            }
        }
        return String.join(":", values);
    }

    private static List<String> first(Iterable<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (out.size() == 5) {
                out.add("...");
                break;
            }
            out.add(n);
        }
        return out.isEmpty() ? List.of("nothing") : out;
    }
}
