package org.hls4ml.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * {@code component.xml} of the KERAS_3layer IP core: well-formed, valid against the hand-written IP-XACT 1685-2009
 * subset schema in the test resources (not the Accellera schema, which is not available offline: see its header),
 * and saying what the Verilog top in the same zip says.
 */
class ComponentXmlTest {

    static final String NS = ComponentXml.NS;

    @TempDir
    static Path tmp;

    static Map<String, byte[]> zip;
    static Schema schema;

    @BeforeAll
    static void packageAndLoadTheSchema() throws Exception {
        Path prj = IpTestProjects.keras3layer();
        zip = IpPackagerTest.read(Hls4ml.ip(new IpRequest(prj, tmp.resolve("ip.zip"), "org.example.hls4ml", "hls4ml",
                "1.2.3-SNAPSHOT", IpPackagerTest.T2026), ProgressListener.NONE).zipFile());
        URL xsd = ComponentXmlTest.class.getResource("ipxact-1685-2009-subset.xsd");
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        schema = f.newSchema(xsd);
    }

    static String componentXml() {
        return new String(zip.get("component.xml"), StandardCharsets.UTF_8);
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static void validate(String xml) throws SAXException, IOException {
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    @Test
    void isWellFormedAndValidAgainstTheSubsetSchema() throws Exception {
        String xml = componentXml();
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<spirit:component"), xml);
        Document d = parse(xml);
        assertEquals(NS, d.getDocumentElement().getNamespaceURI());
        assertEquals("component", d.getDocumentElement().getLocalName());
        validate(xml);
    }

    @Test
    void theSubsetSchemaRejectsWhatIpXactForbids() {
        String xml = componentXml();
        // VLNV out of order
        String swapped = xml.replace("<spirit:name>myproject</spirit:name>\n  <spirit:version>1.2.3-SNAPSHOT</spirit:version>",
                "<spirit:version>1.2.3-SNAPSHOT</spirit:version>\n  <spirit:name>myproject</spirit:name>");
        assertTrue(!swapped.equals(xml));
        assertThrows(SAXException.class, () -> validate(swapped));
        // a bus interface without its bus type
        String noBusType = xml.replaceFirst("<spirit:busType [^>]*/>", "");
        assertThrows(SAXException.class, () -> validate(noBusType));
        // a direction IP-XACT does not have
        assertThrows(SAXException.class, () -> validate(xml.replaceFirst("<spirit:direction>in<", "<spirit:direction>input<")));
        // the 2014 namespace is another schema
        assertThrows(SAXException.class, () -> validate(xml.replace(NS, "http://www.accellera.org/XMLSchema/IPXACT/1685-2014")));
        // a VLNV name with a space is not an NMTOKEN
        assertThrows(SAXException.class, () -> validate(xml.replace("<spirit:library>hls4ml<", "<spirit:library>hls 4ml<")));
    }

    @Test
    void vlnvAndDescription() throws Exception {
        Element c = parse(componentXml()).getDocumentElement();
        assertEquals("org.example.hls4ml", child(c, "vendor").getTextContent());
        assertEquals("hls4ml", child(c, "library").getTextContent());
        assertEquals("myproject", child(c, "name").getTextContent());
        assertEquals("1.2.3-SNAPSHOT", child(c, "version").getTextContent());
        assertTrue(child(c, "description").getTextContent().contains("16 inputs, 5 outputs"));
    }

    @Test
    void busInterfacesAreTheStreamsTheClockAndTheReset() throws Exception {
        Element c = parse(componentXml()).getDocumentElement();
        Map<String, Element> bus = new LinkedHashMap<>();
        for (Element b : children(child(c, "busInterfaces"), "busInterface")) {
            bus.put(child(b, "name").getTextContent(), b);
        }
        assertEquals(List.of("input_1", "layer9_out", "ap_rst_n", "ap_clk"), List.copyOf(bus.keySet()));

        assertAxis(bus.get("input_1"), "slave");
        assertAxis(bus.get("layer9_out"), "master");

        Element clk = bus.get("ap_clk");
        assertVlnv(child(clk, "busType"), "xilinx.com", "signal", "clock", "1.0");
        assertVlnv(child(clk, "abstractionType"), "xilinx.com", "signal", "clock_rtl", "1.0");
        assertEquals(Map.of("CLK", "ap_clk"), portMap(clk));
        assertEquals(Map.of("ASSOCIATED_BUSIF", "input_1:layer9_out", "ASSOCIATED_RESET", "ap_rst_n"), parameters(clk));

        Element rst = bus.get("ap_rst_n");
        assertVlnv(child(rst, "busType"), "xilinx.com", "signal", "reset", "1.0");
        assertEquals(Map.of("RST", "ap_rst_n"), portMap(rst));
        assertEquals(Map.of("POLARITY", "ACTIVE_LOW"), parameters(rst));
    }

    private static void assertAxis(Element b, String mode) {
        assertVlnv(child(b, "busType"), "xilinx.com", "interface", "axis", "1.0");
        assertVlnv(child(b, "abstractionType"), "xilinx.com", "interface", "axis_rtl", "1.0");
        assertEquals(1, children(b, mode).size(), mode);
        String stream = child(b, "name").getTextContent();
        Map<String, String> expected = new LinkedHashMap<>();
        for (String s : List.of("TDATA", "TVALID", "TREADY")) {
            expected.put(s, stream + "_" + s);
        }
        assertEquals(expected, portMap(b));
    }

    @Test
    void portsAreTheVerilogTopsWithItsWidths() throws Exception {
        // read the top's header from the zip with a pattern of this test's own, not the packager's parser
        String top = new String(zip.get("hdl/verilog/myproject.v"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("^\\s*(input|output)\\s+wire\\s+(?:\\[(\\d+)-1:0\\]\\s+)?(\\w+)\\s*,?\\s*$",
                Pattern.MULTILINE).matcher(top.substring(0, top.indexOf(");")));
        List<String> verilog = new ArrayList<>();
        while (m.find()) {
            verilog.add(m.group(3) + " " + (m.group(1).equals("input") ? "in" : "out")
                    + (m.group(2) == null ? "" : " [" + (Integer.parseInt(m.group(2)) - 1) + ":0]"));
        }
        assertEquals(8, verilog.size(), top);

        Element model = child(parse(componentXml()).getDocumentElement(), "model");
        List<String> xml = new ArrayList<>();
        for (Element p : children(child(model, "ports"), "port")) {
            Element wire = child(p, "wire");
            List<Element> vector = children(wire, "vector");
            xml.add(child(p, "name").getTextContent() + " " + child(wire, "direction").getTextContent()
                    + (vector.isEmpty() ? "" : " [" + child(vector.get(0), "left").getTextContent() + ":"
                    + child(vector.get(0), "right").getTextContent() + "]"));
        }
        assertEquals(verilog, xml);
        assertTrue(xml.contains("input_1_TDATA in [255:0]"), xml.toString());
        assertTrue(xml.contains("layer9_out_TDATA out [79:0]"), xml.toString());
    }

    @Test
    void viewsAndFileSetsListEveryVerilogFileOfTheZip() throws Exception {
        Element c = parse(componentXml()).getDocumentElement();
        List<String> hdl = zip.keySet().stream().filter(n -> n.startsWith("hdl/verilog/")).sorted().toList();
        List<Element> views = children(child(child(c, "model"), "views"), "view");
        assertEquals(2, views.size());
        List<Element> sets = children(child(c, "fileSets"), "fileSet");
        assertEquals(2, sets.size());
        for (int i = 0; i < 2; i++) {
            Element view = views.get(i);
            assertEquals("verilog", child(view, "language").getTextContent());
            assertEquals("myproject", child(view, "modelName").getTextContent());
            String set = child(child(view, "fileSetRef"), "localName").getTextContent();
            assertEquals(set, child(sets.get(i), "name").getTextContent());
            List<String> files = new ArrayList<>();
            for (Element f : children(sets.get(i), "file")) {
                files.add(child(f, "name").getTextContent());
                assertEquals("verilogSource", child(f, "fileType").getTextContent());
            }
            assertEquals("hdl/verilog/myproject.v", files.get(files.size() - 1), "the top last");
            assertEquals(hdl, files.stream().sorted().toList());
        }
        assertEquals("verilogSource:vivado.xilinx.com:synthesis", child(views.get(0), "envIdentifier").getTextContent());
        assertEquals("verilogSource:vivado.xilinx.com:simulation", child(views.get(1), "envIdentifier").getTextContent());
    }

    @Test
    void textIsEscapedByTheXmlWriter() throws Exception {
        List<VerilogPorts.Port> ports = VerilogPorts.parse("module t(input wire ap_clk, input wire ap_rst_n,"
                + " input wire [7:0] a_TDATA, input wire a_TVALID, output wire a_TREADY,"
                + " output wire [7:0] b_TDATA, output wire b_TVALID, input wire b_TREADY);", "t");
        String description = "quotes \" ' ampersand & <tag> ]]> done";
        IpComponent c = IpComponent.of("v", "l", "t", "1.0", description, ports, List.of("hdl/verilog/t.v"));
        String xml = new String(ComponentXml.write(c), StandardCharsets.UTF_8);
        validate(xml);
        assertEquals(description, child(parse(xml).getDocumentElement(), "description").getTextContent());
    }

    private static void assertVlnv(Element e, String vendor, String library, String name, String version) {
        assertEquals(vendor, e.getAttributeNS(NS, "vendor"));
        assertEquals(library, e.getAttributeNS(NS, "library"));
        assertEquals(name, e.getAttributeNS(NS, "name"));
        assertEquals(version, e.getAttributeNS(NS, "version"));
    }

    private static Map<String, String> portMap(Element bus) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element pm : children(child(bus, "portMaps"), "portMap")) {
            out.put(child(child(pm, "logicalPort"), "name").getTextContent(),
                    child(child(pm, "physicalPort"), "name").getTextContent());
        }
        return out;
    }

    private static Map<String, String> parameters(Element bus) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element p : children(child(bus, "parameters"), "parameter")) {
            out.put(child(p, "name").getTextContent(), child(p, "value").getTextContent());
        }
        return out;
    }

    static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        assertEquals(1, c.size(), "one spirit:" + name + " in spirit:" + parent.getLocalName());
        return c.get(0);
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && NS.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }
}
