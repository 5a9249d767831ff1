// Dense (fully connected) layer, io_parallel: arrays in, arrays out.
#ifndef NNET_DENSE_H_
#define NNET_DENSE_H_

#include "nnet_common.h"
#include "nnet_dense_latency.h"
#include "nnet_dense_resource.h"
#ifndef __SYNTHESIS__
#include <cstdint>
#include <type_traits>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#endif

namespace nnet {

struct dense_config {
    // Internal data types
    typedef float bias_t;
    typedef float weight_t;
    typedef float accum_t;

    // Layer sizes
    static const unsigned n_in = 10;
    static const unsigned n_out = 10;

    // Resource reuse info
    static const unsigned io_type = io_parallel;
    static const unsigned strategy = latency;
    static const unsigned reuse_factor = 1;
    static const unsigned n_zeros = 0;
    static const unsigned n_nonzeros = 100;
    static const unsigned multiplier_limit = 100;
    static const bool store_weights_in_bram = false;

    // Product function
    template <class x_T, class y_T> using product = nnet::product::mult<x_T, y_T>;
};

#ifndef __SYNTHESIS__
// ---------------------------------------------------------------------------------------------------
// C simulation only: integer fast path for wrapping accumulators.
//
// When accum_t wraps (AP_WRAP, no saturation bits) every step of the sequential sum
//     acc = (accum_t) bias;  acc = (accum_t) (acc + (accum_t) (x[i] * w[i][j]))
// is a reduction modulo 2^Wa of the raw integers (Wa = accum_t's width, same LSB for
// all terms), so the sum can be taken in any wider modular integer and reduced once at
// the end. The product -> accum_t step drops e = F(product) - F(accum_t) fractional
// bits first: floor(p / 2^e) (AP_TRN) or floor((p + 2^(e-1)) / 2^e) (AP_RND), and those
// are exact modulo 2^(L-e) when p is known modulo 2^L. So with L = 32 (or 64) lanes,
// Wa + max(e, 0) <= L, the whole layer is: unsigned L-bit products of the raw values,
// a logical right shift (or a left shift when e < 0), unsigned L-bit sums, then the low
// Wa bits of the sum sign- (or zero-) extended. Inputs equal to zero add nothing and are
// skipped (both rounding modes map a zero product to zero). The loops run over the
// contiguous weights[i * n_out + j] with j innermost, which g++ -O2 vectorizes.
// Anything else (saturating accumulators, other rounding modes, custom products, non-ap
// types, too wide) keeps the sequential path of dense_latency / dense_resource.
template <class data_T, class weight_T, class accum_T, class prod_T,
          bool AllAp = ap_detail::is_ap<data_T>::value && ap_detail::is_ap<weight_T>::value &&
                       ap_detail::is_ap<accum_T>::value>
struct dense_wrap_csim {
    static const int lane = 0;
};
template <class data_T, class weight_T, class accum_T, class prod_T>
struct dense_wrap_csim<data_T, weight_T, accum_T, prod_T, true> {
    static const int f_prod = data_T::frac_bits + weight_T::frac_bits;
    static const bool prod_int = data_T::is_int_kind && weight_T::is_int_kind;
    static const int e = f_prod - accum_T::frac_bits; // fractional bits dropped (< 0: shift left)
    // an ap_fixed -> ap_int conversion truncates towards zero (see ap_core's converting constructor)
    static const ap_q_mode q = (accum_T::is_int_kind && !prod_int && f_prod > 0) ? AP_TRN_ZERO : accum_T::qmode;
    static const bool modes_ok = accum_T::omode == AP_WRAP && accum_T::sat_bits == 0 &&
                                 (e <= 0 || q == AP_TRN || q == AP_RND) &&
                                 std::is_same<prod_T, product::mult<data_T, weight_T> >::value;
    static const int need = accum_T::width + (e > 0 ? e : 0);
    static const int lane = !modes_ok ? 0 : (need <= 32 && -e < 32) ? 32 : (need <= 64 && -e < 64) ? 64 : 0;
};

template <class U, class T> inline U dense_raw_bits(const T &x) { return (U)(uint64_t)ap_detail::scast<int64_t>(x.V); }

// One term: (product + half) >> rsh << lsh on 64-bit lanes; the product is the full 64-bit one
// (64-bit lanes) or the exact 64-bit product of the low 32 bits of both raws (32-bit lanes, whose
// low 32 bits are the product modulo 2^32 - what SSE2's pmuludq computes).
template <int LANE> struct dense_mul;
template <> struct dense_mul<32> {
    static inline uint64_t run(uint64_t x, uint64_t w) { return (uint64_t)(uint32_t)x * (uint32_t)w; }
};
template <> struct dense_mul<64> {
    static inline uint64_t run(uint64_t x, uint64_t w) { return x * w; }
};

#if defined(__SSE2__)
// 32-bit lanes, weights stored as 8-byte raws (int64_t storage): blocks of 16 outputs kept in
// eight registers of two 64-bit sums while the inputs are scanned; pmuludq multiplies the low
// 32 bits of each weight raw by the input raw.
template <int RSH, int LSH, bool RND> struct dense_sse2_term {
    static inline __m128i run(__m128i w, __m128i x, __m128i half) {
        __m128i t = _mm_mul_epu32(w, x);
        if (RND)
            t = _mm_add_epi64(t, half);
        if (RSH > 0)
            t = _mm_srli_epi64(t, RSH);
        if (LSH > 0)
            t = _mm_slli_epi64(t, LSH);
        return t;
    }
};
template <unsigned N_IN, unsigned N_OUT, int RSH, int LSH, bool RND, class data_T, class weight_T>
inline void dense_sse2_blocks(const data_T *data, const weight_T *weights, uint64_t *acc, uint64_t half) {
    typedef dense_sse2_term<RSH, LSH, RND> T;
    const __m128i hv = _mm_set1_epi64x((long long)half);
    unsigned jb = 0;
    for (; jb + 16 <= N_OUT; jb += 16) {
        __m128i a0 = _mm_loadu_si128((const __m128i *)(acc + jb)), a1 = _mm_loadu_si128((const __m128i *)(acc + jb + 2));
        __m128i a2 = _mm_loadu_si128((const __m128i *)(acc + jb + 4)), a3 = _mm_loadu_si128((const __m128i *)(acc + jb + 6));
        __m128i a4 = _mm_loadu_si128((const __m128i *)(acc + jb + 8)), a5 = _mm_loadu_si128((const __m128i *)(acc + jb + 10));
        __m128i a6 = _mm_loadu_si128((const __m128i *)(acc + jb + 12)), a7 = _mm_loadu_si128((const __m128i *)(acc + jb + 14));
        for (unsigned i = 0; i < N_IN; i++) {
            const uint64_t xr = dense_raw_bits<uint64_t>(data[i]);
            if ((uint32_t)xr == 0)
                continue;
            const __m128i x = _mm_set1_epi64x((long long)xr);
            const __m128i *w = (const __m128i *)(weights + i * N_OUT + jb);
            a0 = _mm_add_epi64(a0, T::run(_mm_loadu_si128(w + 0), x, hv));
            a1 = _mm_add_epi64(a1, T::run(_mm_loadu_si128(w + 1), x, hv));
            a2 = _mm_add_epi64(a2, T::run(_mm_loadu_si128(w + 2), x, hv));
            a3 = _mm_add_epi64(a3, T::run(_mm_loadu_si128(w + 3), x, hv));
            a4 = _mm_add_epi64(a4, T::run(_mm_loadu_si128(w + 4), x, hv));
            a5 = _mm_add_epi64(a5, T::run(_mm_loadu_si128(w + 5), x, hv));
            a6 = _mm_add_epi64(a6, T::run(_mm_loadu_si128(w + 6), x, hv));
            a7 = _mm_add_epi64(a7, T::run(_mm_loadu_si128(w + 7), x, hv));
        }
        _mm_storeu_si128((__m128i *)(acc + jb), a0), _mm_storeu_si128((__m128i *)(acc + jb + 2), a1);
        _mm_storeu_si128((__m128i *)(acc + jb + 4), a2), _mm_storeu_si128((__m128i *)(acc + jb + 6), a3);
        _mm_storeu_si128((__m128i *)(acc + jb + 8), a4), _mm_storeu_si128((__m128i *)(acc + jb + 10), a5);
        _mm_storeu_si128((__m128i *)(acc + jb + 12), a6), _mm_storeu_si128((__m128i *)(acc + jb + 14), a7);
    }
    for (; jb + 2 <= N_OUT; jb += 2) {
        __m128i a = _mm_loadu_si128((const __m128i *)(acc + jb));
        for (unsigned i = 0; i < N_IN; i++) {
            const uint64_t xr = dense_raw_bits<uint64_t>(data[i]);
            if ((uint32_t)xr == 0)
                continue;
            a = _mm_add_epi64(a, T::run(_mm_loadu_si128((const __m128i *)(weights + i * N_OUT + jb)),
                                        _mm_set1_epi64x((long long)xr), hv));
        }
        _mm_storeu_si128((__m128i *)(acc + jb), a);
    }
    if (jb < N_OUT) {
        uint64_t a = acc[jb];
        for (unsigned i = 0; i < N_IN; i++)
            a += ((dense_mul<32>::run(dense_raw_bits<uint64_t>(data[i]), dense_raw_bits<uint64_t>(weights[i * N_OUT + jb])) +
                   half) >> RSH) << LSH;
        acc[jb] = a;
    }
}
#endif

template <class data_T, class res_T, typename CONFIG_T, int LANE>
void dense_wrap_sum(const data_T *data, res_T *res, const typename CONFIG_T::weight_t *weights,
                    const typename CONFIG_T::bias_t *biases) {
    typedef typename CONFIG_T::accum_t accum_t;
    typedef typename CONFIG_T::weight_t weight_t;
    typedef dense_wrap_csim<data_T, weight_t, accum_t, typename CONFIG_T::template product<data_T, weight_t> > info;
    static const unsigned n_in = CONFIG_T::n_in;
    static const unsigned n_out = CONFIG_T::n_out;
    static const int e = info::e;
    static const int rsh = e > 0 ? e : 0;
    static const int lsh = e < 0 ? -e : 0;
    static const bool rnd = info::q == AP_RND && e > 0;
    const uint64_t half = rnd ? (uint64_t)1 << (rsh > 0 ? rsh - 1 : 0) : 0;

    uint64_t acc[n_out];
    for (unsigned j = 0; j < n_out; j++)
        acc[j] = dense_raw_bits<uint64_t>((accum_t)biases[j]);
#if defined(__SSE2__)
    if (LANE == 32 && sizeof(weight_t) == 8 && std::is_same<typename weight_t::storage_t, int64_t>::value) {
        dense_sse2_blocks<n_in, n_out, rsh, lsh, rnd>(data, weights, acc, half);
    } else
#endif
    {
        for (unsigned i = 0; i < n_in; i++) {
            const uint64_t x = dense_raw_bits<uint64_t>(data[i]);
            if ((LANE == 32 ? (uint64_t)(uint32_t)x : x) == 0)
                continue;
            const weight_t *w = weights + i * n_out;
            for (unsigned j = 0; j < n_out; j++)
                acc[j] += ((dense_mul<LANE>::run(x, dense_raw_bits<uint64_t>(w[j])) + half) >> rsh) << lsh;
        }
    }
    for (unsigned j = 0; j < n_out; j++) {
        accum_t a;
        a.V = ap_detail::wrapw(ap_detail::scast<typename accum_t::storage_t>((int64_t)acc[j]), accum_t::width,
                               accum_t::sign_flag);
        res[j] = (res_T)a;
    }
}

// Strategy selection: only the implementation used is instantiated.
template <int LANE> struct dense_impl_tag {};
template <class data_T, class res_T, typename CONFIG_T>
inline void dense_select(data_T *data, res_T *res, typename CONFIG_T::weight_t *weights,
                         typename CONFIG_T::bias_t *biases, dense_impl_tag<32>) {
    dense_wrap_sum<data_T, res_T, CONFIG_T, 32>(data, res, weights, biases);
}
template <class data_T, class res_T, typename CONFIG_T>
inline void dense_select(data_T *data, res_T *res, typename CONFIG_T::weight_t *weights,
                         typename CONFIG_T::bias_t *biases, dense_impl_tag<64>) {
    dense_wrap_sum<data_T, res_T, CONFIG_T, 64>(data, res, weights, biases);
}
#endif

template <unsigned STRATEGY> struct dense_strategy_tag {};
template <class data_T, class res_T, typename CONFIG_T>
inline void dense_select(data_T *data, res_T *res, typename CONFIG_T::weight_t *weights,
                         typename CONFIG_T::bias_t *biases, dense_strategy_tag<latency>) {
    #pragma HLS INLINE
    dense_latency<data_T, res_T, CONFIG_T>(data, res, weights, biases);
}
template <class data_T, class res_T, typename CONFIG_T>
inline void dense_select(data_T *data, res_T *res, typename CONFIG_T::weight_t *weights,
                         typename CONFIG_T::bias_t *biases, dense_strategy_tag<resource>) {
    #pragma HLS INLINE
    dense_resource<data_T, res_T, CONFIG_T>(data, res, weights, biases);
}

// res[j] = (res_T) ((accum_t) biases[j] + sum_i (accum_t) (data[i] * weights[i * n_out + j]))
// with the sum accumulated in accum_t in increasing i. weights[i * n_out + j] =
// Keras kernel[i][j] for both strategies. Latency and resource give identical results.
template <class data_T, class res_T, typename CONFIG_T>
void dense(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_out],
           typename CONFIG_T::weight_t weights[CONFIG_T::n_in * CONFIG_T::n_out],
           typename CONFIG_T::bias_t biases[CONFIG_T::n_out]) {
    #pragma HLS INLINE
#ifndef __SYNTHESIS__
    typedef dense_wrap_csim<data_T, typename CONFIG_T::weight_t, typename CONFIG_T::accum_t,
                            typename CONFIG_T::template product<data_T, typename CONFIG_T::weight_t> >
        fast;
    typedef typename std::conditional<(fast::lane != 0), dense_impl_tag<fast::lane>,
                                      dense_strategy_tag<(CONFIG_T::strategy == latency ? latency : resource)> >::type
        tag;
    dense_select<data_T, res_T, CONFIG_T>(data, res, weights, biases, tag());
#else
    dense_select<data_T, res_T, CONFIG_T>(data, res, weights, biases,
                                          dense_strategy_tag<(CONFIG_T::strategy == latency ? latency : resource)>());
#endif
}

} // namespace nnet

#endif
