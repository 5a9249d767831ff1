// Micro-benchmark of the bundled ap_types (not run by the tests):
//   g++ -O2 -std=c++14 -I hls4ml-core/src/main/resources/org/hls4ml/include/ap_types bench_mac.cpp -o bench_mac
// Measures acc += (accum_t)(x * w) with ap_fixed<16,6> operands and accumulator.
#include "ap_fixed.h"
#include <chrono>
#include <cstdio>

typedef ap_fixed<16, 6> data_t;
typedef ap_fixed<16, 6> weight_t;
typedef ap_fixed<16, 6> accum_t;

static const int N_IN = 64, N_OUT = 64;
data_t x[N_IN];
weight_t w[N_IN * N_OUT];
accum_t y[N_OUT];

__attribute__((noinline)) void dense() {
    for (int j = 0; j < N_OUT; j++) {
        accum_t acc = 0;
        for (int i = 0; i < N_IN; i++) acc += (accum_t)(x[i] * w[i * N_OUT + j]);
        y[j] = acc;
    }
}

int main() {
    for (int i = 0; i < N_IN; i++) x[i] = (i % 13) * 0.37 - 2.0;
    for (int i = 0; i < N_IN * N_OUT; i++) w[i] = ((i * 7) % 23) * 0.05 - 0.5;
    const int reps = 20000;
    auto t0 = std::chrono::steady_clock::now();
    double check = 0;
    for (int r = 0; r < reps; r++) {
        dense();
        check += y[r % N_OUT].to_double();
        x[r % N_IN] = y[(r * 5) % N_OUT];
    }
    auto t1 = std::chrono::steady_clock::now();
    double ns = std::chrono::duration<double, std::nano>(t1 - t0).count() / ((double)reps * N_IN * N_OUT);
    std::printf("%.3f ns/MAC (checksum %.6f)\n", ns, check);
    return 0;
}
