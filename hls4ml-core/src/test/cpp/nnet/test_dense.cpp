// Dense layer checks: latency == resource (bit for bit) over several shapes and
// valid reuse factors (rf < n_in, rf == n_in, rf > n_in), exactness against an
// independent integer reference, stream == array.
// Output: one "PASS <name>" / "FAIL <name> ..." line per check, then "DONE".
#include "ap_fixed.h"
#include "ap_int.h"
#include "hls_stream.h"
#include "nnet_utils/nnet_dense.h"
#include "nnet_utils/nnet_dense_stream.h"
#include "nnet_utils/nnet_helpers.h"
#include <cstdint>
#include <iostream>
#include <random>
#include <string>

typedef ap_fixed<16, 6> data_t;
typedef ap_fixed<12, 2> weight_t;
typedef ap_fixed<10, 4> bias_t;
typedef ap_fixed<16, 6> out_t;

static int failures = 0;
static void check(bool ok, const std::string &name, const std::string &detail = "") {
    std::cout << (ok ? "PASS " : "FAIL ") << name << (ok ? "" : " " + detail) << "\n";
    if (!ok)
        failures++;
}

template <unsigned NI, unsigned NO, unsigned RF, unsigned STRAT, class ACC, class RES> struct cfg : nnet::dense_config {
    typedef ::bias_t bias_t;
    typedef ::weight_t weight_t;
    typedef ACC accum_t;
    static const unsigned n_in = NI;
    static const unsigned n_out = NO;
    static const unsigned strategy = STRAT;
    static const unsigned reuse_factor = RF;
    static const unsigned n_nonzeros = NI * NO;
    static const unsigned multiplier_limit = DIV_ROUNDUP(NI * NO, RF);
};

template <unsigned NI, unsigned NO, unsigned RF, class ACC, class RES> void compare(std::mt19937 &rng, const char *tag) {
    typedef cfg<NI, NO, 1, nnet::latency, ACC, RES> lat;
    typedef cfg<NI, NO, RF, nnet::resource, ACC, RES> res;
    std::uniform_real_distribution<double> dd(-40.0, 40.0), dw(-2.0, 2.0), db(-8.0, 8.0);
    bool same = true;
    std::string detail;
    for (int trial = 0; trial < 20; trial++) {
        data_t x[NI];
        weight_t w[NI * NO];
        bias_t b[NO];
        for (unsigned i = 0; i < NI; i++)
            x[i] = dd(rng);
        for (unsigned i = 0; i < NI * NO; i++)
            w[i] = dw(rng);
        for (unsigned j = 0; j < NO; j++)
            b[j] = db(rng);
        RES y1[NO], y2[NO];
        nnet::dense<data_t, RES, lat>(x, y1, w, b);
        nnet::dense<data_t, RES, res>(x, y2, w, b);
        for (unsigned j = 0; j < NO; j++)
            if (y1[j] != y2[j]) {
                same = false;
                detail = "out " + std::to_string(j) + ": " + nnet::exact_string(y1[j]) + " vs " + nnet::exact_string(y2[j]);
            }
    }
    check(same, std::string("latency_eq_resource_") + tag + "_" + std::to_string(NI) + "x" + std::to_string(NO) + "_rf" +
                    std::to_string(RF),
          detail);
}

// Independent reference on raw integers: with a wide accumulator nothing is
// lost, so res = round_trn(bias + sum x*w) computed exactly in int64 (units of 2^-20).
template <unsigned NI, unsigned NO, unsigned RF> void exact_reference(std::mt19937 &rng) {
    typedef ap_fixed<40, 16> wide_t;
    typedef ap_fixed<40, 16> res_t;
    typedef cfg<NI, NO, RF, (RF == 1 ? nnet::latency : nnet::resource), wide_t, res_t> c;
    std::uniform_int_distribution<int> rx(-32768, 32767), rw(-2048, 2047), rb(-512, 511);
    bool ok = true;
    std::string detail;
    for (int trial = 0; trial < 10; trial++) {
        data_t x[NI];
        weight_t w[NI * NO];
        bias_t b[NO];
        int64_t xi[NI], wi[NI * NO], bi[NO];
        for (unsigned i = 0; i < NI; i++) {
            xi[i] = rx(rng); // units of 2^-10
            x[i] = (double)xi[i] / 1024.0;
        }
        for (unsigned i = 0; i < NI * NO; i++) {
            wi[i] = rw(rng); // units of 2^-10
            w[i] = (double)wi[i] / 1024.0;
        }
        for (unsigned j = 0; j < NO; j++) {
            bi[j] = rb(rng); // units of 2^-6
            b[j] = (double)bi[j] / 64.0;
        }
        res_t y[NO];
        nnet::dense<data_t, res_t, c>(x, y, w, b);
        for (unsigned j = 0; j < NO; j++) {
            int64_t acc = bi[j] << 14; // units of 2^-20
            for (unsigned i = 0; i < NI; i++)
                acc += xi[i] * wi[i * NO + j];
            const double expect = (double)acc / (double)(1 << 20);
            if (y[j].to_double() != expect) {
                ok = false;
                detail = "out " + std::to_string(j) + ": " + nnet::exact_string(y[j]);
            }
        }
    }
    check(ok, "exact_vs_integer_reference_" + std::to_string(NI) + "x" + std::to_string(NO) + "_rf" + std::to_string(RF),
          detail);
}

// Hand-worked: x = [1.5, -2], W = [[0.5, 1], [0.25, -1]] (row-major [n_in][n_out]), b = [0.125, 3]
// y0 = 0.125 + 1.5*0.5 + (-2)*0.25 = 0.375 ; y1 = 3 + 1.5*1 + (-2)*(-1) = 6.5
void hand_worked() {
    typedef cfg<2, 2, 1, nnet::latency, ap_fixed<24, 8>, out_t> c;
    typedef cfg<2, 2, 2, nnet::resource, ap_fixed<24, 8>, out_t> cr;
    data_t x[2] = {1.5, -2.0};
    weight_t w[4] = {0.5, 1.0, 0.25, -1.0};
    bias_t b[2] = {0.125, 3.0};
    out_t y[2], yr[2];
    nnet::dense<data_t, out_t, c>(x, y, w, b);
    nnet::dense<data_t, out_t, cr>(x, yr, w, b);
    check(nnet::exact_string(y[0]) == "0.375" && nnet::exact_string(y[1]) == "6.5", "hand_worked_latency",
          nnet::exact_string(y[0]) + " " + nnet::exact_string(y[1]));
    check(nnet::exact_string(yr[0]) == "0.375" && nnet::exact_string(yr[1]) == "6.5", "hand_worked_resource",
          nnet::exact_string(yr[0]) + " " + nnet::exact_string(yr[1]));
}

// Each product is cast to accum_t before summing: with accum_t = ap_fixed<8,4> (TRN)
// 0.75 * 0.0625 = 0.046875 truncates to 0.0 (LSB 1/16), twice -> bias 1.0 stays 1.0
// (summing first would give 1.09375 -> 1.0625).
void product_cast_each() {
    typedef ap_fixed<8, 4> acc_t;
    typedef cfg<2, 1, 1, nnet::latency, acc_t, out_t> c;
    typedef cfg<2, 1, 2, nnet::resource, acc_t, out_t> cr;
    data_t x[2] = {0.75, 0.75};
    weight_t w[2] = {0.0625, 0.0625};
    bias_t b[1] = {1.0};
    out_t y[1], yr[1];
    nnet::dense<data_t, out_t, c>(x, y, w, b);
    nnet::dense<data_t, out_t, cr>(x, yr, w, b);
    check(nnet::exact_string(y[0]) == "1.0" && nnet::exact_string(yr[0]) == "1.0", "product_cast_to_accum_each",
          nnet::exact_string(y[0]) + " " + nnet::exact_string(yr[0]));
}


// Step-by-step reference written out in the test: acc = (ACC) bias; for i increasing:
// acc = acc + (ACC) (x[i] * w[i][j]) (stored in ACC every step); res = (RES) acc.
// With narrow wrapping / saturating accumulators the running sum overflows often.
template <unsigned NI, unsigned NO, unsigned RF, class ACC, class RES> void stepwise_reference(std::mt19937 &rng, const char *tag) {
    typedef cfg<NI, NO, 1, nnet::latency, ACC, RES> lat;
    typedef cfg<NI, NO, RF, nnet::resource, ACC, RES> res;
    std::uniform_real_distribution<double> dd(-30.0, 30.0), dw(-2.0, 2.0), db(-8.0, 8.0);
    bool ok = true;
    std::string detail;
    for (int trial = 0; trial < 20; trial++) {
        data_t x[NI];
        weight_t w[NI * NO];
        bias_t b[NO];
        for (unsigned i = 0; i < NI; i++)
            x[i] = dd(rng);
        for (unsigned i = 0; i < NI * NO; i++)
            w[i] = dw(rng);
        for (unsigned j = 0; j < NO; j++)
            b[j] = db(rng);
        RES y1[NO], y2[NO];
        nnet::dense<data_t, RES, lat>(x, y1, w, b);
        nnet::dense<data_t, RES, res>(x, y2, w, b);
        for (unsigned j = 0; j < NO; j++) {
            ACC acc = (ACC)b[j];
            for (unsigned i = 0; i < NI; i++) {
                ACC p = (ACC)(x[i] * w[i * NO + j]);
                acc = acc + p;
            }
            RES want = (RES)acc;
            if (y1[j] != want || y2[j] != want) {
                ok = false;
                detail = "out " + std::to_string(j) + ": want " + nnet::exact_string(want) + " got " + nnet::exact_string(y1[j]) +
                         " / " + nnet::exact_string(y2[j]);
            }
        }
    }
    check(ok, std::string("stepwise_reference_") + tag + "_" + std::to_string(NI) + "x" + std::to_string(NO) + "_rf" +
                  std::to_string(RF),
          detail);
}

// C simulation fast path of nnet::dense (wrapping accumulators summed as modular integers, see
// dense_wrap_csim in nnet_dense.h) against the step-by-step reference, with random raw bit patterns
// over the full range of every type (minimum values included), odd and even n_out (SSE2 blocks of
// 16 and 2 outputs and the scalar tail), 32- and 64-bit lanes, AP_TRN / AP_RND, e < 0, e = 0 and
// e > 0, __int128 storage; LANE is the path the dispatcher must pick (0: the sequential one).
template <class T> T random_raw(std::mt19937_64 &rng) {
    T x;
    const int k = (int)(rng() % 8);
    typedef typename T::storage_t S;
    S v = (S)(int64_t)rng();
    if (sizeof(S) > 8)
        v = (S)(((ap_detail::u128)rng() << 64) | rng());
    if (k == 0)
        v = 0;
    else if (k == 1)
        v = (S)((int)(rng() % 5) - 2);
    x.V = ap_detail::wrapw(v, T::width, T::sign_flag);
    if (k == 2) // the minimum raw value
        x.V = ap_detail::min_raw<S>(T::width, T::sign_flag);
    return x;
}

template <class X, class WT, class BT, class ACC, class RES, unsigned NI, unsigned NO> struct fcfg : nnet::dense_config {
    typedef BT bias_t;
    typedef WT weight_t;
    typedef ACC accum_t;
    static const unsigned n_in = NI;
    static const unsigned n_out = NO;
    static const unsigned n_nonzeros = NI * NO;
    static const unsigned multiplier_limit = NI * NO;
};

template <int LANE, class X, class WT, class BT, class ACC, class RES, unsigned NI, unsigned NO>
void fast_vs_stepwise(std::mt19937_64 &rng, const char *tag) {
    typedef fcfg<X, WT, BT, ACC, RES, NI, NO> c;
    typedef nnet::dense_wrap_csim<X, WT, ACC, nnet::product::mult<X, WT> > info;
    bool ok = info::lane == LANE;
    std::string detail = ok ? "" : "lane " + std::to_string(info::lane) + " instead of " + std::to_string(LANE);
    for (int trial = 0; trial < 40 && ok; trial++) {
        X x[NI];
        WT w[NI * NO];
        BT b[NO];
        for (unsigned i = 0; i < NI; i++)
            x[i] = random_raw<X>(rng);
        for (unsigned i = 0; i < NI * NO; i++)
            w[i] = random_raw<WT>(rng);
        for (unsigned j = 0; j < NO; j++)
            b[j] = random_raw<BT>(rng);
        RES y[NO], ys[NO];
        nnet::dense<X, RES, c>(x, y, w, b);
        nnet::dense_latency<X, RES, c>(x, ys, w, b); // the sequential path, always
        for (unsigned j = 0; j < NO && ok; j++) {
            ACC acc = (ACC)b[j];
            for (unsigned i = 0; i < NI; i++) {
                ACC p = (ACC)(x[i] * w[i * NO + j]);
                acc = acc + p;
            }
            RES want = (RES)acc;
            if (y[j] != want || ys[j] != want) {
                ok = false;
                detail = "out " + std::to_string(j) + ": want " + nnet::exact_string(want) + " got " + nnet::exact_string(y[j]) +
                         " / " + nnet::exact_string(ys[j]);
            }
        }
    }
    check(ok, std::string("fast_vs_stepwise_") + tag + "_" + std::to_string(NI) + "x" + std::to_string(NO), detail);
}

void fast_path_cases() {
    std::mt19937_64 rng(987654321);
    typedef ap_fixed<16, 6> f16;
    // the KERAS_3layer types: e = 10, 32-bit lanes, SSE2 blocks of 16 + tails
    fast_vs_stepwise<32, f16, f16, f16, f16, f16, 16, 64>(rng, "model_trn");
    fast_vs_stepwise<32, f16, f16, f16, f16, f16, 32, 5>(rng, "model_trn");
    fast_vs_stepwise<32, f16, f16, f16, f16, f16, 7, 35>(rng, "model_trn");
    fast_vs_stepwise<32, f16, f16, f16, f16, f16, 1, 1>(rng, "model_trn");
    fast_vs_stepwise<32, f16, ap_fixed<12, 2>, ap_fixed<9, 3>, ap_fixed<12, 4, AP_RND>, f16, 16, 19>(rng, "rnd");
    fast_vs_stepwise<32, ap_ufixed<10, 3>, ap_fixed<9, 1>, ap_fixed<8, 2>, ap_ufixed<14, 5>, ap_fixed<12, 6, AP_RND, AP_SAT>, 9, 18>(
        rng, "ufixed_acc");
    fast_vs_stepwise<32, ap_ufixed<10, 3>, ap_ufixed<9, 1>, ap_ufixed<8, 2>, ap_ufixed<14, 5, AP_RND>, f16, 9, 3>(rng,
                                                                                                           "all_unsigned_rnd");
    // e < 0 (products shifted left), e = 0, accumulators of exactly 32 bits
    fast_vs_stepwise<32, ap_int<8>, ap_fixed<8, 3>, ap_fixed<6, 6>, ap_fixed<20, 10>, f16, 12, 17>(rng, "shift_left");
    fast_vs_stepwise<32, ap_fixed<16, 8>, ap_fixed<16, 8>, ap_fixed<16, 8>, ap_fixed<32, 16>, ap_fixed<32, 16>, 10, 16>(
        rng, "acc32");
    fast_vs_stepwise<32, ap_fixed<16, 8>, ap_ufixed<16, 8>, ap_fixed<16, 8>, ap_ufixed<32, 16>, ap_ufixed<32, 16>, 10, 6>(
        rng, "uacc32");
    fast_vs_stepwise<32, ap_int<8>, ap_int<6>, ap_int<5>, ap_int<10>, ap_int<16>, 20, 16>(rng, "ap_int");
    fast_vs_stepwise<32, ap_uint<8>, ap_int<6>, ap_uint<5>, ap_uint<10>, ap_int<16>, 20, 3>(rng, "ap_uint");
    fast_vs_stepwise<32, ap_int<8>, ap_fixed<8, 3>, ap_fixed<6, 6>, ap_fixed<20, 10, AP_RND_CONV>, f16, 5, 4>(
        rng, "shift_left_conv"); // no bits dropped: any rounding mode
    // 64-bit lanes (Wa + e > 32): portable loop
    fast_vs_stepwise<64, ap_fixed<24, 8>, ap_fixed<20, 4>, ap_fixed<16, 6>, ap_fixed<40, 12>, ap_fixed<20, 10>, 11, 16>(rng,
                                                                                                                "lane64");
    fast_vs_stepwise<64, ap_fixed<24, 8>, ap_fixed<20, 4>, ap_fixed<16, 6>, ap_fixed<40, 12, AP_RND>, ap_fixed<40, 12>, 11, 5>(
        rng, "lane64_rnd");
    fast_vs_stepwise<64, ap_fixed<30, 8>, ap_fixed<26, 4>, ap_fixed<16, 6>, ap_fixed<60, 20>, ap_fixed<60, 20>, 6, 7>(rng,
                                                                                                               "lane64_edge");
    // __int128 storage of the inputs (SSE2 path) or of the weights (portable loop)
    fast_vs_stepwise<32, ap_fixed<66, 60>, ap_fixed<12, 2>, f16, ap_fixed<20, 8>, f16, 8, 18>(rng, "wide_input");
    fast_vs_stepwise<32, f16, ap_fixed<80, 70>, f16, ap_fixed<24, 10>, f16, 8, 18>(rng, "wide_weight");
    // not for the fast path: saturation, saturation bits, other rounding with e > 0, fixed -> ap_int
    fast_vs_stepwise<0, f16, f16, f16, ap_fixed<16, 6, AP_TRN, AP_SAT>, f16, 16, 8>(rng, "sat");
    fast_vs_stepwise<0, f16, f16, f16, ap_fixed<16, 6, AP_TRN, AP_WRAP, 2>, f16, 16, 8>(rng, "wrap_n2");
    fast_vs_stepwise<0, f16, f16, f16, ap_fixed<16, 6, AP_RND_ZERO>, f16, 16, 8>(rng, "rnd_zero");
    fast_vs_stepwise<0, f16, f16, f16, ap_int<12>, f16, 16, 8>(rng, "fixed_to_int");
    fast_vs_stepwise<0, ap_fixed<40, 8>, ap_fixed<40, 4>, f16, ap_fixed<50, 20>, f16, 5, 4>(rng, "too_wide");
}

template <unsigned NI, unsigned NO, unsigned RF> void stream_vs_array(std::mt19937 &rng) {
    typedef cfg<NI, NO, RF, (RF == 1 ? nnet::latency : nnet::resource), ap_fixed<20, 8>, out_t> c;
    typedef nnet::array<data_t, NI> in_pack;
    typedef nnet::array<out_t, NO> out_pack;
    std::uniform_real_distribution<double> dd(-10.0, 10.0), dw(-2.0, 2.0);
    bool ok = true;
    for (int trial = 0; trial < 10; trial++) {
        data_t x[NI];
        weight_t w[NI * NO];
        bias_t b[NO];
        for (unsigned i = 0; i < NI; i++)
            x[i] = dd(rng);
        for (unsigned i = 0; i < NI * NO; i++)
            w[i] = dw(rng);
        for (unsigned j = 0; j < NO; j++)
            b[j] = dw(rng);
        out_t y[NO];
        nnet::dense<data_t, out_t, c>(x, y, w, b);
        hls::stream<in_pack> sin;
        hls::stream<out_pack> sout;
        in_pack p;
        for (unsigned i = 0; i < NI; i++)
            p[i] = x[i];
        sin.write(p);
        nnet::dense<in_pack, out_pack, c>(sin, sout, w, b);
        out_pack q = sout.read();
        for (unsigned j = 0; j < NO; j++)
            ok = ok && q[j] == y[j];
        ok = ok && sin.empty() && sout.empty();
    }
    check(ok, "stream_eq_array_" + std::to_string(NI) + "x" + std::to_string(NO) + "_rf" + std::to_string(RF));
}

int main() {
    std::mt19937 rng(12345);
    // Wrapping narrow accumulator (overflows happen), saturating one, and a roomy one.
    typedef ap_fixed<14, 5> acc_wrap;
    typedef ap_fixed<14, 5, AP_RND, AP_SAT> acc_sat;
    typedef ap_fixed<24, 10> acc_wide;
    typedef ap_fixed<10, 4, AP_RND_CONV, AP_SAT> res_sat;
    // 16 x 8: rf < n_in (2, 4, 8), rf == n_in (16), rf > n_in (32, 64, 128)
    compare<16, 8, 2, acc_wrap, out_t>(rng, "wrap");
    compare<16, 8, 4, acc_sat, res_sat>(rng, "sat");
    compare<16, 8, 8, acc_wide, out_t>(rng, "wide");
    compare<16, 8, 16, acc_wrap, out_t>(rng, "wrap");
    compare<16, 8, 32, acc_sat, res_sat>(rng, "sat");
    compare<16, 8, 64, acc_wrap, out_t>(rng, "wrap");
    compare<16, 8, 128, acc_sat, out_t>(rng, "sat");
    // 6 x 10: rf 2, 3, 6, 12, 30, 60
    compare<6, 10, 2, acc_sat, out_t>(rng, "sat");
    compare<6, 10, 3, acc_wrap, out_t>(rng, "wrap");
    compare<6, 10, 6, acc_sat, res_sat>(rng, "sat");
    compare<6, 10, 12, acc_wrap, out_t>(rng, "wrap");
    compare<6, 10, 30, acc_sat, out_t>(rng, "sat");
    compare<6, 10, 60, acc_wide, out_t>(rng, "wide");
    // 3 x 5 (odd sizes): rf 1, 3, 15
    compare<3, 5, 1, acc_wrap, out_t>(rng, "wrap");
    compare<3, 5, 3, acc_sat, out_t>(rng, "sat");
    compare<3, 5, 15, acc_wrap, res_sat>(rng, "wrap");
    // 64 x 32 with rf 4 and 128
    compare<64, 32, 4, acc_sat, out_t>(rng, "sat");
    compare<64, 32, 128, acc_wrap, out_t>(rng, "wrap");

    exact_reference<16, 8, 1>(rng);
    exact_reference<16, 8, 4>(rng);
    exact_reference<16, 8, 32>(rng);
    exact_reference<5, 7, 35>(rng);
    stepwise_reference<16, 8, 4, ap_fixed<12, 4>, out_t>(rng, "wrap");
    stepwise_reference<16, 8, 32, ap_fixed<12, 4, AP_RND, AP_SAT>, out_t>(rng, "sat");
    stepwise_reference<7, 6, 42, ap_ufixed<12, 4>, out_t>(rng, "ufixed_wrap");
    stepwise_reference<24, 4, 6, ap_fixed<10, 3, AP_RND_CONV, AP_SAT_SYM>, ap_fixed<8, 3> >(rng, "sat_sym");
    stepwise_reference<24, 4, 1, ap_fixed<20, 9>, ap_fixed<8, 3, AP_RND, AP_SAT> >(rng, "roomy");
    stepwise_reference<16, 8, 8, ap_int<7>, out_t>(rng, "ap_int");
    stepwise_reference<16, 8, 1, ap_uint<6>, out_t>(rng, "ap_uint");
    stepwise_reference<8, 4, 2, ap_fixed<60, 40>, out_t>(rng, "wide_storage");
    hand_worked();
    product_cast_each();
    stream_vs_array<16, 8, 1>(rng);
    stream_vs_array<16, 8, 8>(rng);
    stream_vs_array<5, 3, 15>(rng);
    fast_path_cases();

    std::cout << "DONE failures=" << failures << "\n";
    return failures == 0 ? 0 : 1;
}
