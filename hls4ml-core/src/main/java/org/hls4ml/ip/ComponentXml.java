package org.hls4ml.ip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code component.xml}: the IP-XACT (IEEE 1685-2009, the SPIRIT namespace Vivado's IP packager uses)
 * description of the IP core. Bus interfaces use Xilinx's definitions as Vivado HLS IP does: AXI4-Stream
 * ({@code xilinx.com:interface:axis:1.0}) for each stream, {@code xilinx.com:signal:clock:1.0} for {@code ap_clk}
 * with {@code ASSOCIATED_BUSIF}/{@code ASSOCIATED_RESET}, {@code xilinx.com:signal:reset:1.0} with
 * {@code POLARITY ACTIVE_LOW} for {@code ap_rst_n}. The model has a synthesis and a simulation view over the same
 * Verilog files, and every port with its direction and vector bounds.
 *
 * <p>Built with StAX, so every name and text is escaped by the XML writer; the output is deterministic (fixed element
 * and attribute order, two-space indentation, LF line ends). Xilinx vendor extensions are not written.
 */
public final class ComponentXml {

    /** The IP-XACT 1685-2009 namespace (the "SPIRIT" schema). */
    public static final String NS = "http://www.spiritconsortium.org/XMLSchema/SPIRIT/1685-2009";
    public static final String PREFIX = "spirit";

    static final String SYNTH_VIEW = "xilinx_verilogsynthesis";
    static final String SIM_VIEW = "xilinx_verilogbehavioralsimulation";

    private final XMLStreamWriter w;
    private int depth;

    private ComponentXml(XMLStreamWriter w) {
        this.w = w;
    }

    /** The UTF-8 bytes of {@code component.xml}. */
    public static byte[] write(IpComponent c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            new ComponentXml(w).component(c);
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write component.xml: " + e.getMessage(), e);
        }
        return (new String(out.toByteArray(), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void component(IpComponent c) throws XMLStreamException {
        w.writeStartDocument("UTF-8", "1.0");
        w.writeCharacters("\n");
        w.setPrefix(PREFIX, NS);
        w.writeStartElement(PREFIX, "component", NS);
        w.writeNamespace(PREFIX, NS);
        depth++;
        text("vendor", c.vendor());
        text("library", c.library());
        text("name", c.name());
        text("version", c.version());

        open("busInterfaces");
        for (IpComponent.AxisInterface s : c.streams()) {
            busInterface(s.name(), "interface", "axis", s.slave(), s.portMap(), Map.of());
        }
        busInterface(c.reset().name(), "signal", "reset", true, Map.of("RST", c.reset().name()),
                Map.of("POLARITY", "ACTIVE_LOW"));
        String associated = String.join(":", c.streams().stream().map(IpComponent.AxisInterface::name).toList());
        busInterface(c.clock().name(), "signal", "clock", true, Map.of("CLK", c.clock().name()),
                orderedMap("ASSOCIATED_BUSIF", associated, "ASSOCIATED_RESET", c.reset().name()));
        close();

        open("model");
        open("views");
        view(SYNTH_VIEW, "Verilog Synthesis", "verilogSource:vivado.xilinx.com:synthesis", c.name());
        view(SIM_VIEW, "Verilog Simulation", "verilogSource:vivado.xilinx.com:simulation", c.name());
        close();
        open("ports");
        for (VerilogPorts.Port p : c.ports()) {
            port(p);
        }
        close();
        close();

        open("fileSets");
        fileSet(SYNTH_VIEW + "_view_fileset", c.files());
        fileSet(SIM_VIEW + "_view_fileset", c.files());
        close();

        text("description", c.description());
        depth--;
        newline();
        w.writeEndElement();
        w.writeEndDocument();
    }

    private static Map<String, String> orderedMap(String k1, String v1, String k2, String v2) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private void busInterface(String name, String library, String type, boolean slave, Map<String, String> portMap,
                              Map<String, String> parameters) throws XMLStreamException {
        open("busInterface");
        text("name", name);
        vlnvRef("busType", "xilinx.com", library, type, "1.0");
        vlnvRef("abstractionType", "xilinx.com", library, type + "_rtl", "1.0");
        empty(slave ? "slave" : "master");
        open("portMaps");
        for (Map.Entry<String, String> e : portMap.entrySet()) {
            open("portMap");
            open("logicalPort");
            text("name", e.getKey());
            close();
            open("physicalPort");
            text("name", e.getValue());
            close();
            close();
        }
        close();
        if (!parameters.isEmpty()) {
            open("parameters");
            for (Map.Entry<String, String> e : parameters.entrySet()) {
                open("parameter");
                text("name", e.getKey());
                newline();
                w.writeStartElement(PREFIX, "value", NS);
                w.writeAttribute(PREFIX, NS, "id", "BUSIFPARAM_VALUE." + name.toUpperCase(java.util.Locale.ROOT)
                        + "." + e.getKey());
                w.writeCharacters(e.getValue());
                w.writeEndElement();
                close();
            }
            close();
        }
        close();
    }

    private void vlnvRef(String element, String vendor, String library, String name, String version)
            throws XMLStreamException {
        newline();
        w.writeEmptyElement(PREFIX, element, NS);
        w.writeAttribute(PREFIX, NS, "vendor", vendor);
        w.writeAttribute(PREFIX, NS, "library", library);
        w.writeAttribute(PREFIX, NS, "name", name);
        w.writeAttribute(PREFIX, NS, "version", version);
    }

    private void view(String name, String displayName, String env, String modelName) throws XMLStreamException {
        open("view");
        text("name", name);
        text("displayName", displayName);
        text("envIdentifier", env);
        text("language", "verilog");
        text("modelName", modelName);
        open("fileSetRef");
        text("localName", name + "_view_fileset");
        close();
        close();
    }

    private void port(VerilogPorts.Port p) throws XMLStreamException {
        open("port");
        text("name", p.name());
        open("wire");
        text("direction", p.direction());
        if (p.isVector()) {
            open("vector");
            bound("left", p.left());
            bound("right", p.right());
            close();
        }
        close();
        close();
    }

    private void bound(String element, int value) throws XMLStreamException {
        newline();
        w.writeStartElement(PREFIX, element, NS);
        w.writeAttribute(PREFIX, NS, "format", "long");
        w.writeCharacters(Integer.toString(value));
        w.writeEndElement();
    }

    private void fileSet(String name, List<String> files) throws XMLStreamException {
        open("fileSet");
        text("name", name);
        for (String f : files) {
            open("file");
            text("name", f);
            text("fileType", "verilogSource");
            close();
        }
        close();
    }

    private void open(String element) throws XMLStreamException {
        newline();
        w.writeStartElement(PREFIX, element, NS);
        depth++;
    }

    private void close() throws XMLStreamException {
        depth--;
        newline();
        w.writeEndElement();
    }

    private void empty(String element) throws XMLStreamException {
        newline();
        w.writeEmptyElement(PREFIX, element, NS);
    }

    private void text(String element, String value) throws XMLStreamException {
        newline();
        w.writeStartElement(PREFIX, element, NS);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private void newline() throws XMLStreamException {
        w.writeCharacters("\n" + "  ".repeat(depth));
    }
}
