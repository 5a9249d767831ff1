// Common definitions for the hls4ml-maven-plugin layer library.
// Part of hls4ml-maven-plugin; synthesizable with Vivado/Vitis HLS.
#ifndef NNET_COMMON_H_
#define NNET_COMMON_H_

#include "ap_fixed.h"
#include "ap_int.h"
#include <cstddef>

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
