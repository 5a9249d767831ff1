// Verilator test bench of the "mini" design, following the cosim contract:
//   Vmini <input.dat> <results.log> <report.json> <watchdogCycles>
// Streams every value of tb_input_features.dat into the design (Q8.8, one value per beat), writes one output line per
// sample with each value's exact decimal, and a report.json with cycles, latency, interval and FIFO statistics.
// Exit 0: done; 3: deadlock (no beat moved for watchdogCycles cycles; report.json names every FIFO's state); 2: usage.
#include "Vmini.h"
#include "Vmini___024root.h"
#include "verilated.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

static const int N_IN = 4;
static const int N_OUT = 4;

struct Probe {
    const char* name;
    const CData* count;
    const IData* depth;
    int max_occupancy = 0;
    long full_cycles = 0;
};

static std::string decimal(int16_t raw) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10f", raw / 256.0);
    std::string s(buf);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    if (s == "-0") s = "0";
    return s;
}

static void write_report(const char* path, int samples, long cycles, long latency, double interval,
                         std::vector<Probe>& probes, long deadlock_cycle) {
    std::ofstream r(path);
    r << "{\n  \"samples\": " << samples << ",\n  \"cycles_total\": " << cycles
      << ",\n  \"latency_cycles\": " << latency << ",\n  \"interval_cycles\": " << interval << ",\n  \"fifos\": {";
    for (size_t i = 0; i < probes.size(); i++) {
        r << (i ? "," : "") << "\n    \"" << probes[i].name << "\": {\"depth\": " << *probes[i].depth
          << ", \"max_occupancy\": " << probes[i].max_occupancy << ", \"full_cycles\": " << probes[i].full_cycles
          << "}";
    }
    r << "\n  },\n  \"deadlock\": ";
    if (deadlock_cycle < 0) {
        r << "null";
    } else {
        r << "{\"cycle\": " << deadlock_cycle << ", \"fifos\": {";
        for (size_t i = 0; i < probes.size(); i++) {
            int occ = *probes[i].count;
            r << (i ? ", " : "") << "\"" << probes[i].name << "\": {\"occupancy\": " << occ
              << ", \"full\": " << (occ == (int) *probes[i].depth ? "true" : "false")
              << ", \"empty\": " << (occ == 0 ? "true" : "false") << "}";
        }
        r << "}}";
    }
    r << "\n}\n";
}

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: %s input.dat results.log report.json watchdogCycles\n", argv[0]);
        return 2;
    }
    const long watchdog = std::atol(argv[4]);
    std::vector<int16_t> beats;
    std::ifstream in(argv[1]);
    std::string line;
    int samples = 0;
    while (std::getline(in, line)) {
        std::istringstream values(line);
        double v;
        int n = 0;
        while (values >> v) {
            beats.push_back((int16_t) std::lround(v * 256));
            n++;
        }
        if (n == 0) continue;
        if (n != N_IN) {
            std::fprintf(stderr, "sample %d has %d values, expected %d\n", samples, n, N_IN);
            return 2;
        }
        samples++;
    }
    std::FILE* results = std::fopen(argv[2], "w");
    if (!results) {
        std::perror(argv[2]);
        return 2;
    }

    auto ctx = std::make_unique<VerilatedContext>();
    ctx->commandArgs(argc, argv);
    auto top = std::make_unique<Vmini>(ctx.get());
    std::vector<Probe> probes = {
        {"in_fifo", &top->rootp->mini__DOT__u_in__DOT__count, &top->rootp->mini__DOT__u_in__DOT__depth_w},
        {"skip_fifo", &top->rootp->mini__DOT__u_skip__DOT__count, &top->rootp->mini__DOT__u_skip__DOT__depth_w},
    };

    top->ap_clk = 0;
    top->ap_rst = 1;
    top->in_valid = 0;
    top->out_ready = 0;
    for (int i = 0; i < 2; i++) {
        top->ap_clk = 1;
        top->eval();
        top->ap_clk = 0;
        top->eval();
    }
    top->ap_rst = 0;

    const size_t total_out = (size_t) samples * N_OUT;
    size_t in_idx = 0, out_idx = 0;
    long cycle = 0, last_progress = 0, first_start = -1, last_start = -1, latency = 0;
    std::vector<int16_t> sample_out;
    while (out_idx < total_out) {
        top->in_valid = in_idx < beats.size();
        top->in_data = in_idx < beats.size() ? (uint16_t) beats[in_idx] : 0;
        top->out_ready = 1;
        top->eval();
        bool in_fire = top->in_valid && top->in_ready;
        bool out_fire = top->out_valid && top->out_ready;
        int16_t out_value = (int16_t) top->out_data;
        for (auto& p : probes) {
            int occ = *p.count;
            if (occ > p.max_occupancy) p.max_occupancy = occ;
            if (occ == (int) *p.depth) p.full_cycles++;
        }
        top->ap_clk = 1;
        top->eval();
        top->ap_clk = 0;
        top->eval();
        if (in_fire) {
            if (in_idx % N_IN == 0) {
                if (first_start < 0) first_start = cycle;
                last_start = cycle;
            }
            in_idx++;
        }
        if (out_fire) {
            sample_out.push_back(out_value);
            out_idx++;
            if (sample_out.size() == (size_t) N_OUT) {
                for (int i = 0; i < N_OUT; i++) {
                    std::fprintf(results, "%s%s", i ? " " : "", decimal(sample_out[i]).c_str());
                }
                std::fprintf(results, "\n");
                sample_out.clear();
                if (out_idx == (size_t) N_OUT) latency = cycle - first_start + 1;
            }
        }
        cycle++;
        if (in_fire || out_fire) last_progress = cycle;
        if (cycle - last_progress > watchdog) {
            std::fclose(results);
            write_report(argv[3], samples, cycle, latency, 0, probes, cycle);
            std::fprintf(stderr, "deadlock: no beat moved for %ld cycles (cycle %ld)\n", watchdog, cycle);
            top->final();
            return 3;
        }
    }
    std::fclose(results);
    double interval = samples > 1 ? (double) (last_start - first_start) / (samples - 1) : (double) latency;
    write_report(argv[3], samples, cycle, latency, interval, probes, -1);
    top->final();
    std::printf("INFO: %d samples, %ld cycles\n", samples, cycle);
    return 0;
}
