// Test bench support (C simulation only, never synthesized): exact decimal
// printing of ap types, filling arrays / streams from parsed input values.
#ifndef NNET_HELPERS_H_
#define NNET_HELPERS_H_

#include "ap_fixed.h"
#include "ap_int.h"
#include "hls_stream.h"
#include "nnet_types.h"
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace nnet {

// Normalizes a plain decimal ("-003.500", "12", "0d1.25", "+0.0") to the
// canonical form: optional '-', integer digits without leading zeros,
// '.', fractional digits without trailing zeros, at least one of them
// ("-3.5", "12.0", "1.25", "0.0"). Zero is never negative.
inline std::string canonical_decimal(const std::string &text) {
    size_t b = 0, e = text.size();
    while (b < e && (text[b] == ' ' || text[b] == '\t' || text[b] == '\n' || text[b] == '\r'))
        b++;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\n' || text[e - 1] == '\r'))
        e--;
    std::string s = text.substr(b, e - b);
    bool neg = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        s = s.substr(1);
    }
    if (s.size() >= 2 && s[0] == '0' && (s[1] == 'd' || s[1] == 'D'))
        s = s.substr(2);
    std::string ip, fp;
    const size_t dot = s.find('.');
    if (dot == std::string::npos) {
        ip = s;
    } else {
        ip = s.substr(0, dot);
        fp = s.substr(dot + 1);
    }
    size_t lz = 0;
    while (lz + 1 < ip.size() && ip[lz] == '0')
        lz++;
    ip = ip.substr(lz);
    if (ip.empty())
        ip = "0";
    while (!fp.empty() && fp[fp.size() - 1] == '0')
        fp.erase(fp.size() - 1);
    if (fp.empty())
        fp = "0";
    if (ip == "0" && fp == "0")
        neg = false;
    return (neg ? "-" : "") + ip + "." + fp;
}

// Canonical exact decimal of x written into buf (exact_chars_size chars at least), without heap
// allocation; returns its length, or 0 when x is not a bundled ap type or its value is outside the
// fast path of the bundled ap types (the callers then use to_string(10) + canonical_decimal).
// exact_fast_always<T> tells when the fast path covers every value of T (the fallback is then not
// even compiled): storage of at most 128 bits, F <= 124 and, for F < 0, W - F <= 128.
static const int exact_chars_size = 200;
template <class T, class Enable = void> struct exact_fast_always : std::false_type {};
#ifdef HLS4ML_AP_COMMON_H
template <class T>
struct exact_fast_always<T, typename std::enable_if<ap_detail::is_ap<T>::value>::type>
    : std::integral_constant<bool, (sizeof(typename T::storage_t) <= 16 && T::frac_bits <= 124 &&
                                    (T::frac_bits >= 0 || T::width - T::frac_bits <= 128))> {};
template <class T, typename std::enable_if<ap_detail::is_ap<T>::value, int>::type = 0>
inline int exact_chars(const T &x, char *buf) {
    int n = ap_detail::fast_decimal_raw(x.V, T::frac_bits, buf);
    if (n == 0)
        return 0;
    int k = n - 1;
    while (k >= 0 && buf[k] != '.')
        k--;
    if (k < 0) {
        buf[n++] = '.';
        buf[n++] = '0';
    }
    return n;
}
template <class T, typename std::enable_if<!ap_detail::is_ap<T>::value, int>::type = 0>
inline int exact_chars(const T &, char *) {
    return 0;
}
#else
template <class T> inline int exact_chars(const T &, char *) { return 0; }
#endif

// Exact decimal of an ap_fixed / ap_ufixed / ap_int / ap_uint value
// (via to_string(10), which is exact), in canonical form.
template <class T> inline std::string exact_string_slow(const T &x, std::false_type) {
    char buf[exact_chars_size];
    const int n = exact_chars(x, buf);
    if (n > 0)
        return std::string(buf, (size_t)n);
    return canonical_decimal(x.to_string(10));
}
template <class T> inline std::string exact_string_slow(const T &x, std::true_type) {
    char buf[exact_chars_size];
    return std::string(buf, (size_t)exact_chars(x, buf));
}
template <class T> inline std::string exact_string(const T &x) {
    return exact_string_slow(x, exact_fast_always<T>());
}
inline std::string exact_string(double x) {
    std::ostringstream os;
    os << std::setprecision(17) << x;
    return canonical_decimal(os.str());
}
inline std::string exact_string(float x) { return exact_string((double)x); }
inline std::string exact_string(int x) { return canonical_decimal(std::to_string(x)); }
inline std::string exact_string(unsigned x) { return canonical_decimal(std::to_string(x)); }
inline std::string exact_string(long long x) { return canonical_decimal(std::to_string(x)); }

// Prints the exact decimal of x: "0.0029296875", "1.0", "-3.5", "0.0", "12.0".
template <class T> inline void print_exact_impl(std::ostream &out, const T &x, std::false_type) {
    char buf[exact_chars_size];
    const int n = exact_chars(x, buf);
    if (n > 0)
        out.write(buf, n);
    else
        out << exact_string(x);
}
template <class T> inline void print_exact_impl(std::ostream &out, const T &x, std::true_type) {
    char buf[exact_chars_size];
    out.write(buf, exact_chars(x, buf));
}
template <class T> inline void print_exact(std::ostream &out, const T &x) {
    print_exact_impl(out, x, exact_fast_always<T>());
}

// Appends the exact decimal of x to line (same text as print_exact).
template <class T> inline void append_exact_impl(std::string &line, const T &x, std::false_type) {
    char buf[exact_chars_size];
    const int n = exact_chars(x, buf);
    if (n > 0)
        line.append(buf, (size_t)n);
    else
        line += exact_string(x);
}
template <class T> inline void append_exact_impl(std::string &line, const T &x, std::true_type) {
    char buf[exact_chars_size];
    line.append(buf, (size_t)exact_chars(x, buf));
}
template <class T> inline void append_exact(std::string &line, const T &x) {
    append_exact_impl(line, x, exact_fast_always<T>());
}

// strtod(p, end) with a fast exact path for plain decimals ("-0.647906", "12", "3.", ".5"):
// at most 19 significant digits forming an integer m <= 2^53 with k <= 22 fractional digits is
// m / 10^k, both exact doubles, so the one correctly rounded IEEE division gives the correctly
// rounded value strtod returns. Anything else (exponents, more digits, inf / nan, hex, a number
// followed directly by another character) is handed to strtod itself.
inline double parse_double(const char *p, char **end) {
    static const double pow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                     1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const char *q = p;
    bool neg = false;
    if (*q == '-' || *q == '+') {
        neg = *q == '-';
        q++;
    }
    uint64_t m = 0;
    int digits = 0, frac = 0;
    const char *d0 = q;
    while (*q >= '0' && *q <= '9') {
        m = m * 10 + (uint64_t)(*q - '0');
        digits++;
        q++;
    }
    const bool int_digits = q != d0;
    bool frac_digits = false;
    if (*q == '.') {
        q++;
        while (*q >= '0' && *q <= '9') {
            m = m * 10 + (uint64_t)(*q - '0');
            digits++;
            frac++;
            q++;
        }
        frac_digits = frac > 0;
    }
    const char c = *q;
    const bool sep = c == '\0' || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',';
    if ((int_digits || frac_digits) && sep && digits <= 19 && frac <= 22 && m <= (uint64_t(1) << 53)) {
        double v = (double)m / pow10[frac];
        *end = const_cast<char *>(q);
        return neg ? -v : v;
    }
    return std::strtod(p, end);
}

// Parses whitespace- or comma-separated decimal numbers as doubles.
inline std::vector<double> parse_doubles(const std::string &line) {
    std::vector<double> v;
    const char *p = line.c_str();
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ',' || *p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        char *end = nullptr;
        const double d = parse_double(p, &end);
        if (end == p)
            break;
        v.push_back(d);
        p = end;
    }
    return v;
}

// dst[k] = (T) src[offset + k], k = 0 .. n-1: each value converted from double
// with T's quantization and overflow modes.
template <class T> inline void fill_array(const std::vector<double> &src, T *dst, size_t n, size_t offset = 0) {
    for (size_t k = 0; k < n; k++)
        dst[k] = (T)src[offset + k];
}

// Pushes src[offset .. offset + n) into a stream of nnet::array packs,
// arr_T::size values per transaction (n must be a multiple of arr_T::size).
template <class arr_T>
inline void fill_stream(const std::vector<double> &src, hls::stream<arr_T> &dst, size_t n, size_t offset = 0) {
    for (size_t p = 0; p < n / arr_T::size; p++) {
        arr_T pack;
        for (size_t k = 0; k < arr_T::size; k++)
            pack[k] = (typename arr_T::value_type)src[offset + p * arr_T::size + k];
        dst.write(pack);
    }
}

// hls4ml-style spellings of the above.
template <class srcType, class dstType, size_t OFFSET, size_t SIZE>
inline void copy_data(const std::vector<srcType> &src, dstType dst[SIZE]) {
    for (size_t k = 0; k < SIZE; k++)
        dst[k] = (dstType)(double)src[OFFSET + k];
}
template <class srcType, class dstType, size_t OFFSET, size_t SIZE>
inline void copy_data(const std::vector<srcType> &src, hls::stream<dstType> &dst) {
    std::vector<double> d(src.begin() + OFFSET, src.begin() + OFFSET + SIZE);
    fill_stream<dstType>(d, dst, SIZE, 0);
}

// One line: the n values, exact decimals separated by single spaces, then '\n'.
template <class T> inline void print_array(std::ostream &out, const T *a, size_t n) {
    for (size_t k = 0; k < n; k++) {
        if (k)
            out << ' ';
        print_exact(out, a[k]);
    }
    out << '\n';
}

// One line for one pack (stream element).
template <class arr_T> inline void print_pack(std::ostream &out, const arr_T &pack) {
    print_array(out, pack.data, arr_T::size);
}

// Reads n values (n / arr_T::size packs) from the stream and prints them on one
// line; with keep = true the packs are written back so the stream is unchanged.
template <class arr_T> inline void print_stream(std::ostream &out, hls::stream<arr_T> &s, size_t n, bool keep = false) {
    std::vector<arr_T> packs;
    for (size_t p = 0; p < n / arr_T::size; p++)
        packs.push_back(s.read());
    for (size_t p = 0; p < packs.size(); p++) {
        for (size_t k = 0; k < arr_T::size; k++) {
            if (p || k)
                out << ' ';
            print_exact(out, packs[p][k]);
        }
    }
    out << '\n';
    if (keep)
        for (size_t p = 0; p < packs.size(); p++)
            s.write(packs[p]);
}

// hls4ml-style result printers (exact decimals, one line).
template <class res_T, size_t SIZE> inline void print_result(res_T result[SIZE], std::ostream &out, bool keep = false) {
    (void)keep;
    print_array(out, result, SIZE);
}
template <class res_T, size_t SIZE> inline void print_result(hls::stream<res_T> &result, std::ostream &out, bool keep = false) {
    print_stream(out, result, SIZE, keep);
}

} // namespace nnet

#endif
