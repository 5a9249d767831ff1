package org.hls4ml.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.hls4ml.api.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerilogIndexTest {

    @TempDir
    Path tmp;

    @Test
    void findsModulesParametersAndTheFilesAModuleNeeds() throws IOException {
        Path fifo = write("fifo.v", """
                // module not_a_module: a comment
                module hls4ml_fifo #(parameter WIDTH = 8) (input wire clk);
                endmodule
                """);
        Path dense = write("dense.v", """
                /* a block comment naming hls4ml_fifo and
                   module ghost */
                module dense (input wire clk);
                    localparam integer N = 4;
                    initial $display("hls4ml_fifo");
                    helper u_h (.clk(clk));
                endmodule
                module helper (input wire clk);
                endmodule
                """);
        Path relu = write("relu.v", "module relu(input wire clk); endmodule\n");
        Path top = write("top.v", """
                `include "defs.vh"
                module top (input wire clk);
                    dense u_d (.clk(clk));
                    relu u_r (.clk(clk));
                    hls4ml_fifo #(.WIDTH(16)) u_f (.clk(clk));
                endmodule
                """);
        VerilogIndex index = VerilogIndex.scan(List.of(fifo, dense, relu, top));

        assertTrue(index.module("ghost").isEmpty(), "names in comments are not modules");
        assertTrue(index.module("not_a_module").isEmpty());
        assertTrue(index.module("hls4ml_fifo").orElseThrow().parameterized());
        assertFalse(index.module("dense").orElseThrow().parameterized(), "a localparam is no parameter");
        assertEquals(Set.of("helper"), index.module("dense").orElseThrow().references(),
                "a string or a comment naming a module is no reference");
        assertEquals(Set.of("dense", "relu", "hls4ml_fifo"), index.module("top").orElseThrow().references());
        assertEquals(List.of("dense", "helper"), index.modulesOf(dense));

        assertEquals(List.of(dense), index.filesFor("dense"));
        assertEquals(List.of(dense), index.filesFor("helper"), "the whole file: its other modules come along");
        assertEquals(List.of(relu), index.filesFor("relu"));
        assertEquals(List.of(fifo, dense, relu, top), index.filesFor("top"));
        assertEquals(Set.of("dense", "helper"), index.modulesNeededBy("dense"));
        assertEquals(Set.of("helper"), index.modulesNeededBy("helper"));
        assertEquals(Set.of("top", "dense", "helper", "relu", "hls4ml_fifo"), index.modulesNeededBy("top"));
        assertEquals(List.of(tmp.resolve("defs.vh")), index.includes(top));
    }

    @Test
    void aModuleDefinedTwiceIsAnError() throws IOException {
        Path a = write("a.v", "module m; endmodule\n");
        Path b = write("b.v", "module m; endmodule\n");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> VerilogIndex.scan(List.of(a, b)));
        assertTrue(e.getMessage().contains("module m is defined twice"), e.getMessage());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }
}
