// Batchnorm (hand-worked) and nnet_helpers (exact printing, input conversion) checks.
// Output: one "PASS <name>" / "FAIL <name> ..." line per check, then "DONE".
#include "ap_fixed.h"
#include "ap_int.h"
#include "hls_stream.h"
#include "nnet_utils/nnet_batchnorm.h"
#include "nnet_utils/nnet_batchnorm_stream.h"
#include "nnet_utils/nnet_helpers.h"
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

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
template <class T> static std::string ex(const T &x) {
    std::ostringstream os;
    nnet::print_exact(os, x);
    return os.str();
}

struct bn_filt : nnet::batchnorm_config {
    typedef ap_fixed<16, 6> scale_t;
    typedef ap_fixed<16, 6> bias_t;
    static const unsigned n_in = 4;
    static const int n_filt = 2;
    static const unsigned n_scale_bias = 2;
};
struct bn_flat : nnet::batchnorm_config {
    typedef ap_fixed<16, 6> scale_t;
    typedef ap_fixed<16, 6> bias_t;
    static const unsigned n_in = 4;
    static const int n_filt = -1;
    static const unsigned n_scale_bias = 4;
};
struct bn_one : nnet::batchnorm_config {
    typedef ap_fixed<16, 6> scale_t;
    typedef ap_fixed<16, 6> bias_t;
    static const unsigned n_in = 1;
    static const int n_filt = -1;
    static const unsigned n_scale_bias = 1;
};

int main() {
    {
        // n_filt = 2: scale = [0.5, -1.25], bias = [0.125, 1.0]
        // x = [1.5, -2, 0.25, 3]: 1.5*0.5+0.125 = 0.875; -2*-1.25+1 = 3.5; 0.25*0.5+0.125 = 0.25; 3*-1.25+1 = -2.75
        data_t x[4] = {1.5, -2.0, 0.25, 3.0};
        bn_filt::scale_t s[2] = {0.5, -1.25};
        bn_filt::bias_t b[2] = {0.125, 1.0};
        out_t y[4];
        nnet::normalize<data_t, out_t, bn_filt>(x, y, s, b);
        expect(line(y, 4), "0.875 3.5 0.25 -2.75", "batchnorm_n_filt");
        // stream, packs of 2: same result
        typedef nnet::array<data_t, 2> pin;
        typedef nnet::array<out_t, 2> pout;
        hls::stream<pin> si;
        hls::stream<pout> so;
        nnet::fill_stream(std::vector<double>{1.5, -2.0, 0.25, 3.0}, si, 4);
        nnet::normalize<pin, pout, bn_filt>(si, so, s, b);
        std::ostringstream os;
        nnet::print_stream(os, so, 4);
        expect(os.str(), "0.875 3.5 0.25 -2.75\n", "batchnorm_stream");
    }
    {
        // n_filt = -1: per-element scale = [2, 0.5, -1, 0.0625], bias = [0, 0.5, 0.25, -1]
        // x = [1.5, -2, 0.25, 3]: 3; -1 + 0.5 = -0.5; -0.25 + 0.25 = 0; 0.1875 - 1 = -0.8125
        data_t x[4] = {1.5, -2.0, 0.25, 3.0};
        bn_flat::scale_t s[4] = {2.0, 0.5, -1.0, 0.0625};
        bn_flat::bias_t b[4] = {0.0, 0.5, 0.25, -1.0};
        out_t y[4];
        nnet::normalize<data_t, out_t, bn_flat>(x, y, s, b);
        expect(line(y, 4), "3.0 -0.5 0.0 -0.8125", "batchnorm_per_element");
    }
    {
        // Full-precision sum, one final cast: x = 0.0625, scale = 0.5, bias = 0.03125, res ap_fixed<8,4> (LSB 1/16):
        // 0.03125 + 0.03125 = 0.0625 exactly (casting the product first would give 0 + 0.03125 -> 0.0)
        data_t x[1] = {0.0625};
        bn_one::scale_t s[1] = {0.5};
        bn_one::bias_t b[1] = {0.03125};
        ap_fixed<8, 4> y[1];
        nnet::normalize<data_t, ap_fixed<8, 4>, bn_one>(x, y, s, b);
        expect(line(y, 1), "0.0625", "batchnorm_full_precision_sum");
    }
    {
        expect(ex(ap_fixed<16, 6>(0.0029296875)), "0.0029296875", "print_exact_small");
        expect(ex(ap_fixed<16, 6>(1.0)), "1.0", "print_exact_one");
        expect(ex(ap_fixed<16, 6>(-3.5)), "-3.5", "print_exact_negative");
        expect(ex(ap_fixed<16, 6>(0.0)), "0.0", "print_exact_zero");
        expect(ex(ap_fixed<16, 6>(12.0)), "12.0", "print_exact_integer");
        expect(ex(ap_fixed<16, 6>(-32.0)), "-32.0", "print_exact_min");
        expect(ex(ap_fixed<16, 6>(-0.0009765625)), "-0.0009765625", "print_exact_negative_lsb");
        expect(ex(ap_ufixed<8, 2>(3.984375)), "3.984375", "print_exact_ufixed");
        expect(ex(ap_fixed<40, 20>(-123456.75)), "-123456.75", "print_exact_wide");
        expect(ex(ap_fixed<8, 12>(-2048.0)), "-2048.0", "print_exact_i_gt_w");
        expect(ex(ap_fixed<8, -2>(0.0009765625)), "0.0009765625", "print_exact_negative_i");
        expect(ex(ap_int<8>(-5)), "-5.0", "print_exact_ap_int");
        expect(ex(ap_uint<4>(9)), "9.0", "print_exact_ap_uint");
        expect(nnet::canonical_decimal("-003.500"), "-3.5", "canonical_decimal_trim");
        expect(nnet::canonical_decimal("-0.000"), "0.0", "canonical_decimal_negative_zero");
    }
    {
        // Input conversion: decimal text -> double -> input type (its own quantization mode).
        std::vector<double> v = nnet::parse_doubles("0.1 -1.23456, 40 3.999999");
        ap_fixed<16, 6> a[4];
        nnet::fill_array(v, a, 4);
        // 0.1 -> trunc to 102/1024; -1.23456 -> floor(-1264.19)/1024 = -1265/1024; 40 wraps to 40 - 64 = -24; 3.999999 -> 4095/1024
        expect(line(a, 4), "0.099609375 -1.2353515625 -24.0 3.9990234375", "fill_array_trn_wrap");
        ap_fixed<16, 6, AP_RND, AP_SAT> r[4];
        nnet::fill_array(v, r, 4);
        // 0.1 -> 102.4 -> 102; -1.23456 -> -1264.19 -> -1264; 40 saturates to 31.9990234375; 3.999999 -> 4096/1024 = 4
        expect(line(r, 4), "0.099609375 -1.234375 31.9990234375 4.0", "fill_array_rnd_sat");
        ap_fixed<16, 6> c[2];
        nnet::copy_data<double, ap_fixed<16, 6>, 2, 2>(v, c);
        expect(line(c, 2), "-24.0 3.9990234375", "copy_data_offset");
    }
    {
        // parse_double == strtod (value bits and end position): hand-picked texts and random decimals
        const char *texts[] = {"0.647906", "-1.178259", "+3.5", "12", "3.", ".5", "-.25", "-0.0", "0", "00000000000000000001.5",
                               "9007199254740992", "9007199254740993", "0.1234567890123456789", "1.2345678901234567890",
                               "1e5", "-2.5E-3", "inf", "-nan", "0x1p3", ".", "-", "+", "1.5abc", "7,8", "1.0000000000000000000000001",
                               "123456789012345678", "0.0000000000000000000001", "4.9e-324", "  2.5", "2.5\v", "1.5\n"};
        bool ok = true;
        std::string bad;
        std::mt19937_64 rng(42);
        std::vector<std::string> all(texts, texts + sizeof(texts) / sizeof(texts[0]));
        for (int k = 0; k < 20000; k++) {
            std::string t = (rng() & 1) ? "-" : "";
            const int ni = (int)(rng() % 6), nf = (int)(rng() % 24);
            for (int i = 0; i < ni; i++)
                t += (char)('0' + rng() % 10);
            if (nf > 0 || (rng() & 1))
                t += '.';
            for (int i = 0; i < nf; i++)
                t += (char)('0' + rng() % 10);
            all.push_back(t);
        }
        for (size_t k = 0; k < all.size(); k++) {
            const char *p = all[k].c_str();
            char *e1 = nullptr, *e2 = nullptr;
            const double a = nnet::parse_double(p, &e1), b = std::strtod(p, &e2);
            uint64_t ba, bb;
            std::memcpy(&ba, &a, 8);
            std::memcpy(&bb, &b, 8);
            if (e1 != e2 || (ba != bb && !(a != a && b != b))) {
                ok = false;
                bad = all[k];
            }
        }
        expect(ok ? "" : bad, "", "parse_double_eq_strtod");
    }
    {
        // hls::stream: FIFO order across the growth of its ring buffer (inline first slot, then heap)
        hls::stream<ap_fixed<16, 6> > s("fifo");
        bool ok = s.empty() && s.size() == 0;
        int next_in = 0, next_out = 0;
        std::mt19937 rng(7);
        for (int step = 0; step < 3000; step++) {
            const int w = (int)(rng() % 9), r = (int)(rng() % 9);
            for (int k = 0; k < w; k++)
                s.write(ap_fixed<16, 6>(next_in++ % 500) >> 4);
            for (int k = 0; k < r && !s.empty(); k++)
                ok = ok && s.read() == (ap_fixed<16, 6>(next_out++ % 500) >> 4);
            ok = ok && s.size() == (size_t)(next_in - next_out);
        }
        ap_fixed<16, 6> v;
        while (s.read_nb(v))
            ok = ok && v == (ap_fixed<16, 6>(next_out++ % 500) >> 4);
        ok = ok && next_out == next_in && s.empty() && s.max_size() >= 8 && s.name() == "fifo";
        // elements that are not trivially copyable take the generic ring
        hls::stream<std::string> t;
        for (int k = 0; k < 40; k++)
            t.write(std::to_string(k) + "-element-with-a-long-name");
        for (int k = 0; k < 25; k++)
            ok = ok && t.read() == std::to_string(k) + "-element-with-a-long-name";
        for (int k = 40; k < 50; k++)
            t.write(std::to_string(k) + "-element-with-a-long-name");
        for (int k = 25; k < 50; k++)
            ok = ok && t.read() == std::to_string(k) + "-element-with-a-long-name";
        ok = ok && t.empty() && t.max_size() == 40;
        expect(ok ? "ok" : "broken", "ok", "stream_fifo_order");
    }
    std::cout << "DONE failures=" << failures << "\n";
    return failures == 0 ? 0 : 1;
}
