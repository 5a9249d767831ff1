// Micro-benchmark (not run by the tests): a 16-64-32-32-5 Dense + ReLU network,
// ap_fixed<16,6> everywhere, random weights, io_parallel.
// Build: g++ -O2 -std=c++14 -Wno-unknown-pragmas -I<ap_types> -I<templates/vivado> [-DBENCH_RF=<rf>] bench_dense_net.cpp
// BENCH_RF = 1 (default): latency strategy; otherwise resource strategy with that reuse factor for every
// layer (must be valid for all layers, e.g. 4 or 8 or 16). -DBENCH_STRATEGY=nnet::resource forces the
// resource strategy (also with rf 1).
#include "ap_fixed.h"
#include "ap_int.h"
#include "nnet_utils/nnet_activation.h"
#include "nnet_utils/nnet_dense.h"
#include <chrono>
#include <cstdio>
#include <random>

#ifndef BENCH_RF
#define BENCH_RF 1
#endif
#ifndef BENCH_STRATEGY
#define BENCH_STRATEGY (BENCH_RF == 1 ? nnet::latency : nnet::resource)
#endif

typedef ap_fixed<16, 6> fx;

template <unsigned NI, unsigned NO> struct dcfg : nnet::dense_config {
    typedef fx bias_t;
    typedef fx weight_t;
    typedef fx accum_t;
    static const unsigned n_in = NI;
    static const unsigned n_out = NO;
    static const unsigned strategy = BENCH_STRATEGY;
    static const unsigned reuse_factor = BENCH_RF;
    static const unsigned n_nonzeros = NI * NO;
    static const unsigned multiplier_limit = DIV_ROUNDUP(NI * NO, BENCH_RF);
};
template <unsigned N> struct rcfg : nnet::activ_config {
    static const unsigned n_in = N;
};

static fx w1[16 * 64], b1[64], w2[64 * 32], b2[32], w3[32 * 32], b3[32], w4[32 * 5], b4[5];

static void net(fx in[16], fx out[5]) {
    fx l1[64], a1[64], l2[32], a2[32], l3[32], a3[32];
    nnet::dense<fx, fx, dcfg<16, 64> >(in, l1, w1, b1);
    nnet::relu<fx, fx, rcfg<64> >(l1, a1);
    nnet::dense<fx, fx, dcfg<64, 32> >(a1, l2, w2, b2);
    nnet::relu<fx, fx, rcfg<32> >(l2, a2);
    nnet::dense<fx, fx, dcfg<32, 32> >(a2, l3, w3, b3);
    nnet::relu<fx, fx, rcfg<32> >(l3, a3);
    nnet::dense<fx, fx, dcfg<32, 5> >(a3, out, w4, b4);
}

int main() {
    std::mt19937 rng(1);
    std::uniform_real_distribution<double> dw(-0.5, 0.5), dx(-4.0, 4.0);
    for (auto &w : w1) w = dw(rng);
    for (auto &w : b1) w = dw(rng);
    for (auto &w : w2) w = dw(rng);
    for (auto &w : b2) w = dw(rng);
    for (auto &w : w3) w = dw(rng);
    for (auto &w : b3) w = dw(rng);
    for (auto &w : w4) w = dw(rng);
    for (auto &w : b4) w = dw(rng);
    const int n_samples = 20000;
    static fx inputs[n_samples][16];
    for (int s = 0; s < n_samples; s++)
        for (int i = 0; i < 16; i++)
            inputs[s][i] = dx(rng);
    double checksum = 0;
    fx out[5];
    for (int s = 0; s < 200; s++) // warm-up
        net(inputs[s], out);
    const auto t0 = std::chrono::steady_clock::now();
    for (int s = 0; s < n_samples; s++) {
        net(inputs[s], out);
        for (int j = 0; j < 5; j++)
            checksum += out[j].to_double();
    }
    const auto t1 = std::chrono::steady_clock::now();
    const double ns = std::chrono::duration<double, std::nano>(t1 - t0).count() / n_samples;
    std::printf("strategy=%s rf=%d ns_per_sample=%.1f checksum=%.10f\n", BENCH_STRATEGY == nnet::latency ? "latency" : "resource", BENCH_RF, ns, checksum);
    return 0;
}
