package org.hls4ml.ip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.hls4ml.api.ConfigurationException;

/**
 * What {@code component.xml} says about the IP core: its VLNV (vendor, library, name, version), the AXI4-Stream
 * interfaces, clock and reset found among the top module's ports, every port, and the Verilog files.
 *
 * @param vendor      VLNV vendor, e.g. the Maven groupId
 * @param library     VLNV library, e.g. {@code hls4ml}
 * @param name        VLNV name: the project (and top module) name
 * @param version     VLNV version: the Maven project version
 * @param description one line for the IP catalog
 * @param clock       the clock port ({@code ap_clk})
 * @param reset       the active-low reset port ({@code ap_rst_n})
 * @param streams     one AXI4-Stream interface per model input (slave) and output (master), in port order
 * @param ports       every port of the top module, in declaration order
 * @param files       the Verilog files as named inside the zip ({@code hdl/verilog/...}), dependencies first
 */
public record IpComponent(String vendor, String library, String name, String version, String description,
                          VerilogPorts.Port clock, VerilogPorts.Port reset, List<AxisInterface> streams,
                          List<VerilogPorts.Port> ports, List<String> files) {

    /** The clock and reset names of the generated top (and of Vivado HLS IP). */
    public static final String CLOCK = "ap_clk";
    public static final String RESET = "ap_rst_n";

    /**
     * IP-XACT 1685-2009 types vendor, library, name and version as {@code xs:NMTOKEN}; the same rule is applied here
     * so a bad setting fails with its name instead of producing an invalid {@code component.xml}.
     */
    private static final Pattern NMTOKEN = Pattern.compile("[\\p{L}\\p{N}._:\\-]+");

    /**
     * One AXI4-Stream interface ({@code xilinx.com:interface:axis:1.0}).
     *
     * @param name  the stream's name (the port prefix), e.g. {@code input_1}
     * @param slave true for a model input (the IP receives), false for an output
     * @param tdata {@code <name>_TDATA}
     * @param tvalid {@code <name>_TVALID}
     * @param tready {@code <name>_TREADY}
     */
    public record AxisInterface(String name, boolean slave, VerilogPorts.Port tdata, VerilogPorts.Port tvalid,
                                VerilogPorts.Port tready) {

        /** Logical (AXI4-Stream) to physical port name, in the order component.xml lists them. */
        public Map<String, String> portMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("TDATA", tdata.name());
            m.put("TVALID", tvalid.name());
            m.put("TREADY", tready.name());
            return m;
        }
    }

    public IpComponent {
        requireToken("vendor", vendor, "<vendor> / -Dhls4ml.ip.vendor");
        requireToken("library", library, "<library> / -Dhls4ml.ip.library");
        requireToken("name", name, "ProjectName");
        requireToken("version", version, "the project's <version>");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(reset, "reset");
        streams = List.copyOf(streams);
        ports = List.copyOf(ports);
        files = List.copyOf(files);
        description = description == null ? "" : description;
    }

    private static void requireToken(String what, String value, String setting) {
        if (value == null || !NMTOKEN.matcher(value).matches()) {
            throw new ConfigurationException("the IP core's " + what + " '" + value + "' (" + setting + ") must be"
                    + " letters, digits and . _ : - only, as IP-XACT names are (xs:NMTOKEN)");
        }
    }

    /**
     * Finds the clock, the reset and the AXI4-Stream interfaces among the top's ports.
     *
     * @throws ConfigurationException when the top lacks {@code ap_clk}/{@code ap_rst_n} or has no complete stream
     */
    public static IpComponent of(String vendor, String library, String name, String version, String description,
                                 List<VerilogPorts.Port> ports, List<String> files) {
        Map<String, VerilogPorts.Port> byName = new LinkedHashMap<>();
        ports.forEach(p -> byName.put(p.name(), p));
        VerilogPorts.Port clock = scalarInput(byName, CLOCK, name);
        VerilogPorts.Port reset = scalarInput(byName, RESET, name);
        List<AxisInterface> streams = new ArrayList<>();
        for (VerilogPorts.Port p : ports) {
            if (!p.name().endsWith("_TDATA")) {
                continue;
            }
            String stream = p.name().substring(0, p.name().length() - "_TDATA".length());
            VerilogPorts.Port valid = byName.get(stream + "_TVALID");
            VerilogPorts.Port ready = byName.get(stream + "_TREADY");
            if (valid == null || ready == null) {
                throw new ConfigurationException("the top module " + name + " has " + p.name() + " without "
                        + stream + "_TVALID and " + stream + "_TREADY; it is not an AXI4-Stream interface");
            }
            boolean slave = p.direction().equals("in");
            String in = slave ? "in" : "out";
            String out = slave ? "out" : "in";
            if (!p.direction().equals(in) || !valid.direction().equals(in) || !ready.direction().equals(out)) {
                throw new ConfigurationException("the AXI4-Stream ports of " + stream + " in " + name
                        + " have inconsistent directions (TDATA " + p.direction() + ", TVALID " + valid.direction()
                        + ", TREADY " + ready.direction() + ")");
            }
            streams.add(new AxisInterface(stream, slave, p, valid, ready));
        }
        if (streams.stream().noneMatch(AxisInterface::slave) || streams.stream().allMatch(AxisInterface::slave)) {
            throw new ConfigurationException("the top module " + name + " needs at least one input and one output"
                    + " AXI4-Stream (<stream>_TDATA/_TVALID/_TREADY ports); found " + streams.size());
        }
        return new IpComponent(vendor, library, name, version, description, clock, reset, streams, ports, files);
    }

    private static VerilogPorts.Port scalarInput(Map<String, VerilogPorts.Port> byName, String port, String top) {
        VerilogPorts.Port p = byName.get(port);
        if (p == null || !p.direction().equals("in") || p.isVector()) {
            throw new ConfigurationException("the top module " + top + " has no 1-bit input " + port
                    + "; the IP core needs the clock ap_clk and the active-low reset ap_rst_n");
        }
        return p;
    }

    /** {@code vendor:library:name:version}. */
    public String vlnv() {
        return vendor + ":" + library + ":" + name + ":" + version;
    }
}
