package org.hls4ml.backends.rtl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * hls4ml_fifo under random valid/ready against a reference queue, for the register/LUT-RAM variant (shallow) and
 * the block-RAM variant (deep): order, capacity = DEPTH, ready/valid flags, and the simulation-only high-water mark.
 */
class FifoTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "DEPTH {0}")
    @CsvSource({"1", "3", "100"})
    void fifoBehavesLikeAQueue(int depth) throws Exception {
        String verilator = Tools.require("verilator");
        Map<String, String> files = RtlWriterFiles.fifoOnly();
        Files.writeString(dir.resolve("hls4ml_fifo.v"), files.get("rtl/hls4ml_fifo.v"));
        Files.writeString(dir.resolve("tb.cpp"), """
                #include "Vhls4ml_fifo.h"
                #include "Vhls4ml_fifo___024root.h"
                #include "verilated.h"
                #include <cstdio>
                #include <cstdlib>
                #include <deque>
                int main(int argc, char **argv) {
                    Verilated::commandArgs(argc, argv);
                    Vhls4ml_fifo *f = new Vhls4ml_fifo;
                    const unsigned depth = DEPTH_VALUE;
                    std::deque<unsigned long long> q;
                    unsigned long long next = 1, maxq = 0;
                    f->ap_rst_n = 0;
                    for (int i = 0; i < 3; i++) { f->ap_clk = 0; f->eval(); f->ap_clk = 1; f->eval(); }
                    f->ap_rst_n = 1;
                    std::srand(7);
                    for (int cycle = 0; cycle < 20000; cycle++) {
                        int phase = (cycle / 500) % 3; // producer-heavy, consumer-heavy, balanced
                        f->ap_clk = 0;
                        f->in_valid = std::rand() % 100 < (phase == 0 ? 90 : phase == 1 ? 20 : 60);
                        f->in_data = next;
                        f->out_ready = std::rand() % 100 < (phase == 0 ? 20 : phase == 1 ? 90 : 60);
                        f->eval();
                        if (f->in_ready != (q.size() < depth)) { printf("FAIL in_ready at %d\\n", cycle); return 1; }
                        bool in_fire = f->in_valid && f->in_ready, out_fire = f->out_valid && f->out_ready;
                        if (out_fire) {
                            if (q.empty() || q.front() != f->out_data) { printf("FAIL data at %d\\n", cycle); return 1; }
                            q.pop_front();
                        }
                        if (in_fire) { q.push_back(next); next++; }
                        if (q.size() > maxq) maxq = q.size();
                        f->ap_clk = 1;
                        f->eval();
                    }
                    f->ap_clk = 0; f->eval(); f->ap_clk = 1; f->eval();
                    unsigned long long hw = f->rootp->hls4ml_fifo__DOT__max_count;
                    printf("OK pushed %llu max %llu hw %llu\\n", next - 1, maxq, hw);
                    if (hw != maxq) { printf("FAIL high-water mark\\n"); return 1; }
                    return 0;
                }
                """.replace("DEPTH_VALUE", String.valueOf(depth)));
        Tools.ok(dir, 300, verilator, "--cc", "--exe", "--build", "-j", "1", "-Wall", "-GWIDTH=64", "-GDEPTH=" + depth,
                "--top-module", "hls4ml_fifo", "-Mdir", "obj", "hls4ml_fifo.v", "tb.cpp", "-CFLAGS", "-O1");
        String out = Tools.ok(dir, 120, dir.resolve("obj/Vhls4ml_fifo").toString());
        assertTrue(out.contains("OK"), out);
    }
}
