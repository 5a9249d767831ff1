// Activation checks on hand-worked values with small hand-written tables.
// Output: one "PASS <name>" / "FAIL <name> ..." line per check, then "DONE".
#include "ap_fixed.h"
#include "ap_int.h"
#include "hls_stream.h"
#include "nnet_utils/nnet_activation.h"
#include "nnet_utils/nnet_activation_stream.h"
#include "nnet_utils/nnet_helpers.h"
#include <cmath>
#include <iostream>
#include <random>
#include <sstream>
#include <string>

typedef ap_fixed<16, 6> data_t;
typedef ap_fixed<16, 6> out_t;

static int failures = 0;
template <class T> static std::string line(const T *a, unsigned n) {
    std::ostringstream os;
    nnet::print_array(os, a, n);
    std::string s = os.str();
    return s.substr(0, s.size() - 1);
}
static void expect(const std::string &got, const std::string &want, const std::string &name) {
    const bool ok = got == want;
    std::cout << (ok ? "PASS " : "FAIL ") << name << (ok ? "" : " got [" + got + "] want [" + want + "]") << "\n";
    if (!ok)
        failures++;
}
static void check(bool ok, const std::string &name) {
    std::cout << (ok ? "PASS " : "FAIL ") << name << "\n";
    if (!ok)
        failures++;
}

struct relu_cfg : nnet::activ_config {
    static const unsigned n_in = 6;
};

// ---- sigmoid: table_size 32, table[i] = i, so the output is the index itself.
// index = trunc(x * 32 / 16) + 16 = trunc(2x) + 16, clamped to [0, 31] (trunc: toward zero)
struct sigmoid_cfg : nnet::activ_config {
    static const unsigned n_in = 9;
    static const unsigned table_size = 32;
    static const table_t table[32];
};
const sigmoid_cfg::table_t sigmoid_cfg::table[32] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
                                                     16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31};
// ---- tanh: table_size 16, table[i] = i; index = trunc(x * 16 / 8) + 8 = trunc(2x) + 8, clamped to [0, 15]
struct tanh_cfg : nnet::activ_config {
    static const unsigned n_in = 6;
    static const unsigned table_size = 16;
    static const table_t table[16];
};
const tanh_cfg::table_t tanh_cfg::table[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

// ---- softmax stable, table_size 8 (N = 3 address bits)
// inp_norm_t = ap_ufixed<6,3>: top 3 bits are the integer bits, v(i) = i.
// inv_inp_t = ap_fixed<8,3,RND,SAT>: top 3 bits weigh -4, 2, 1: v(i) = i (i < 4), i - 8 (i >= 4).
struct stable_cfg : nnet::softmax_config {
    static const unsigned n_in = 4;
    static const unsigned table_size = 8;
    static const nnet::softmax_implementation implementation = nnet::softmax_implementation::stable;
    typedef ap_fixed<16, 6> accum_t;
    typedef ap_ufixed<6, 3> inp_norm_t;
    typedef ap_fixed<8, 3, AP_RND, AP_SAT> inv_inp_t;
    static const exp_table_t exp_table[8];
    static const inv_table_t invert_table[8];
};
// exp(-v(i)), hand-rounded approximations (exactly representable)
const stable_cfg::exp_table_t stable_cfg::exp_table[8] = {1.0, 0.375, 0.125, 0.046875, 0.015625, 0.0078125, 0.0, 0.0};
// 1 / v(i): v = 0 (-> max), 1, 2, 3, -4, -3, -2, -1
const stable_cfg::inv_table_t stable_cfg::invert_table[8] = {511.998046875, 1.0, 0.5, 0.3330078125, -0.25, -0.3330078125, -0.5, -1.0};

// Hand working, x = [2.5, 2.0, 1.0, -3.0] (data_t), res_T = ap_fixed<8,2> (6 fractional bits, TRN):
//   x_max = 2.5; d = x_max - x = [0, 0.5, 1.5, 5.5] (inp_norm_t, exact)
//   idx(d) = top 3 bits = floor(d) = [0, 0, 1, 5] -> e = [1, 1, 0.375, 0.0078125] (accum_t)
//   sum (tree (e0 + e1) + (e2 + e3)) = 2 + 0.3828125 = 2.3828125
//   -> inv_inp_t (5 fractional bits, round): 76.25 / 32 -> 76 / 32 = 2.375 = 010.01100b, idx = 010b = 2
//   inv = invert_table[2] = 0.5
//   res = e * 0.5 = [0.5, 0.5, 0.1875, 0.00390625] -> ap_fixed<8,2> truncation: [0.5, 0.5, 0.1875, 0.0]
typedef ap_fixed<8, 2> smax_out_t;

// ---- exhaustive index checks with table_size 1024 and table[i] = i (table_t wide enough to hold 1023):
// the output equals the index, compared with clamp(trunc(x * 1024 / RANGE) + 512) computed in double.
#define IDX8(b) b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7
#define IDX64(b) IDX8(b), IDX8(b + 8), IDX8(b + 16), IDX8(b + 24), IDX8(b + 32), IDX8(b + 40), IDX8(b + 48), IDX8(b + 56)
#define IDX512(b) IDX64(b), IDX64(b + 64), IDX64(b + 128), IDX64(b + 192), IDX64(b + 256), IDX64(b + 320), IDX64(b + 384), IDX64(b + 448)
struct ident_cfg : nnet::activ_config {
    static const unsigned n_in = 1;
    static const unsigned table_size = 1024;
    typedef ap_fixed<24, 14> table_t;
    static const table_t table[1024];
};
const ident_cfg::table_t ident_cfg::table[1024] = {IDX512(0), IDX512(512)};

template <class T> static bool exhaustive_index(bool is_sigmoid) {
    const int W = T::width;
    const double lsb = std::ldexp(1.0, -(W - T::iwidth));
    const long lo = T::sign_flag ? -(1L << (W - 1)) : 0, hi = T::sign_flag ? (1L << (W - 1)) : (1L << W);
    for (long raw = lo; raw < hi; raw++) {
        const double xd = raw * lsb;
        T x[1] = {xd};
        ap_fixed<24, 14> y[1];
        if (is_sigmoid)
            nnet::sigmoid<T, ap_fixed<24, 14>, ident_cfg>(x, y);
        else
            nnet::tanh<T, ap_fixed<24, 14>, ident_cfg>(x, y);
        long want = (long)std::trunc(xd * 1024.0 / (is_sigmoid ? 16.0 : 8.0)) + 512;
        if (want < 0)
            want = 0;
        if (want > 1023)
            want = 1023;
        if (y[0].to_double() != (double)want) {
            std::cout << "  mismatch at x = " << xd << ": " << y[0].to_double() << " vs " << want << "\n";
            return false;
        }
    }
    return true;
}

// softmax address = top N bits: for ap_ufixed<15,5>, idx = floor(d * 32); for ap_fixed<18,8>, idx = floor(s * 4) mod 1024.
template <class T> static bool exhaustive_top_bits() {
    const int W = T::width, F = W - T::iwidth;
    const long lo = T::sign_flag ? -(1L << (W - 1)) : 0, hi = T::sign_flag ? (1L << (W - 1)) : (1L << W);
    for (long raw = lo; raw < hi; raw++) {
        T x = std::ldexp((double)raw, -F);
        const unsigned got = nnet::softmax_idx_from_real_val<T, 1024>(x);
        const long want = ((raw % (1L << W) + (1L << W)) % (1L << W)) >> (W - 10);
        if ((long)got != want) {
            std::cout << "  mismatch at raw " << raw << ": " << got << " vs " << want << "\n";
            return false;
        }
    }
    return true;
}


// ---- softmax latency, table_size 8, data_T = ap_fixed<6,3>: top 3 bits weigh -4, 2, 1:
// v(i) = i (i < 4), i - 8 (i >= 4). inv_inp_t = ap_fixed<8,6,RND,SAT>: top bits weigh -32, 16, 8: v(i) = 8i / 8(i-8).
struct latency_cfg : nnet::softmax_config {
    static const unsigned n_in = 3;
    static const unsigned table_size = 8;
    static const nnet::softmax_implementation implementation = nnet::softmax_implementation::latency;
    typedef ap_fixed<16, 6> accum_t;
    typedef ap_fixed<8, 6, AP_RND, AP_SAT> inv_inp_t;
    static const exp_table_t exp_table[8];
    static const inv_table_t invert_table[8];
};
// exp(v(i)) approximations for v = 0, 1, 2, 3, -4, -3, -2, -1
const latency_cfg::exp_table_t latency_cfg::exp_table[8] = {1.0, 2.75, 7.375, 20.0, 0.015625, 0.046875, 0.125, 0.375};
// 1 / v(i) for v = 0 (max), 8, 16, 24, -32, -24, -16, -8
const latency_cfg::inv_table_t latency_cfg::invert_table[8] = {511.998046875, 0.125, 0.0625, 0.0419921875,
                                                               -0.03125, -0.0419921875, -0.0625, -0.125};
// Hand working, x = [1.5, 2.25, -0.5] (ap_fixed<6,3>):
//   idx = top 3 bits: 1.5 -> 001 (1), 2.25 -> 010 (2), -0.5 = 111.100b -> 111 (7)
//   e = [2.75, 7.375, 0.375]; sum (tree (e0 + e1) + e2) = 10.5 -> inv_inp_t 10.5 = 001010.10b, idx 001 = 1
//   inv = 0.125; res = [0.34375, 0.921875, 0.046875]

// ---- softmax legacy, table_size 16, table_t = ap_fixed<18,8>
// exp index = trunc((x_j - x_i) * 16 / 16) + 8 = trunc(x_j - x_i) + 8; exp_table[k] ~ exp(k - 8)
// inv index = trunc(acc * 16 / 64) = trunc(acc / 4); invert_table[k] = 1 / (4k), [0] = 0 (10 fractional bits, TRN)
struct legacy_cfg : nnet::softmax_config {
    static const unsigned n_in = 3;
    static const unsigned table_size = 16;
    static const nnet::softmax_implementation implementation = nnet::softmax_implementation::legacy;
    static const table_t exp_table[16];
    static const table_t invert_table[16];
};
const legacy_cfg::table_t legacy_cfg::exp_table[16] = {0,   0,    0,     0,  0.015625, 0.046875, 0.125, 0.375,
                                                       1.0, 2.75, 7.375, 20, 54.5,     127,      127,   127};
const legacy_cfg::table_t legacy_cfg::invert_table[16] = {0,        0.25,       0.125,       0.0830078125,
                                                          0.0625,   0.0498046875, 0.041015625, 0.03515625,
                                                          0.03125,  0.02734375, 0.025390625, 0.0224609375,
                                                          0.0205078125, 0.0185546875, 0.017578125, 0.0166015625};
// Hand working, x = [0, 1.5, -2.25]:
//   i = 0: j=1: 1.5 -> 1 -> idx 9 (2.75); j=2: -2.25 -> -2 -> idx 6 (0.125); acc = 1 + 2.75 + 0.125 = 3.875 -> inv idx 0 -> 0
//   i = 1: j=0: -1.5 -> -1 -> idx 7 (0.375); j=2: -3.75 -> -3 -> idx 5 (0.046875); acc = 1.421875 -> idx 0 -> 0
//   i = 2: j=0: 2.25 -> 2 -> idx 10 (7.375); j=1: 3.75 -> 3 -> idx 11 (20); acc = 28.375 -> trunc(7.09375) = 7 -> 0.03515625

struct argmax_cfg : nnet::softmax_config {
    static const unsigned n_in = 5;
    static const nnet::softmax_implementation implementation = nnet::softmax_implementation::argmax;
};

int main() {
    {
        data_t x[6] = {-1.5, 0.0, 0.0009765625, 3.25, -0.0009765625, 31.5};
        out_t y[6];
        nnet::relu<data_t, out_t, relu_cfg>(x, y);
        expect(line(y, 6), "0.0 0.0 0.0009765625 3.25 0.0 31.5", "relu_exact");
        ap_fixed<8, 3> z[6];
        nnet::relu<data_t, ap_fixed<8, 3>, relu_cfg>(x, z);
        // ap_fixed<8,3> (TRN, WRAP): 0.0009765625 -> 0; 3.25 -> 3.25; 31.5 wraps -> 31.5 - 32 = -0.5
        expect(line(z, 6), "0.0 0.0 0.0 3.25 0.0 -0.5", "relu_converted_to_res_t");
        nnet::linear<data_t, out_t, relu_cfg>(x, y);
        expect(line(y, 6), "-1.5 0.0 0.0009765625 3.25 -0.0009765625 31.5", "linear_exact");
        nnet::linear<data_t, ap_fixed<8, 3>, relu_cfg>(x, z);
        // -0.0009765625 truncates toward -inf to -0.03125
        expect(line(z, 6), "-1.5 0.0 0.0 3.25 -0.03125 -0.5", "linear_converted_to_res_t");
    }
    {
        // trunc(2x) + 16: -0.25 -> 0 -> 16 (floor would give 15); -0.5 -> 15; 0.75 -> 17; 7.96875 -> 15 -> 31;
        // 8 -> 32 -> 31 (clamp); -8 -> 0; -7.75 -> -15 -> 1; -31 -> clamp 0; 0.0 -> 16
        data_t x[9] = {-0.25, -0.5, 0.75, 7.96875, 8.0, -8.0, -7.75, -31.0, 0.0};
        out_t y[9];
        nnet::sigmoid<data_t, out_t, sigmoid_cfg>(x, y);
        expect(line(y, 9), "16.0 15.0 17.0 31.0 31.0 0.0 1.0 0.0 16.0", "sigmoid_index");
    }
    {
        // trunc(2x) + 8: -0.25 -> 8; -0.5 -> 7; 1.75 -> 11; 5 -> 18 -> 15; -5 -> -2 -> 0; 3.9990234375 -> 7 -> 15
        data_t x[6] = {-0.25, -0.5, 1.75, 5.0, -5.0, 3.9990234375};
        out_t y[6];
        nnet::tanh<data_t, out_t, tanh_cfg>(x, y);
        expect(line(y, 6), "8.0 7.0 11.0 15.0 0.0 15.0", "tanh_index");
    }
    check(exhaustive_index<ap_fixed<16, 6> >(true), "sigmoid_index_exhaustive_16_6");
    check(exhaustive_index<ap_fixed<16, 6> >(false), "tanh_index_exhaustive_16_6");
    check(exhaustive_index<ap_fixed<10, 4, AP_RND, AP_SAT> >(true), "sigmoid_index_exhaustive_10_4");
    check(exhaustive_index<ap_fixed<12, 1> >(false), "tanh_index_exhaustive_12_1");
    check(exhaustive_index<ap_ufixed<12, 5> >(true), "sigmoid_index_exhaustive_ufixed_12_5");
    check(exhaustive_index<ap_fixed<8, 10> >(true), "sigmoid_index_exhaustive_8_10");
    check(exhaustive_top_bits<ap_ufixed<15, 5> >(), "softmax_index_exhaustive_ufixed_15_5");
    check(exhaustive_top_bits<ap_fixed<18, 8, AP_RND, AP_SAT> >(), "softmax_index_exhaustive_fixed_18_8");
    {
        data_t x[4] = {2.5, 2.0, 1.0, -3.0};
        smax_out_t y[4];
        nnet::softmax<data_t, smax_out_t, stable_cfg>(x, y);
        expect(line(y, 4), "0.5 0.5 0.1875 0.0", "softmax_stable_hand");
        // order does not matter
        data_t xp[4] = {-3.0, 1.0, 2.5, 2.0};
        nnet::softmax<data_t, smax_out_t, stable_cfg>(xp, y);
        expect(line(y, 4), "0.0 0.1875 0.5 0.5", "softmax_stable_hand_permuted");
    }
    {
        typedef ap_fixed<6, 3> small_t;
        small_t x[3] = {1.5, 2.25, -0.5};
        out_t y[3];
        nnet::softmax<small_t, out_t, latency_cfg>(x, y);
        expect(line(y, 3), "0.34375 0.921875 0.046875", "softmax_latency_hand");
    }
    {
        data_t x[3] = {0.0, 1.5, -2.25};
        out_t y[3];
        nnet::softmax<data_t, out_t, legacy_cfg>(x, y);
        expect(line(y, 3), "0.0 0.0 0.03515625", "softmax_legacy_hand");
    }
    {
        data_t x[5] = {1.0, 3.0, -2.0, 3.0, 2.9990234375};
        out_t y[5];
        nnet::softmax<data_t, out_t, argmax_cfg>(x, y);
        expect(line(y, 5), "0.0 1.0 0.0 0.0 0.0", "softmax_argmax_first_max");
        data_t n[5] = {-4.0, -5.0, -3.0, -3.5, -30.0};
        nnet::softmax<data_t, out_t, argmax_cfg>(n, y);
        expect(line(y, 5), "0.0 0.0 1.0 0.0 0.0", "softmax_argmax_negative");
    }
    {
        // stream versions == array versions on random inputs (relu / linear / sigmoid / tanh with packs of 3,
        // softmax with one pack per vector)
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> d(-12.0, 12.0);
        typedef nnet::array<data_t, 3> pin;
        typedef nnet::array<out_t, 3> pout;
        bool ok_relu = true, ok_lin = true, ok_sig = true, ok_tanh = true, ok_smax = true;
        for (int t = 0; t < 50; t++) {
            data_t x[9];
            for (int i = 0; i < 9; i++)
                x[i] = d(rng);
            out_t ya[9];
            hls::stream<pin> si;
            hls::stream<pout> so;
            // relu / linear on 6 elements = 2 packs
            for (int p = 0; p < 2; p++) {
                pin q;
                for (int k = 0; k < 3; k++)
                    q[k] = x[p * 3 + k];
                si.write(q);
            }
            nnet::relu<pin, pout, relu_cfg>(si, so);
            nnet::relu<data_t, out_t, relu_cfg>(x, ya);
            for (int p = 0; p < 2; p++) {
                pout q = so.read();
                for (int k = 0; k < 3; k++)
                    ok_relu = ok_relu && q[k] == ya[p * 3 + k];
            }
            for (int p = 0; p < 2; p++) {
                pin q;
                for (int k = 0; k < 3; k++)
                    q[k] = x[p * 3 + k];
                si.write(q);
            }
            nnet::linear<pin, pout, relu_cfg>(si, so);
            nnet::linear<data_t, out_t, relu_cfg>(x, ya);
            for (int p = 0; p < 2; p++) {
                pout q = so.read();
                for (int k = 0; k < 3; k++)
                    ok_lin = ok_lin && q[k] == ya[p * 3 + k];
            }
            // sigmoid on 9 = 3 packs
            for (int p = 0; p < 3; p++) {
                pin q;
                for (int k = 0; k < 3; k++)
                    q[k] = x[p * 3 + k];
                si.write(q);
            }
            nnet::sigmoid<pin, pout, sigmoid_cfg>(si, so);
            nnet::sigmoid<data_t, out_t, sigmoid_cfg>(x, ya);
            for (int p = 0; p < 3; p++) {
                pout q = so.read();
                for (int k = 0; k < 3; k++)
                    ok_sig = ok_sig && q[k] == ya[p * 3 + k];
            }
            for (int p = 0; p < 2; p++) {
                pin q;
                for (int k = 0; k < 3; k++)
                    q[k] = x[p * 3 + k];
                si.write(q);
            }
            nnet::tanh<pin, pout, tanh_cfg>(si, so);
            nnet::tanh<data_t, out_t, tanh_cfg>(x, ya);
            for (int p = 0; p < 2; p++) {
                pout q = so.read();
                for (int k = 0; k < 3; k++)
                    ok_tanh = ok_tanh && q[k] == ya[p * 3 + k];
            }
            // softmax stable: one pack of 4
            typedef nnet::array<data_t, 4> p4;
            typedef nnet::array<smax_out_t, 4> p4o;
            hls::stream<p4> s4;
            hls::stream<p4o> s4o;
            p4 q4;
            for (int k = 0; k < 4; k++)
                q4[k] = x[k] / 2;
            data_t xs[4];
            for (int k = 0; k < 4; k++)
                xs[k] = q4[k];
            s4.write(q4);
            nnet::softmax<p4, p4o, stable_cfg>(s4, s4o);
            smax_out_t ys[4];
            nnet::softmax<data_t, smax_out_t, stable_cfg>(xs, ys);
            p4o r4 = s4o.read();
            for (int k = 0; k < 4; k++)
                ok_smax = ok_smax && r4[k] == ys[k];
            ok_smax = ok_smax && s4.empty() && s4o.empty() && si.empty() && so.empty();
        }
        check(ok_relu, "relu_stream_eq_array");
        check(ok_lin, "linear_stream_eq_array");
        check(ok_sig, "sigmoid_stream_eq_array");
        check(ok_tanh, "tanh_stream_eq_array");
        check(ok_smax, "softmax_stream_eq_array");
    }
    std::cout << "DONE failures=" << failures << "\n";
    return failures == 0 ? 0 : 1;
}
