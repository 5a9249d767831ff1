// ap_common.h - bundled arbitrary-precision integer and fixed-point types of hls4ml-maven-plugin.
//
// An independent implementation of the documented semantics of Xilinx/AMD's ap_int / ap_fixed types
// (UG902 / UG1399): same template signatures, same full-precision result types, same quantization and
// overflow modes. Values are kept in a signed native integer (int64_t or __int128) holding the exact raw
// value (value = raw * 2^-F, F = W - I); intermediate results wider than 127 bits (plus sign) use a small
// fixed-size multi-word integer. User-visible types are limited to 128 bits.
#ifndef HLS4ML_AP_COMMON_H
#define HLS4ML_AP_COMMON_H

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>
#include <ostream>
#include <type_traits>

#if defined(__GNUC__)
#define AP_INLINE inline __attribute__((always_inline))
#else
#define AP_INLINE inline
#endif
// Conversions to ap types (from double, float, C integers and other ap types) are C++14 constexpr, so arrays
// such as `ap_fixed<16,6> w[1024] = {0.27, ...};` are constant-initialized (stored in .data, no runtime
// initializer code to compile). AP_CX marks the helpers on that path; they are inline functions at run time.
#define AP_CX constexpr AP_INLINE
#define AP_CXNI constexpr inline

// Exact IEEE-754 bits of a double in a constant expression: __builtin_bit_cast (g++ >= 11, clang >= 9, any
// -std mode), otherwise an exact arithmetic decomposition (slower, but also constexpr). -DAP_NO_BIT_CAST
// forces the latter (used by the tests).
#if !defined(AP_NO_BIT_CAST) && defined(__has_builtin)
#if __has_builtin(__builtin_bit_cast)
#define AP_HAS_BIT_CAST 1
#endif
#endif

#ifndef AP_INT_MAX_W
#define AP_INT_MAX_W 128
#endif

enum ap_q_mode { AP_RND, AP_RND_ZERO, AP_RND_MIN_INF, AP_RND_INF, AP_RND_CONV, AP_TRN, AP_TRN_ZERO };
enum ap_o_mode { AP_SAT, AP_SAT_ZERO, AP_SAT_SYM, AP_WRAP, AP_WRAP_SM };

namespace ap_detail {

typedef __int128 i128;
typedef unsigned __int128 u128;

// ---------------------------------------------------------------------------------------------------
// Multi-word two's-complement integer of K 64-bit words (little endian), used only for wide values.
template <int K>
struct wint {
    uint64_t w[K];
    AP_CX wint() : w() {}
    AP_CX wint(i128 v) : w() {
        w[0] = (uint64_t)v;
        w[1] = (uint64_t)((u128)v >> 64);
        uint64_t ext = v < 0 ? ~(uint64_t)0 : 0;
        for (int i = 2; i < K; ++i) w[i] = ext;
    }
    AP_CX bool neg() const { return (int64_t)w[K - 1] < 0; }
    AP_CX bool is_zero() const {
        uint64_t o = 0;
        for (int i = 0; i < K; ++i) o |= w[i];
        return o == 0;
    }
};

template <int K> AP_CX wint<K> operator+(const wint<K>& a, const wint<K>& b) {
    wint<K> r;
    uint64_t c = 0;
    for (int i = 0; i < K; ++i) {
        u128 s = (u128)a.w[i] + b.w[i] + c;
        r.w[i] = (uint64_t)s;
        c = (uint64_t)(s >> 64);
    }
    return r;
}
template <int K> AP_CX wint<K> operator~(const wint<K>& a) {
    wint<K> r;
    for (int i = 0; i < K; ++i) r.w[i] = ~a.w[i];
    return r;
}
template <int K> AP_CX wint<K> operator-(const wint<K>& a) { return ~a + wint<K>(1); }
template <int K> AP_CX wint<K> operator-(const wint<K>& a, const wint<K>& b) { return a + (-b); }
template <int K> AP_CXNI wint<K> operator*(const wint<K>& a, const wint<K>& b) {
    wint<K> r;
    for (int i = 0; i < K; ++i) {
        uint64_t c = 0;
        for (int j = 0; i + j < K; ++j) {
            u128 p = (u128)a.w[i] * b.w[j] + r.w[i + j] + c;
            r.w[i + j] = (uint64_t)p;
            c = (uint64_t)(p >> 64);
        }
    }
    return r;
}
#define AP_WINT_BITOP(OP)                                                      \
    template <int K> AP_CX wint<K> operator OP(const wint<K>& a, const wint<K>& b) { \
        wint<K> r;                                                             \
        for (int i = 0; i < K; ++i) r.w[i] = a.w[i] OP b.w[i];                 \
        return r;                                                              \
    }
AP_WINT_BITOP(&)
AP_WINT_BITOP(|)
AP_WINT_BITOP(^)
#undef AP_WINT_BITOP
template <int K> AP_CX bool operator==(const wint<K>& a, const wint<K>& b) {
    for (int i = 0; i < K; ++i)
        if (a.w[i] != b.w[i]) return false;
    return true;
}
template <int K> AP_CX bool operator!=(const wint<K>& a, const wint<K>& b) { return !(a == b); }
template <int K> AP_CX bool operator<(const wint<K>& a, const wint<K>& b) {
    if (a.w[K - 1] != b.w[K - 1]) return (int64_t)a.w[K - 1] < (int64_t)b.w[K - 1];
    for (int i = K - 2; i >= 0; --i)
        if (a.w[i] != b.w[i]) return a.w[i] < b.w[i];
    return false;
}
template <int K> AP_CX bool operator>(const wint<K>& a, const wint<K>& b) { return b < a; }
template <int K> AP_CX bool operator<=(const wint<K>& a, const wint<K>& b) { return !(b < a); }
template <int K> AP_CX bool operator>=(const wint<K>& a, const wint<K>& b) { return !(a < b); }

// ---------------------------------------------------------------------------------------------------
// Storage selection and generic helpers over int64_t, __int128 and wint<K>.
template <int BITS>
struct storage_for {
    typedef typename std::conditional<(BITS <= 64), int64_t,
            typename std::conditional<(BITS <= 128), i128, wint<(BITS + 63) / 64> >::type>::type type;
};

template <class T> struct nbits;
template <> struct nbits<int64_t> { static const int value = 64; };
template <> struct nbits<i128> { static const int value = 128; };
template <int K> struct nbits<wint<K> > { static const int value = 64 * K; };

template <class A, class B>
struct wider {
    typedef typename std::conditional<(nbits<A>::value >= nbits<B>::value), A, B>::type type;
};

// Value-preserving (widening, sign-extending) or modular (narrowing) casts between storage types.
template <class To, class From> struct caster {
    static AP_CX To cast(const From& x) { return (To)x; }
};
template <int K> struct caster<wint<K>, int64_t> {
    static AP_CX wint<K> cast(int64_t x) { return wint<K>((i128)x); }
};
template <int K> struct caster<wint<K>, i128> {
    static AP_CX wint<K> cast(i128 x) { return wint<K>(x); }
};
template <int K> struct caster<int64_t, wint<K> > {
    static AP_CX int64_t cast(const wint<K>& x) { return (int64_t)x.w[0]; }
};
template <int K> struct caster<i128, wint<K> > {
    static AP_CX i128 cast(const wint<K>& x) { return (i128)(((u128)x.w[1] << 64) | x.w[0]); }
};
template <int K1, int K2> struct caster<wint<K1>, wint<K2> > {
    static AP_CX wint<K1> cast(const wint<K2>& x) {
        wint<K1> r;
        uint64_t ext = x.neg() ? ~(uint64_t)0 : 0;
        for (int i = 0; i < K1; ++i) r.w[i] = i < K2 ? x.w[i] : ext;
        return r;
    }
};
template <class To, class From> AP_CX To scast(const From& x) { return caster<To, From>::cast(x); }

template <class T> struct uns;
template <> struct uns<int64_t> { typedef uint64_t type; };
template <> struct uns<i128> { typedef u128 type; };

// shift left (s >= 0), bits shifted past the storage are lost
AP_CX int64_t shl(int64_t x, int s) { return s >= 64 ? 0 : (int64_t)((uint64_t)x << s); }
AP_CX i128 shl(i128 x, int s) { return s >= 128 ? 0 : (i128)((u128)x << s); }
template <int K> AP_CXNI wint<K> shl(const wint<K>& x, int s) {
    wint<K> r;
    if (s >= 64 * K) return r;
    int ws = s >> 6, bs = s & 63;
    for (int i = K - 1; i >= ws; --i) {
        uint64_t v = x.w[i - ws] << bs;
        if (bs && i - ws - 1 >= 0) v |= x.w[i - ws - 1] >> (64 - bs);
        r.w[i] = v;
    }
    return r;
}
// arithmetic shift right (s >= 0)
AP_CX int64_t sar(int64_t x, int s) { return x >> (s >= 64 ? 63 : s); }
AP_CX i128 sar(i128 x, int s) { return x >> (s >= 128 ? 127 : s); }
template <int K> AP_CXNI wint<K> sar(const wint<K>& x, int s) {
    uint64_t ext = x.neg() ? ~(uint64_t)0 : 0;
    wint<K> r;
    if (s >= 64 * K) {
        for (int i = 0; i < K; ++i) r.w[i] = ext;
        return r;
    }
    int ws = s >> 6, bs = s & 63;
    for (int i = 0; i < K; ++i) {
        uint64_t lo = i + ws < K ? x.w[i + ws] : ext;
        uint64_t hi = i + ws + 1 < K ? x.w[i + ws + 1] : ext;
        r.w[i] = bs ? (lo >> bs) | (hi << (64 - bs)) : lo;
    }
    return r;
}
AP_CX bool is_neg(int64_t x) { return x < 0; }
AP_CX bool is_neg(i128 x) { return x < 0; }
template <int K> AP_CX bool is_neg(const wint<K>& x) { return x.neg(); }
AP_CX bool is_zero(int64_t x) { return x == 0; }
AP_CX bool is_zero(i128 x) { return x == 0; }
template <int K> AP_CX bool is_zero(const wint<K>& x) { return x.is_zero(); }
// bit k of the (sign-extended) value
AP_CX bool bitx(int64_t x, int k) { return (x >> (k >= 64 ? 63 : k)) & 1; }
AP_CX bool bitx(i128 x, int k) { return (x >> (k >= 128 ? 127 : k)) & 1; }
template <int K> AP_CX bool bitx(const wint<K>& x, int k) {
    return k >= 64 * K ? x.neg() : ((x.w[k >> 6] >> (k & 63)) & 1);
}
// any of the bits [0, k) set (sign extension included)
AP_CX bool lowany(int64_t x, int k) { return k <= 0 ? false : k >= 64 ? x != 0 : ((uint64_t)x << (64 - k)) != 0; }
AP_CX bool lowany(i128 x, int k) { return k <= 0 ? false : k >= 128 ? x != 0 : ((u128)x << (128 - k)) != 0; }
template <int K> AP_CXNI bool lowany(const wint<K>& x, int k) {
    if (k <= 0) return false;
    if (k >= 64 * K) return !x.is_zero();
    int ws = k >> 6, bs = k & 63;
    for (int i = 0; i < ws; ++i)
        if (x.w[i]) return true;
    return bs && (x.w[ws] << (64 - bs)) != 0;
}
// keep the low W bits and sign- (S) or zero-extend them
AP_CX int64_t wrapw(int64_t x, int W, bool S) {
    if (W >= 64) return x;
    return S ? (int64_t)((uint64_t)x << (64 - W)) >> (64 - W) : (int64_t)((uint64_t)x & (~(uint64_t)0 >> (64 - W)));
}
AP_CX i128 wrapw(i128 x, int W, bool S) {
    if (W >= 128) return x;
    return S ? (i128)((u128)x << (128 - W)) >> (128 - W) : (i128)((u128)x & (~(u128)0 >> (128 - W)));
}
template <int K> AP_CXNI wint<K> wrapw(const wint<K>& x, int W, bool S) {
    if (W >= 64 * K) return x;
    if (S) return sar(shl(x, 64 * K - W), 64 * K - W);
    wint<K> r = x;
    int ws = W >> 6, bs = W & 63;
    for (int i = ws; i < K; ++i) r.w[i] = (i == ws && bs) ? (r.w[i] & (~(uint64_t)0 >> (64 - bs))) : 0;
    return r;
}
template <class T> AP_CX T minus_one() { return T(-1); }
template <class T> AP_CX T one() { return T(1); }

// min/max raw values of a W-bit type
template <class T> AP_CX T min_raw(int W, bool S) { return S ? shl(minus_one<T>(), W - 1) : T(0); }
template <class T> AP_CX T max_raw(int W, bool S) { return S ? ~shl(minus_one<T>(), W - 1) : ~shl(minus_one<T>(), W); }
template <class T> AP_CX bool fits(const T& y, int W, bool S) {
    if (S) return wrapw(y, W, true) == y;
    return !is_neg(y) && wrapw(y, W, false) == y;
}

// ---------------------------------------------------------------------------------------------------
// The heart: quantize raw x (with srcF fractional bits) into a W-bit type with F fractional bits.
template <int W, int F, bool S, ap_q_mode Q, ap_o_mode O, int N, class D, class T>
AP_CX D quantize(const T& x0, int srcF) {
    typedef typename wider<T, D>::type X;
    X x = scast<X>(x0);
    const int d = F - srcF;
    X y = X();
    bool neg = is_neg(x);
    if (d >= 0) {
        y = shl(x, d);
        if (O == AP_WRAP && N == 0) return wrapw(scast<D>(y), W, S);
        int k = W - d;
        bool ok = k <= 0 ? is_zero(x) : fits(x, k, S);
        if (ok) return scast<D>(y);
    } else {
        const int e = -d;
        X q = sar(x, e);
        bool inc = false;
        switch (Q) {
            case AP_TRN: inc = false; break;
            case AP_TRN_ZERO: inc = neg && lowany(x, e); break;
            case AP_RND: inc = bitx(x, e - 1); break;
            case AP_RND_ZERO: inc = bitx(x, e - 1) && (neg || lowany(x, e - 1)); break;
            case AP_RND_MIN_INF: inc = bitx(x, e - 1) && lowany(x, e - 1); break;
            case AP_RND_INF: inc = bitx(x, e - 1) && (!neg || lowany(x, e - 1)); break;
            default: /* AP_RND_CONV */ inc = bitx(x, e - 1) && (lowany(x, e - 1) || bitx(q, 0)); break;
        }
        y = inc ? q + one<X>() : q;
        if (O == AP_WRAP && N == 0) return wrapw(scast<D>(y), W, S);
        if (fits(y, W, S)) return scast<D>(y);
        neg = is_neg(y);
    }
    // overflow
    switch (O) {
        case AP_SAT: return neg ? min_raw<D>(W, S) : max_raw<D>(W, S);
        case AP_SAT_ZERO: return D(0);
        case AP_SAT_SYM: return neg ? (S ? -max_raw<D>(W, S) : D(0)) : max_raw<D>(W, S);
        default: {
            // AP_WRAP with N saturated MSBs: sign bit = sign of the value, next N-1 bits saturated.
            D r = wrapw(scast<D>(y), W, S);
            D mask = shl(~shl(minus_one<D>(), N), W - N);
            D pat = D();
            if (S) pat = neg ? shl(one<D>(), W - 1) : shl(~shl(minus_one<D>(), N - 1), W - N);
            else pat = neg ? D(0) : mask;
            return wrapw((r & ~mask) | pat, W, S);
        }
    }
}

#ifdef AP_HAS_BIT_CAST
AP_CX uint64_t dbl_bits(double v) { return __builtin_bit_cast(uint64_t, v); }
#else
// The IEEE-754 encoding of v computed with exact operations only (scaling by powers of two); the sign of
// zero and the NaN payload are not preserved (both irrelevant to from_double).
AP_CXNI uint64_t dbl_bits(double v) {
    if (v != v) return 0x7ff8000000000000ull;
    const uint64_t s = v < 0 ? uint64_t(1) << 63 : 0;
    double a = v < 0 ? -v : v;
    if (a == 0) return s;
    if (a > 1.7976931348623157e308) return s | 0x7ff0000000000000ull;
    const double two64 = 18446744073709551616.0, inv_two64 = 1.0 / two64;
    int e = 0;  // v = +-a * 2^e, brought to 1 <= a < 2
    while (a >= two64) { a *= inv_two64; e += 64; }
    while (a >= 2.0) { a *= 0.5; e += 1; }
    while (a < inv_two64) { a *= two64; e -= 64; }
    while (a < 1.0) { a *= 2.0; e -= 1; }
    if (e < -1022) {  // subnormal: mantissa field = |v| * 2^1074 = a * 2^(e + 1074), e + 1074 in 0..51
        for (int k = 0; k < e + 1074; ++k) a *= 2.0;
        return s | (uint64_t)a;
    }
    return s | ((uint64_t)(e + 1023) << 52) | ((uint64_t)(a * 4503599627370496.0) - (uint64_t(1) << 52));
}
#endif

// exact double -> raw, saturating +-inf to max/min, NaN -> 0
template <int W, int F, bool S, ap_q_mode Q, ap_o_mode O, int N, class D>
AP_CXNI D from_double(double v) {
    const uint64_t bits = dbl_bits(v);
    int ex = (int)((bits >> 52) & 0x7ff);
    uint64_t man = bits & ((uint64_t(1) << 52) - 1);
    bool neg = bits >> 63;
    if (ex == 0x7ff) {
        if (man != 0) return D(0);
        return neg ? min_raw<D>(W, S) : max_raw<D>(W, S);
    }
    if (ex == 0) ex = 1; else man |= uint64_t(1) << 52;
    int64_t m = neg ? -(int64_t)man : (int64_t)man;
    // v = m * 2^(ex - 1075)
    return quantize<W, F, S, Q, O, N, D>(m, 1075 - ex);
}

// raw (with F fractional bits) -> nearest double
AP_INLINE double to_dbl(int64_t x, int F) { return __builtin_ldexp((double)x, -F); }
AP_INLINE double to_dbl(i128 x, int F) { return __builtin_ldexp((double)x, -F); }
template <int K> inline double to_dbl(const wint<K>& x, int F) {
    bool n = x.neg();
    wint<K> m = n ? -x : x;
    int top = -1;
    for (int i = K - 1; i >= 0; --i)
        if (m.w[i]) { top = i * 64 + 63 - __builtin_clzll(m.w[i]); break; }
    if (top < 0) return 0.0;
    double r;
    int sh = 0;
    if (top < 64) r = (double)m.w[0];
    else {
        sh = top - 63;  // keep 64 bits, fold the rest into a sticky bit
        uint64_t hi = (uint64_t)scast<int64_t>(sar(m, sh));
        if (lowany(m, sh)) hi |= 1;
        r = (double)hi;
    }
    r = __builtin_ldexp(r, sh - F);
    return n ? -r : r;
}

// magnitude of a raw value as 32-bit limbs (little endian)
AP_INLINE void limbs_of(u128 m, std::vector<uint32_t>& out) {
    for (int i = 0; i < 4; ++i) out.push_back((uint32_t)(m >> (32 * i)));
}
AP_INLINE bool abs_limbs(int64_t x, std::vector<uint32_t>& out) {
    u128 m = x < 0 ? (u128)(-(i128)x) : (u128)x;
    limbs_of(m, out);
    return x < 0;
}
AP_INLINE bool abs_limbs(i128 x, std::vector<uint32_t>& out) {
    u128 m = x < 0 ? (u128)0 - (u128)x : (u128)x;
    limbs_of(m, out);
    return x < 0;
}
template <int K> inline bool abs_limbs(const wint<K>& x, std::vector<uint32_t>& out) {
    wint<K> m = x.neg() ? -x : x;
    for (int i = 0; i < K; ++i) {
        out.push_back((uint32_t)m.w[i]);
        out.push_back((uint32_t)(m.w[i] >> 32));
    }
    return x.neg();
}
inline std::string exact_decimal(std::vector<uint32_t> m, bool neg, int F) {
    // value = m * 2^-F
    if (F < 0) {  // shift left by -F
        int s = -F;
        std::vector<uint32_t> r(m.size() + s / 32 + 1, 0);
        for (size_t i = 0; i < m.size(); ++i) {
            uint64_t v = (uint64_t)m[i] << (s % 32);
            r[i + s / 32] |= (uint32_t)v;
            r[i + s / 32 + 1] |= (uint32_t)(v >> 32);
        }
        m.swap(r);
        F = 0;
    }
    // room for the F fractional bits and the digit above them (F may pass the width of the raw value)
    if ((long long)m.size() * 32 < (long long)F + 8) m.resize((size_t)F / 32 + 2, 0);
    // integer part = m >> F, fraction = m & (2^F - 1)
    std::vector<uint32_t> ip(m.size(), 0), fr(m.size(), 0);
    for (size_t i = 0; i < m.size(); ++i) {
        for (int b = 0; b < 32; ++b) {
            long long pos = (long long)i * 32 + b;
            if (!((m[i] >> b) & 1)) continue;
            if (pos >= F) ip[(pos - F) / 32] |= 1u << ((pos - F) % 32);
            else fr[pos / 32] |= 1u << (pos % 32);
        }
    }
    std::string digits;
    for (;;) {  // repeated division by 10
        bool nz = false;
        uint64_t rem = 0;
        for (size_t i = ip.size(); i-- > 0;) {
            uint64_t cur = (rem << 32) | ip[i];
            ip[i] = (uint32_t)(cur / 10);
            rem = cur % 10;
            nz |= ip[i] != 0;
        }
        digits.push_back((char)('0' + rem));
        if (!nz) break;
    }
    std::string s;
    bool fnz = false;
    for (size_t i = 0; i < fr.size(); ++i) fnz |= fr[i] != 0;
    if (neg && (fnz || digits != "0")) s.push_back('-');
    s.append(digits.rbegin(), digits.rend());
    if (fnz) {
        s.push_back('.');
        // fr has F fractional bits; fr.size()*32 >= F
        fr.push_back(0);
        for (;;) {
            uint64_t c = 0;
            bool nz = false;
            for (size_t i = 0; i < fr.size(); ++i) {
                uint64_t v = (uint64_t)fr[i] * 10 + c;
                fr[i] = (uint32_t)v;
                c = v >> 32;
            }
            // digit = fr >> F
            unsigned dgt = 0;
            for (int b = 0; b < 4; ++b) {
                long long pos = (long long)F + b;
                if ((size_t)(pos / 32) < fr.size() && ((fr[pos / 32] >> (pos % 32)) & 1)) dgt |= 1u << b;
            }
            for (int b = 0; b < 4; ++b) {
                long long pos = (long long)F + b;
                if ((size_t)(pos / 32) < fr.size()) fr[pos / 32] &= ~(1u << (pos % 32));
            }
            s.push_back((char)('0' + dgt));
            for (size_t i = 0; i < fr.size(); ++i) nz |= fr[i] != 0;
            if (!nz) break;
        }
    }
    return s;
}

// Fast exact decimal (no heap): the same text as exact_decimal ("-" for a negative non-zero value, the
// integer digits, then "." and the fraction digits when the fraction is not zero) for raw values held
// in int64_t / __int128 storage, written into buf (at least dec_buf_size chars). Returns the length,
// or 0 when the value is outside the fast path (scale factors beyond 2^-124 or 2^128), in which case
// exact_decimal must be used.
static const int dec_buf_size = 192;
// digits of v, most significant first, at out; returns their count (1 for v = 0)
inline int u64_decimal(uint64_t v, char* out) {
    char t[20];
    int n = 0;
    do {
        t[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (int i = 0; i < n; ++i) out[i] = t[n - 1 - i];
    return n;
}
inline int u128_decimal(u128 v, char* out) {
    if ((v >> 64) == 0) return u64_decimal((uint64_t)v, out);
    const uint64_t p19 = 10000000000000000000ull;  // 10^19
    uint64_t parts[3];
    int np = 0;
    while ((v >> 64) != 0) {
        parts[np++] = (uint64_t)(v % p19);
        v /= p19;
    }
    int n = u64_decimal((uint64_t)v, out);
    while (np > 0) {  // lower parts with their 19 digits, leading zeros included
        uint64_t x = parts[--np];
        for (int i = 18; i >= 0; --i) {
            out[n + i] = (char)('0' + x % 10);
            x /= 10;
        }
        n += 19;
    }
    return n;
}
inline int fast_decimal(u128 m, bool neg, int F, char* buf) {
    int n = 0;
    if (F <= 0) {
        const int s = -F;
        if (m != 0 && (s >= 128 || (s > 0 && (m >> (128 - s)) != 0))) return 0;  // would pass 2^128
        m <<= s;
        if (neg && m != 0) buf[n++] = '-';
        return n + u128_decimal(m, buf + n);
    }
    if (F > 124) return 0;
    u128 ip = F >= 128 ? 0 : m >> F;
    if (neg && m != 0) buf[n++] = '-';
    n += u128_decimal(ip, buf + n);
    if (F <= 60) {  // fraction * 10 stays below 2^64
        const uint64_t mask = (uint64_t(1) << F) - 1;
        uint64_t fr = (uint64_t)m & mask;
        if (fr) {
            buf[n++] = '.';
            do {
                fr *= 10;
                buf[n++] = (char)('0' + (fr >> F));
                fr &= mask;
            } while (fr);
        }
    } else {
        const u128 mask = (u128(1) << F) - 1;
        u128 fr = m & mask;
        if (fr) {
            buf[n++] = '.';
            do {
                fr *= 10;
                buf[n++] = (char)('0' + (int)(fr >> F));
                fr &= mask;
            } while (fr);
        }
    }
    return n;
}
AP_INLINE int fast_decimal_raw(int64_t x, int F, char* buf) {
    return fast_decimal(x < 0 ? (u128)0 - (u128)(i128)x : (u128)x, x < 0, F, buf);
}
AP_INLINE int fast_decimal_raw(i128 x, int F, char* buf) {
    return fast_decimal(x < 0 ? (u128)0 - (u128)x : (u128)x, x < 0, F, buf);
}
template <int K> AP_INLINE int fast_decimal_raw(const wint<K>&, int, char*) { return 0; }

// truncating division on raw values (division by zero gives 0)
AP_INLINE int64_t div_raw(int64_t a, int64_t b) { return b == 0 ? 0 : a / b; }
AP_INLINE i128 div_raw(i128 a, i128 b) { return b == 0 ? 0 : a / b; }
AP_INLINE int64_t mod_raw(int64_t a, int64_t b) { return b == 0 ? 0 : a % b; }
AP_INLINE i128 mod_raw(i128 a, i128 b) { return b == 0 ? 0 : a % b; }
template <int K> inline void udivmod(const wint<K>& a, const wint<K>& b, wint<K>& q, wint<K>& r) {
    q = wint<K>();
    r = wint<K>();
    for (int i = 64 * K - 1; i >= 0; --i) {
        r = shl(r, 1);
        if (bitx(a, i)) r.w[0] |= 1;
        if (!(r < b)) {  // both non-negative here (magnitudes below 2^(64K-1))
            r = r - b;
            q.w[i >> 6] |= uint64_t(1) << (i & 63);
        }
    }
}
template <int K> inline wint<K> div_raw(const wint<K>& a, const wint<K>& b) {
    if (b.is_zero()) return wint<K>();
    wint<K> q, r;
    udivmod(a.neg() ? -a : a, b.neg() ? -b : b, q, r);
    return a.neg() != b.neg() ? -q : q;
}
template <int K> inline wint<K> mod_raw(const wint<K>& a, const wint<K>& b) {
    if (b.is_zero()) return wint<K>();
    wint<K> q, r;
    udivmod(a.neg() ? -a : a, b.neg() ? -b : b, q, r);
    return a.neg() ? -r : r;
}

struct ap_tag {};
struct conv_tag {};
template <class T> struct is_ap : std::is_base_of<ap_tag, T> {};

template <class T> struct is_cint : std::integral_constant<bool, std::is_integral<T>::value> {};

constexpr int imax(int a, int b) { return a > b ? a : b; }
constexpr int imin(int a, int b) { return a < b ? a : b; }

}  // namespace ap_detail

template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N> struct ap_fixed_base;
template <int W, bool S> struct ap_int_base;
template <int W> struct ap_int;
template <int W> struct ap_uint;
template <class P> struct ap_range_ref;
template <class P> struct ap_bit_ref;

namespace ap_detail {
// result type selection: integer kinds stay integers
template <int W, int I, bool S, bool IsInt> struct make_type {
    typedef ap_fixed_base<W, I, S, AP_TRN, AP_WRAP, 0> type;
};
template <int W, int I, bool S> struct make_type<W, I, S, true> {
    typedef ap_int_base<W, S> type;
};
// result types of Xilinx's operators
template <class A, class B> struct rtypes {
    static const int W1 = A::width, I1 = A::iwidth, F1 = W1 - I1;
    static const int W2 = B::width, I2 = B::iwidth, F2 = W2 - I2;
    static const bool S1 = A::sign_flag, S2 = B::sign_flag;
    static const bool INT = A::is_int_kind && B::is_int_kind;
    static const int FM = imax(F1, F2);
    static const int IA = imax(I1 + (S2 && !S1), I2 + (S1 && !S2));
    typedef typename make_type<W1 + W2, I1 + I2, S1 || S2, INT>::type mult;
    typedef typename make_type<IA + 1 + FM, IA + 1, S1 || S2, INT>::type plus;
    typedef typename make_type<IA + 1 + FM, IA + 1, true, INT>::type minus;
    typedef typename make_type<IA + FM, IA, S1 || S2, INT>::type logic;
    typedef typename make_type<S2 + W1 + imax(F2, 0), S2 + I1 + F2, S1 || S2, INT>::type div;
    typedef typename make_type<imin(W1, W2 + (!S2 && S1)), imin(W1, W2 + (!S2 && S1)), S1, INT>::type mod;
};
// the ap_int type a C integer type behaves as
template <class T> struct cint_ap {
    typedef ap_int_base<(std::is_same<T, bool>::value ? 1 : 8 * (int)sizeof(T)),
                        (std::is_same<T, bool>::value ? false : std::is_signed<T>::value)> type;
};
}  // namespace ap_detail

// Constructors inherited from a base taking `const T&` are not used when T is itself a base of the
// class being built (C++17 [over.match.funcs]), so every level forwards conversions from ap types.
#define AP_FWD_CONV(CLS, BASE)                                                           \
    template <class T, typename std::enable_if<ap_detail::is_ap<T>::value, int>::type = 0> \
    AP_CX CLS(const T& o) : BASE(o, ap_detail::conv_tag()) {}                            \
    template <class T>                                                                   \
    AP_CX CLS(const T& o, ap_detail::conv_tag) : BASE(o, ap_detail::conv_tag()) {}

// ---------------------------------------------------------------------------------------------------
// Common core of all types. IsInt selects the ap_int flavour (implicit conversion to a C integer).
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N, bool IsInt>
struct ap_core : ap_detail::ap_tag {
    static_assert(W >= 1, "ap types need a width of at least 1 bit");
    static_assert(W + !S <= 1024, "intermediate result wider than 1024 bits: not supported by the bundled ap_types");
    static_assert(O != AP_WRAP_SM, "AP_WRAP_SM is not supported by the bundled ap_types");
    static_assert(N >= 0 && N <= W, "saturation bits N must be in 0..W");
    typedef typename ap_detail::storage_for<W + (S ? 0 : 1)>::type storage_t;
    typedef typename std::conditional<IsInt, ap_int_base<W, S>, ap_fixed_base<W, I, S, Q, O, N> >::type base_type;

    static constexpr int width = W;
    static constexpr int iwidth = I;
    static constexpr ap_q_mode qmode = Q;
    static constexpr ap_o_mode omode = O;
    static constexpr int sat_bits = N;
    static constexpr bool sign_flag = S;
    static constexpr bool is_int_kind = IsInt;
    static constexpr int frac_bits = W - I;

    storage_t V;  // exact raw value (value = V * 2^-(W-I)), sign- or zero-extended

    AP_CX ap_core() : V() {}
    ap_core(const ap_core& o) = default;
    ap_core& operator=(const ap_core& o) = default;

    // all conversion constructors are constexpr (constant initialization of weight arrays)
    template <class T, typename std::enable_if<ap_detail::is_ap<T>::value, int>::type = 0>
    AP_CX ap_core(const T& o) : ap_core(o, ap_detail::conv_tag()) {}
    // ap_fixed -> ap_int truncates towards zero like C; otherwise the destination's modes apply
    template <class T>
    AP_CX ap_core(const T& o, ap_detail::conv_tag)
        : V(ap_detail::quantize<W, W - I, S, ((IsInt && !T::is_int_kind && T::frac_bits > 0) ? AP_TRN_ZERO : Q), O, N,
                                storage_t>(o.V, T::frac_bits)) {}
    template <class T, typename std::enable_if<ap_detail::is_cint<T>::value, int>::type = 0>
    AP_CX ap_core(T v)
        : V(ap_detail::quantize<W, W - I, S, Q, O, N, storage_t>(
              (typename std::conditional<(std::is_signed<T>::value || sizeof(T) < 8), int64_t, ap_detail::i128>::type)v, 0)) {}
    AP_CX ap_core(double v) : V(ap_detail::from_double<W, W - I, S, Q, O, N, storage_t>(v)) {}
    AP_CX ap_core(long double v) : V(ap_detail::from_double<W, W - I, S, Q, O, N, storage_t>((double)v)) {}
    AP_CX ap_core(float v) : V(ap_detail::from_double<W, W - I, S, Q, O, N, storage_t>((double)v)) {}
    template <class P> AP_INLINE ap_core(const ap_range_ref<P>& r) : ap_core(r.get()) {}
    template <class P> AP_INLINE ap_core(const ap_bit_ref<P>& r) : ap_core((bool)r) {}

    // ---- conversions
    AP_INLINE double to_double() const { return ap_detail::to_dbl(V, W - I); }
    AP_INLINE float to_float() const { return (float)to_double(); }
    AP_INLINE long double to_ldouble() const { return to_double(); }
    // integer part truncated towards zero, then reduced modulo the C type
    AP_INLINE storage_t int_part() const {
        const int F = W - I;
        if (F <= 0) return ap_detail::shl(V, -F);
        storage_t q = ap_detail::sar(V, F);
        if (ap_detail::is_neg(V) && ap_detail::lowany(V, F)) q = q + ap_detail::one<storage_t>();
        return q;
    }
    AP_INLINE int64_t to_int64() const { return ap_detail::scast<int64_t>(int_part()); }
    AP_INLINE uint64_t to_uint64() const { return (uint64_t)to_int64(); }
    AP_INLINE int to_int() const { return (int)to_int64(); }
    AP_INLINE unsigned to_uint() const { return (unsigned)to_int64(); }
    AP_INLINE long to_long() const { return (long)to_int64(); }
    AP_INLINE unsigned long to_ulong() const { return (unsigned long)to_int64(); }
    AP_INLINE bool to_bool() const { return !ap_detail::is_zero(V); }

    typedef typename std::conditional<
        IsInt,
        typename std::conditional<(W <= 32), typename std::conditional<S, int, unsigned>::type,
                                  typename std::conditional<S, long long, unsigned long long>::type>::type,
        double>::type conv_type;
    // ap_int converts implicitly to the smallest fitting C integer, ap_fixed to double
    AP_INLINE operator conv_type() const { return IsInt ? (conv_type)to_int64() : (conv_type)to_double(); }

    // ---- queries
    AP_INLINE static constexpr int length() { return W; }
    AP_INLINE bool is_neg() const { return ap_detail::is_neg(V); }
    AP_INLINE bool iszero() const { return ap_detail::is_zero(V); }
    AP_INLINE bool is_zero() const { return ap_detail::is_zero(V); }
    AP_INLINE bool operator!() const { return ap_detail::is_zero(V); }

    // ---- bits
    AP_INLINE bool get_bit(int i) const { return ap_detail::bitx(V, i); }
    AP_INLINE void set_bit(int i, bool b) {
        storage_t m = ap_detail::shl(ap_detail::one<storage_t>(), i);
        V = ap_detail::wrapw(b ? (V | m) : (V & ~m), W, S);
    }
    AP_INLINE bool operator[](int i) const { return get_bit(i); }
    AP_INLINE ap_bit_ref<ap_core> operator[](int i) { return ap_bit_ref<ap_core>(this, i); }
    AP_INLINE bool bit(int i) const { return get_bit(i); }
    AP_INLINE ap_bit_ref<ap_core> bit(int i) { return ap_bit_ref<ap_core>(this, i); }
    AP_INLINE ap_range_ref<ap_core> range(int hi, int lo) { return ap_range_ref<ap_core>(this, hi, lo); }
    AP_INLINE ap_range_ref<ap_core> range() { return ap_range_ref<ap_core>(this, W - 1, 0); }
    AP_INLINE ap_range_ref<ap_core> operator()(int hi, int lo) { return range(hi, lo); }
    AP_INLINE ap_int_base<W, false> range(int hi, int lo) const;
    AP_INLINE ap_int_base<W, false> range() const;
    AP_INLINE ap_int_base<W, false> operator()(int hi, int lo) const;
    AP_INLINE bool or_reduce() const { return !ap_detail::is_zero(V); }
    AP_INLINE bool and_reduce() const { return ap_detail::wrapw(V, W, false) == ap_detail::wrapw(ap_detail::minus_one<storage_t>(), W, false); }
    AP_INLINE bool xor_reduce() const {
        bool r = false;
        for (int i = 0; i < W; ++i) r ^= get_bit(i);
        return r;
    }

    // ---- printing
    std::string to_string(int radix = 10, bool sign = false) const {
        (void)sign;
        if (radix == 10) {
            char buf[ap_detail::dec_buf_size];
            const int len = ap_detail::fast_decimal_raw(V, W - I, buf);
            if (len > 0) return std::string(buf, (size_t)len);
            std::vector<uint32_t> m;
            bool n = ap_detail::abs_limbs(V, m);
            return ap_detail::exact_decimal(m, n, W - I);
        }
        int step = radix == 16 ? 4 : radix == 8 ? 3 : 1;
        std::string s;
        for (int i = 0; i < W; i += step) {
            int d = 0;
            for (int b = step - 1; b >= 0; --b) d = d * 2 + (i + b < W ? (int)get_bit(i + b) : 0);
            s.push_back("0123456789abcdef"[d]);
        }
        while (s.size() > 1 && s.back() == '0') s.pop_back();
        std::string p = radix == 16 ? "0x" : radix == 8 ? "0o" : "0b";
        return p + std::string(s.rbegin(), s.rend());
    }

    // ---- shifts: same type, bits shifted out are lost (no quantization / overflow handling)
    AP_INLINE base_type operator<<(int sh) const {
        base_type r;
        r.V = sh >= 0 ? ap_detail::wrapw(ap_detail::shl(V, sh), W, S) : ap_detail::sar(V, -sh);
        return r;
    }
    AP_INLINE base_type operator>>(int sh) const {
        base_type r;
        r.V = sh >= 0 ? ap_detail::sar(V, sh) : ap_detail::wrapw(ap_detail::shl(V, -sh), W, S);
        return r;
    }
    AP_INLINE base_type operator<<(unsigned sh) const { return *this << (int)(sh > 100000u ? 100000u : sh); }
    AP_INLINE base_type operator>>(unsigned sh) const { return *this >> (int)(sh > 100000u ? 100000u : sh); }
    template <class T, typename std::enable_if<ap_detail::is_ap<T>::value, int>::type = 0>
    AP_INLINE base_type operator<<(const T& sh) const { return *this << (int)sh.to_int64(); }
    template <class T, typename std::enable_if<ap_detail::is_ap<T>::value, int>::type = 0>
    AP_INLINE base_type operator>>(const T& sh) const { return *this >> (int)sh.to_int64(); }
    template <class T> AP_INLINE ap_core& operator<<=(const T& sh) { return *this = *this << sh; }
    template <class T> AP_INLINE ap_core& operator>>=(const T& sh) { return *this = *this >> sh; }

    // ---- compound assignment (full-precision op, then quantized with this type's modes)
    template <class T> AP_INLINE ap_core& operator+=(const T& o) { return *this = *this + o; }
    template <class T> AP_INLINE ap_core& operator-=(const T& o) { return *this = *this - o; }
    template <class T> AP_INLINE ap_core& operator*=(const T& o) { return *this = *this * o; }
    template <class T> AP_INLINE ap_core& operator/=(const T& o) { return *this = *this / o; }
    template <class T> AP_INLINE ap_core& operator%=(const T& o) { return *this = *this % o; }
    template <class T> AP_INLINE ap_core& operator&=(const T& o) { return *this = *this & o; }
    template <class T> AP_INLINE ap_core& operator|=(const T& o) { return *this = *this | o; }
    template <class T> AP_INLINE ap_core& operator^=(const T& o) { return *this = *this ^ o; }
    AP_INLINE ap_core& operator++() { return *this += 1; }
    AP_INLINE ap_core& operator--() { return *this -= 1; }
    AP_INLINE base_type operator++(int) { base_type t(*this); *this += 1; return t; }
    AP_INLINE base_type operator--(int) { base_type t(*this); *this -= 1; return t; }

    AP_INLINE base_type operator~() const {
        base_type r;
        r.V = ap_detail::wrapw(~V, W, S);
        return r;
    }
    AP_INLINE base_type operator+() const { return base_type(*this); }
    AP_INLINE typename ap_detail::make_type<W + 1, I + 1, true, IsInt>::type operator-() const {
        typedef typename ap_detail::make_type<W + 1, I + 1, true, IsInt>::type R;
        R r;
        r.V = ap_detail::scast<typename R::storage_t>(V);
        r.V = -r.V;
        return r;
    }
};

#define AP_CORE_TPL template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N, bool IsInt>
#define AP_CORE ap_core<W, I, S, Q, O, N, IsInt>
AP_CORE_TPL constexpr int AP_CORE::width;
AP_CORE_TPL constexpr int AP_CORE::iwidth;
AP_CORE_TPL constexpr ap_q_mode AP_CORE::qmode;
AP_CORE_TPL constexpr ap_o_mode AP_CORE::omode;
AP_CORE_TPL constexpr int AP_CORE::sat_bits;
AP_CORE_TPL constexpr bool AP_CORE::sign_flag;
AP_CORE_TPL constexpr bool AP_CORE::is_int_kind;
AP_CORE_TPL constexpr int AP_CORE::frac_bits;
#undef AP_CORE
#undef AP_CORE_TPL

// ---------------------------------------------------------------------------------------------------
template <int W, int I, bool S = true, ap_q_mode Q = AP_TRN, ap_o_mode O = AP_WRAP, int N = 0>
struct ap_fixed_base : ap_core<W, I, S, Q, O, N, false> {
    typedef ap_core<W, I, S, Q, O, N, false> Base;
    AP_CX ap_fixed_base() {}
    using Base::Base;
    AP_FWD_CONV(ap_fixed_base, Base)
};
template <int W, bool S = true>
struct ap_int_base : ap_core<W, W, S, AP_TRN, AP_WRAP, 0, true> {
    typedef ap_core<W, W, S, AP_TRN, AP_WRAP, 0, true> Base;
    AP_CX ap_int_base() {}
    using Base::Base;
    AP_FWD_CONV(ap_int_base, Base)
};

#define AP_USER_WIDTH_CHECK(W)                                                                                 \
    static_assert((W) <= AP_INT_MAX_W,                                                                         \
                  "widths above 128 bits are not supported by the bundled ap_types; configure a vendor include " \
                  "directory")

template <int W, int I, ap_q_mode Q = AP_TRN, ap_o_mode O = AP_WRAP, int N = 0>
struct ap_fixed : ap_fixed_base<W, I, true, Q, O, N> {
    AP_USER_WIDTH_CHECK(W);
    typedef ap_fixed_base<W, I, true, Q, O, N> Base;
    AP_CX ap_fixed() {}
    using Base::Base;
    AP_FWD_CONV(ap_fixed, Base)
};
template <int W, int I, ap_q_mode Q = AP_TRN, ap_o_mode O = AP_WRAP, int N = 0>
struct ap_ufixed : ap_fixed_base<W, I, false, Q, O, N> {
    AP_USER_WIDTH_CHECK(W);
    typedef ap_fixed_base<W, I, false, Q, O, N> Base;
    AP_CX ap_ufixed() {}
    using Base::Base;
    AP_FWD_CONV(ap_ufixed, Base)
};
template <int W>
struct ap_int : ap_int_base<W, true> {
    AP_USER_WIDTH_CHECK(W);
    typedef ap_int_base<W, true> Base;
    AP_CX ap_int() {}
    using Base::Base;
    AP_FWD_CONV(ap_int, Base)
};
template <int W>
struct ap_uint : ap_int_base<W, false> {
    AP_USER_WIDTH_CHECK(W);
    typedef ap_int_base<W, false> Base;
    AP_CX ap_uint() {}
    using Base::Base;
    AP_FWD_CONV(ap_uint, Base)
};

// ---------------------------------------------------------------------------------------------------
// Bit and range proxies.
template <class P>
struct ap_bit_ref {
    P* p;
    int i;
    AP_INLINE ap_bit_ref(P* p_, int i_) : p(p_), i(i_) {}
    AP_INLINE operator bool() const { return p->get_bit(i); }
    AP_INLINE bool to_bool() const { return p->get_bit(i); }
    AP_INLINE ap_bit_ref& operator=(bool b) { p->set_bit(i, b); return *this; }
    AP_INLINE ap_bit_ref& operator=(int b) { p->set_bit(i, b != 0); return *this; }
    AP_INLINE ap_bit_ref& operator=(const ap_bit_ref& o) { p->set_bit(i, (bool)o); return *this; }
    template <class T, typename std::enable_if<ap_detail::is_ap<T>::value, int>::type = 0>
    AP_INLINE ap_bit_ref& operator=(const T& o) { p->set_bit(i, o.get_bit(0)); return *this; }
    AP_INLINE bool operator~() const { return !p->get_bit(i); }
};

template <class P>
struct ap_range_ref {
    typedef ap_int_base<P::width, false> value_type;
    P* p;
    int hi, lo;
    AP_INLINE ap_range_ref(P* p_, int h, int l) : p(p_), hi(h), lo(l) {}
    AP_INLINE value_type get() const {
        typedef typename value_type::storage_t U;
        value_type r;
        U v = ap_detail::sar(ap_detail::scast<U>(p->V), lo);
        r.V = ap_detail::wrapw(v, hi - lo + 1, false);
        return r;
    }
    AP_INLINE operator value_type() const { return get(); }
    // the slice as a C integer (only the low 64 bits of wider slices)
    AP_INLINE operator unsigned long long() const { return get().to_uint64(); }
    AP_INLINE uint64_t to_uint64() const { return get().to_uint64(); }
    AP_INLINE int64_t to_int64() const { return get().to_int64(); }
    AP_INLINE unsigned to_uint() const { return get().to_uint(); }
    AP_INLINE int to_int() const { return get().to_int(); }
    AP_INLINE int length() const { return hi - lo + 1; }
    std::string to_string(int radix = 10) const { return get().to_string(radix); }
    template <class T, typename std::enable_if<ap_detail::is_ap<T>::value, int>::type = 0>
    AP_INLINE ap_range_ref& operator=(const T& o) {
        typedef typename P::storage_t U;
        // raw bit pattern of the source, reduced to the slice width
        U bits = ap_detail::scast<U>(o.V);  // raw bits of the source, sign- or zero-extended
        U m = ap_detail::shl(~ap_detail::shl(ap_detail::minus_one<U>(), hi - lo + 1), lo);
        U v = ap_detail::shl(bits, lo) & m;
        p->V = ap_detail::wrapw((p->V & ~m) | v, P::width, P::sign_flag);
        return *this;
    }
    template <class T, typename std::enable_if<ap_detail::is_cint<T>::value, int>::type = 0>
    AP_INLINE ap_range_ref& operator=(T v) { return *this = typename ap_detail::cint_ap<T>::type(v); }
    AP_INLINE ap_range_ref& operator=(const ap_range_ref& o) { return *this = o.get(); }
    template <class Q> AP_INLINE ap_range_ref& operator=(const ap_range_ref<Q>& o) { return *this = o.get(); }
};

template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N, bool IsInt>
AP_INLINE ap_int_base<W, false> ap_core<W, I, S, Q, O, N, IsInt>::range(int hi, int lo) const {
    return ap_range_ref<ap_core>(const_cast<ap_core*>(this), hi, lo).get();
}
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N, bool IsInt>
AP_INLINE ap_int_base<W, false> ap_core<W, I, S, Q, O, N, IsInt>::range() const {
    return range(W - 1, 0);
}
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N, bool IsInt>
AP_INLINE ap_int_base<W, false> ap_core<W, I, S, Q, O, N, IsInt>::operator()(int hi, int lo) const {
    return range(hi, lo);
}

// ---------------------------------------------------------------------------------------------------
// Binary operators between ap types (full precision result types as Xilinx defines them).
namespace ap_detail {
template <class R, class A>
AP_INLINE typename R::storage_t align(const A& a) {
    return shl(scast<typename R::storage_t>(a.V), R::frac_bits - A::frac_bits);
}
template <class A, class B>
struct both_ap : std::integral_constant<bool, is_ap<A>::value && is_ap<B>::value> {};
}  // namespace ap_detail

template <class A, class B, typename std::enable_if<ap_detail::both_ap<A, B>::value, int>::type = 0>
AP_INLINE typename ap_detail::rtypes<A, B>::plus operator+(const A& a, const B& b) {
    typedef typename ap_detail::rtypes<A, B>::plus R;
    R r;
    r.V = ap_detail::align<R>(a) + ap_detail::align<R>(b);
    return r;
}
template <class A, class B, typename std::enable_if<ap_detail::both_ap<A, B>::value, int>::type = 0>
AP_INLINE typename ap_detail::rtypes<A, B>::minus operator-(const A& a, const B& b) {
    typedef typename ap_detail::rtypes<A, B>::minus R;
    R r;
    r.V = ap_detail::align<R>(a) - ap_detail::align<R>(b);
    return r;
}
template <class A, class B, typename std::enable_if<ap_detail::both_ap<A, B>::value, int>::type = 0>
AP_INLINE typename ap_detail::rtypes<A, B>::mult operator*(const A& a, const B& b) {
    typedef typename ap_detail::rtypes<A, B>::mult R;
    typedef typename R::storage_t T;
    R r;
    r.V = ap_detail::scast<T>(a.V) * ap_detail::scast<T>(b.V);
    return r;
}
template <class A, class B, typename std::enable_if<ap_detail::both_ap<A, B>::value, int>::type = 0>
AP_INLINE typename ap_detail::rtypes<A, B>::div operator/(const A& a, const B& b) {
    typedef typename ap_detail::rtypes<A, B>::div R;
    typedef typename R::storage_t T;
    R r;
    const int sh = B::frac_bits > 0 ? B::frac_bits : 0;
    r.V = ap_detail::div_raw(ap_detail::shl(ap_detail::scast<T>(a.V), sh), ap_detail::scast<T>(b.V));
    return r;
}
template <class A, class B,
          typename std::enable_if<ap_detail::both_ap<A, B>::value && A::is_int_kind && B::is_int_kind, int>::type = 0>
AP_INLINE typename ap_detail::rtypes<A, B>::mod operator%(const A& a, const B& b) {
    typedef typename ap_detail::rtypes<A, B>::mod R;
    typedef typename ap_detail::rtypes<A, B>::plus P;  // wide enough for both operands
    typedef typename P::storage_t T;
    R r;
    r.V = ap_detail::scast<typename R::storage_t>(ap_detail::mod_raw(ap_detail::scast<T>(a.V), ap_detail::scast<T>(b.V)));
    return r;
}
#define AP_LOGIC_OP(OP)                                                                                 \
    template <class A, class B, typename std::enable_if<ap_detail::both_ap<A, B>::value, int>::type = 0> \
    AP_INLINE typename ap_detail::rtypes<A, B>::logic operator OP(const A& a, const B& b) {             \
        typedef typename ap_detail::rtypes<A, B>::logic R;                                              \
        R r;                                                                                            \
        r.V = ap_detail::wrapw(ap_detail::align<R>(a) OP ap_detail::align<R>(b), R::width, R::sign_flag); \
        return r;                                                                                       \
    }
AP_LOGIC_OP(&)
AP_LOGIC_OP(|)
AP_LOGIC_OP(^)
#undef AP_LOGIC_OP

#define AP_REL_OP(OP)                                                                                   \
    template <class A, class B, typename std::enable_if<ap_detail::both_ap<A, B>::value, int>::type = 0> \
    AP_INLINE bool operator OP(const A& a, const B& b) {                                                \
        typedef typename ap_detail::rtypes<A, B>::plus R;                                               \
        return ap_detail::align<R>(a) OP ap_detail::align<R>(b);                                        \
    }
AP_REL_OP(==)
AP_REL_OP(!=)
AP_REL_OP(<)
AP_REL_OP(<=)
AP_REL_OP(>)
AP_REL_OP(>=)
#undef AP_REL_OP

// ---- with C integer types (treated as ap_int<8*sizeof> / ap_uint<...>) and floating point
#define AP_NATIVE_OP(OP)                                                                                       \
    template <class A, class T,                                                                              \
              typename std::enable_if<ap_detail::is_ap<A>::value && ap_detail::is_cint<T>::value, int>::type = 0> \
    AP_INLINE auto operator OP(const A& a, T b)->decltype(a OP typename ap_detail::cint_ap<T>::type(b)) {    \
        return a OP typename ap_detail::cint_ap<T>::type(b);                                                 \
    }                                                                                                        \
    template <class A, class T,                                                                              \
              typename std::enable_if<ap_detail::is_ap<A>::value && ap_detail::is_cint<T>::value, int>::type = 0> \
    AP_INLINE auto operator OP(T b, const A& a)->decltype(typename ap_detail::cint_ap<T>::type(b) OP a) {    \
        return typename ap_detail::cint_ap<T>::type(b) OP a;                                                 \
    }
AP_NATIVE_OP(+)
AP_NATIVE_OP(-)
AP_NATIVE_OP(*)
AP_NATIVE_OP(/)
AP_NATIVE_OP(%)
AP_NATIVE_OP(&)
AP_NATIVE_OP(|)
AP_NATIVE_OP(^)
AP_NATIVE_OP(==)
AP_NATIVE_OP(!=)
AP_NATIVE_OP(<)
AP_NATIVE_OP(<=)
AP_NATIVE_OP(>)
AP_NATIVE_OP(>=)
#undef AP_NATIVE_OP

#define AP_FLOAT_REL(OP)                                                                                          \
    template <class A, class T,                                                                                 \
              typename std::enable_if<ap_detail::is_ap<A>::value && std::is_floating_point<T>::value, int>::type = 0> \
    AP_INLINE bool operator OP(const A& a, T b) { return a.to_double() OP(double) b; }                          \
    template <class A, class T,                                                                                 \
              typename std::enable_if<ap_detail::is_ap<A>::value && std::is_floating_point<T>::value, int>::type = 0> \
    AP_INLINE bool operator OP(T b, const A& a) { return (double)b OP a.to_double(); }
AP_FLOAT_REL(==)
AP_FLOAT_REL(!=)
AP_FLOAT_REL(<)
AP_FLOAT_REL(<=)
AP_FLOAT_REL(>)
AP_FLOAT_REL(>=)
#undef AP_FLOAT_REL

template <class A, typename std::enable_if<ap_detail::is_ap<A>::value, int>::type = 0>
inline std::ostream& operator<<(std::ostream& os, const A& a) {
    if (A::is_int_kind) {
        if (os.flags() & std::ios_base::hex) return os << a.to_string(16);
        return os << a.to_string(10);
    }
    return os << a.to_double();
}
template <class P>
inline std::ostream& operator<<(std::ostream& os, const ap_range_ref<P>& r) { return os << r.get(); }

#endif  // HLS4ML_AP_COMMON_H
