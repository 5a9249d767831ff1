// Common definitions for the hls4ml-maven-plugin layer library.
// Part of hls4ml-maven-plugin; synthesizable with Vivado/Vitis HLS.
#ifndef NNET_COMMON_H_
#define NNET_COMMON_H_

#include "ap_fixed.h"
#include "ap_int.h"
#include <cstddef>
#ifndef __SYNTHESIS__
#include <type_traits>
#endif

// Integer helpers usable in constant expressions (template arguments, pragmas).
#ifndef DIV_ROUNDUP
#define DIV_ROUNDUP(n, d) ((n + d - 1) / d)
#endif
#ifndef MIN
#define MIN(n, d) ((n) > (d) ? (d) : (n))
#endif
#ifndef MAX
#define MAX(n, d) ((n) > (d) ? (n) : (d))
#endif

namespace nnet {

enum io_type { io_parallel = 0, io_stream };
enum strategy { latency, resource };

// ceil(log2(n)) for n >= 1 (0 for n <= 1).
constexpr int ceillog2(int n) { return n <= 1 ? 0 : 1 + ceillog2((n + 1) / 2); }
// floor(log2(n)) for n >= 1 (0 for n <= 1).
constexpr int floorlog2(int n) { return n <= 1 ? 0 : 1 + floorlog2(n / 2); }
// 2^n
constexpr int pow2(int n) { return n <= 0 ? 1 : 2 * pow2(n - 1); }

namespace product {

// Full-precision product: the result type is whatever a * w yields for the
// two operand types (for ap_fixed<W1,I1> * ap_fixed<W2,I2> that is
// ap_fixed<W1+W2, I1+I2>, exact).
template <class x_T, class w_T> struct mult {
    static auto product(x_T a, w_T w) -> decltype(a * w) {
        #pragma HLS INLINE
        return a * w;
    }
};

} // namespace product

// Storage type for a running sum in accum_t of N_TERMS terms, each already of
// type accum_t. In synthesis it is accum_t itself. In C simulation, when
// accum_t wraps (AP_WRAP with no saturation bits, or an ap_int / ap_uint) and
// has the same LSB as a slightly wider type that cannot overflow over N_TERMS
// terms and still fits 64 bits, the sum is kept in that wider type and
// converted to accum_t at the end. Wrapping is reduction modulo 2^W of the raw
// integer, so the final value is bit-identical to wrapping after every
// addition; only C simulation gets faster.
template <class accum_T, unsigned N_TERMS> struct csim_accum { typedef accum_T type; };
#ifndef __SYNTHESIS__
template <int W, int I, ap_q_mode Q, unsigned N_TERMS> struct csim_accum<ap_fixed<W, I, Q, AP_WRAP, 0>, N_TERMS> {
    static const int E = ceillog2((int)N_TERMS) + 1;
    typedef typename std::conditional<(W + E <= 64), ap_fixed<W + E, I + E>, ap_fixed<W, I, Q, AP_WRAP, 0> >::type type;
};
template <int W, int I, ap_q_mode Q, unsigned N_TERMS> struct csim_accum<ap_ufixed<W, I, Q, AP_WRAP, 0>, N_TERMS> {
    static const int E = ceillog2((int)N_TERMS) + 2;
    typedef typename std::conditional<(W + E <= 64), ap_fixed<W + E, I + E>, ap_ufixed<W, I, Q, AP_WRAP, 0> >::type type;
};
template <int W, unsigned N_TERMS> struct csim_accum<ap_int<W>, N_TERMS> {
    static const int E = ceillog2((int)N_TERMS) + 1;
    typedef typename std::conditional<(W + E <= 64), ap_int<W + E>, ap_int<W> >::type type;
};
template <int W, unsigned N_TERMS> struct csim_accum<ap_uint<W>, N_TERMS> {
    static const int E = ceillog2((int)N_TERMS) + 2;
    typedef typename std::conditional<(W + E <= 64), ap_int<W + E>, ap_uint<W> >::type type;
};
#endif

// Binary operators for reduce().
template <class T> struct Op_add {
    T operator()(T a, T b) const {
        #pragma HLS INLINE
        return a + b; // exact sum, converted back to T
    }
};

template <class T> struct Op_max {
    T operator()(T a, T b) const {
        #pragma HLS INLINE
        return a >= b ? a : b;
    }
};

// Balanced tree reduction over N elements (an adder/comparator tree).
// Split rule: the left subtree takes the largest power of two strictly below
// N elements, the right one the rest; every intermediate result is stored
// as T. (This matters when T rounds or saturates: the order of partial sums
// is fixed by this rule.)
template <class T, int N, class Op> struct reducer {
    static const int left = pow2(floorlog2(N - 1));
    static T run(const T *x, Op op) {
        #pragma HLS INLINE
        return op(reducer<T, left, Op>::run(x, op), reducer<T, N - left, Op>::run(x + left, op));
    }
};
template <class T, class Op> struct reducer<T, 1, Op> {
    static T run(const T *x, Op) {
        #pragma HLS INLINE
        return x[0];
    }
};
template <class T, class Op> struct reducer<T, 2, Op> {
    static T run(const T *x, Op op) {
        #pragma HLS INLINE
        return op(x[0], x[1]);
    }
};

template <class T, int N, class Op> inline T reduce(const T *x, Op op) {
    #pragma HLS INLINE
    return reducer<T, N, Op>::run(x, op);
}

} // namespace nnet

#endif
