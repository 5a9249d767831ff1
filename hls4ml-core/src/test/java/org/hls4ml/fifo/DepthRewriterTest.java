package org.hls4ml.fifo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hls4ml.api.ConfigurationException;
import org.junit.jupiter.api.Test;

/** Exact-name rewriting of stream depths in the C++ pragmas and the Verilog depth constants. */
class DepthRewriterTest {

    static final String CPP = """
            void myproject(hls::stream<input_t> &input_1, hls::stream<result_t> &layer12_out) {
                hls::stream<layer1_t> layer1_out("layer1_out");
                #pragma HLS STREAM variable=layer1_out depth=1
                hls::stream<layer11_t> layer11_out("layer11_out");
                #pragma HLS STREAM variable=layer11_out depth=64
            }
            """;

    static final String V = """
                localparam integer DEPTH_layer1_out = 1;
                localparam integer DEPTH_layer11_out = 64;
                hls4ml_fifo #(.WIDTH(16), .DEPTH(DEPTH_layer1_out)) fifo_layer1_out (...);
            """;

    @Test
    void namesAreMatchedExactlyNotBySubstring() {
        assertEquals(Map.of("layer1_out", 1, "layer11_out", 64), DepthRewriter.pragmaDepths(CPP));
        assertEquals(Map.of("layer1_out", 1, "layer11_out", 64), DepthRewriter.verilogDepths(V));

        String cpp = DepthRewriter.rewritePragmas(CPP, Map.of("layer1_out", 7), "myproject.cpp");
        assertEquals(Map.of("layer1_out", 7, "layer11_out", 64), DepthRewriter.pragmaDepths(cpp));
        String v = DepthRewriter.rewriteVerilog(V, Map.of("layer11_out", 3), "myproject.v");
        assertEquals(Map.of("layer1_out", 1, "layer11_out", 3), DepthRewriter.verilogDepths(v));
        assertTrue(v.contains(".DEPTH(DEPTH_layer1_out)"), v);

        Map<String, Integer> both = new LinkedHashMap<>();
        both.put("layer1_out", 2);
        both.put("layer11_out", 5);
        assertEquals(both, DepthRewriter.pragmaDepths(DepthRewriter.rewritePragmas(CPP, both, "f")));
        // only the numbers changed
        assertEquals(CPP.replace("layer1_out depth=1", "layer1_out depth=2").replace("depth=64", "depth=5"),
                DepthRewriter.rewritePragmas(CPP, both, "f"));
    }

    @Test
    void aStreamWithoutExactlyOnePragmaRewritesNothingAndSaysWhere() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> DepthRewriter.rewritePragmas(CPP, Map.of("layer1_ou", 3), "firmware/myproject.cpp"));
        assertTrue(e.getMessage().contains("firmware/myproject.cpp") && e.getMessage().contains("layer1_ou 0 times"),
                e.getMessage());
        String twice = CPP + "#pragma HLS STREAM variable=layer1_out depth=9\n";
        e = assertThrows(ConfigurationException.class,
                () -> DepthRewriter.rewritePragmas(twice, Map.of("layer1_out", 3), "x.cpp"));
        assertTrue(e.getMessage().contains("2 times"), e.getMessage());
        e = assertThrows(ConfigurationException.class,
                () -> DepthRewriter.rewriteVerilog(V, Map.of("layer2_out", 3), "rtl/myproject.v"));
        assertTrue(e.getMessage().contains("rtl/myproject.v"), e.getMessage());
    }
}
