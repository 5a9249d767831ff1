package org.hls4ml.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hls4ml.api.ConfigurationException;
import org.junit.jupiter.api.Test;

class VerilogPortsTest {

    @Test
    void readsAnsiHeadersWithExpressionsCommentsAndSharedDeclarations() {
        String v = """
                // a comment naming module other (input wire x);
                module other (input wire q);
                endmodule
                /* module top (input wire fake); */
                module top (
                    input  wire ap_clk,          // clock
                    input  wire ap_rst_n,
                    input  wire [16*16-1:0] in_TDATA, /* block
                                                         comment */
                    input  wire signed [(3+1)*2 - 1 : 0] s, t,
                    output reg  [0:3] little,
                    inout  wire io
                );
                endmodule
                """;
        List<VerilogPorts.Port> ports = VerilogPorts.parse(v, "top");
        assertEquals(List.of(
                new VerilogPorts.Port("ap_clk", "in", null, null),
                new VerilogPorts.Port("ap_rst_n", "in", null, null),
                new VerilogPorts.Port("in_TDATA", "in", 255, 0),
                new VerilogPorts.Port("s", "in", 7, 0),
                new VerilogPorts.Port("t", "in", 7, 0),
                new VerilogPorts.Port("little", "out", 0, 3),
                new VerilogPorts.Port("io", "inout", null, null)), ports);
        assertEquals(256, ports.get(2).width());
        assertEquals(4, ports.get(5).width());
        assertEquals(1, VerilogPorts.parse(v, "other").size());
    }

    @Test
    void refusesWhatItCannotReadWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VerilogPorts.parse("module a(input b);", "top"))
                .getMessage().contains("no module 'top'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> VerilogPorts.parse("module top #(parameter W = 8) (input wire [W-1:0] b);", "top"))
                .getMessage().contains("parameters"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VerilogPorts.parse("module top (a, b); input a;", "top"))
                .getMessage().contains("non-ANSI"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> VerilogPorts.parse("module top (input wire [WIDTH-1:0] b);", "top"))
                .getMessage().contains("WIDTH-1"));
    }

    @Test
    void aTopWithoutClockResetOrBothStreamDirectionsIsNotAnIpCore() {
        List<VerilogPorts.Port> noReset = VerilogPorts.parse("module t(input wire ap_clk, input wire [7:0] a_TDATA,"
                + " input wire a_TVALID, output wire a_TREADY);", "t");
        assertTrue(assertThrows(ConfigurationException.class,
                () -> IpComponent.of("v", "l", "t", "1", "", noReset, List.of())).getMessage().contains("ap_rst_n"));
        List<VerilogPorts.Port> inputOnly = VerilogPorts.parse("module t(input wire ap_clk, input wire ap_rst_n,"
                + " input wire [7:0] a_TDATA, input wire a_TVALID, output wire a_TREADY);", "t");
        assertTrue(assertThrows(ConfigurationException.class,
                () -> IpComponent.of("v", "l", "t", "1", "", inputOnly, List.of())).getMessage()
                .contains("at least one input and one output"));
        List<VerilogPorts.Port> halfStream = VerilogPorts.parse("module t(input wire ap_clk, input wire ap_rst_n,"
                + " input wire [7:0] a_TDATA, input wire a_TVALID);", "t");
        assertTrue(assertThrows(ConfigurationException.class,
                () -> IpComponent.of("v", "l", "t", "1", "", halfStream, List.of())).getMessage()
                .contains("a_TREADY"));
    }
}
