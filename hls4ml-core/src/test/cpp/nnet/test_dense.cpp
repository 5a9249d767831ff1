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

    std::cout << "DONE failures=" << failures << "\n";
    return failures == 0 ? 0 : 1;
}
