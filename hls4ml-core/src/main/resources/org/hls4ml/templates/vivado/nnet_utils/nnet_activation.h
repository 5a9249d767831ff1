// Activation functions, io_parallel: arrays in, arrays out.
//
// Table-based functions read their tables from static const members of the
// generated config struct (no table is computed at run time). The comment
// at each function states exactly what entry i of each table must hold.
#ifndef NNET_ACTIVATION_H_
#define NNET_ACTIVATION_H_

#include "nnet_common.h"

namespace nnet {

struct activ_config {
    // IO size
    static const unsigned n_in = 10;

    // Internal info
    static const unsigned table_size = 1024;

    // Resource reuse info
    static const unsigned io_type = io_parallel;
    static const unsigned reuse_factor = 1;

    // Internal data type definitions
    typedef ap_fixed<18, 8> table_t;
};

// *************************************************
//       LINEAR: res[i] = (res_T) data[i]
// *************************************************
template <class data_T, class res_T, typename CONFIG_T>
void linear(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
    #pragma HLS PIPELINE
LinearLoop:
    for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
        #pragma HLS UNROLL
        res[i] = (res_T)data[i];
    }
}

// *************************************************
//       RELU: res[i] = data[i] > 0 ? (res_T) data[i] : 0
// *************************************************
template <class data_T, class res_T, typename CONFIG_T>
void relu(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
    #pragma HLS PIPELINE
ReluLoop:
    for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
        #pragma HLS UNROLL
        const data_T x = data[i];
        if (x > 0)
            res[i] = (res_T)x;
        else
            res[i] = (res_T)0;
    }
}

// Index into a table covering inputs [-RANGE/2, RANGE/2):
//   index = trunc(x * table_size / RANGE) + table_size / 2, clamped to [0, table_size - 1]
// where x * table_size / RANGE is evaluated exactly (ap_fixed product with an
// integer, then ap_fixed division by an integer, which keeps x's fractional
// bits and truncates toward zero) and trunc() rounds toward zero (C int
// conversion). This is the arithmetic of hls4ml's
// `int data_round = data[ii] * CONFIG_T::table_size / 16;`.
template <class data_T, unsigned TABLE_SIZE, int RANGE> inline int symmetric_table_index(data_T x) {
    #pragma HLS INLINE
    int index = (x * TABLE_SIZE / RANGE).to_int() + (int)(TABLE_SIZE / 2);
    if (index < 0)
        index = 0;
    if (index > (int)TABLE_SIZE - 1)
        index = (int)TABLE_SIZE - 1;
    return index;
}

// *************************************************
//       SIGMOID (table over [-8, 8))
// *************************************************
// index = trunc(data[i] * table_size / 16) + table_size / 2, clamped to [0, table_size-1]
// res[i] = (res_T) CONFIG_T::table[index]
// Table (CONFIG_T::table_t, CONFIG_T::table_size entries), as hls4ml builds it:
//   in_val(i) = 16.0 * (i - table_size / 2) / table_size      (exact for power-of-two table_size)
//   table[i]  = (table_t) (1.0 / (1.0 + exp(-in_val(i))))     (hls4ml evaluates exp in float:
//               (float)(1.0 / (double)(1.0f + expf(-in_val))), then converts with table_t's
//               quantization mode; default ap_fixed<18,8> truncates toward -inf)
template <class data_T, class res_T, typename CONFIG_T>
void sigmoid(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
    #pragma HLS PIPELINE
SigmoidLoop:
    for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
        #pragma HLS UNROLL
        const int index = symmetric_table_index<data_T, CONFIG_T::table_size, 16>(data[i]);
        res[i] = (res_T)CONFIG_T::table[index];
    }
}

// *************************************************
//       TANH (table over [-4, 4))
// *************************************************
// index = trunc(data[i] * table_size / 8) + table_size / 2, clamped to [0, table_size-1]
// res[i] = (res_T) CONFIG_T::table[index]
// Table (CONFIG_T::table_t, CONFIG_T::table_size entries):
//   in_val(i) = 8.0 * (i - table_size / 2) / table_size       (exact for power-of-two table_size)
//   table[i]  = (table_t) tanh(in_val(i))                     (hls4ml evaluates tanh in double precision,
//               ::tanh(double), then converts with table_t's quantization mode; default TRN)
template <class data_T, class res_T, typename CONFIG_T>
void tanh(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
    #pragma HLS PIPELINE
TanhLoop:
    for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
        #pragma HLS UNROLL
        const int index = symmetric_table_index<data_T, CONFIG_T::table_size, 8>(data[i]);
        res[i] = (res_T)CONFIG_T::table[index];
    }
}

// *************************************************
//       ELEMENT-WISE FUNCTIONS AS OPERATIONS
// *************************************************
// Each operation below maps one input value to one res_T value; elementwise()
// applies it to every element (and its io_stream twin, in
// nnet_activation_stream.h, to every element of every pack). The arithmetic of
// each follows hls4ml's documented behaviour for the function.
template <class data_T, class res_T, typename CONFIG_T, class OP>
void elementwise(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in], const OP &op) {
    #pragma HLS PIPELINE
ElementwiseLoop:
    for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
        #pragma HLS UNROLL
        res[i] = op(data[i]);
    }
}

// LEAKY RELU: x > 0 ? (res_T) x : (res_T) (alpha * x), alpha held in param_T
// (the exact product, then one conversion to res_T).
template <class res_T, class param_T> struct leaky_relu_op {
    param_T alpha;
    template <class T> res_T operator()(T x) const {
        if (x > 0)
            return (res_T)x;
        return (res_T)(alpha * x);
    }
};

// THRESHOLDED RELU: x > theta ? (res_T) x : 0, theta held in param_T.
template <class res_T, class param_T> struct thresholded_relu_op {
    param_T theta;
    template <class T> res_T operator()(T x) const {
        if (x > theta)
            return (res_T)x;
        return (res_T)0;
    }
};

// CLIPPED RELU (Keras ReLU(max_value), relu6): x < 0 ? 0 : x > max ? (res_T) max : (res_T) x,
// max held in param_T (hls4ml's relu_max with a fixed-point maximum).
template <class res_T, class param_T> struct relu_max_op {
    param_T max;
    template <class T> res_T operator()(T x) const {
        if (x < 0)
            return (res_T)0;
        if (x > max)
            return (res_T)max;
        return (res_T)x;
    }
};

// HARD SIGMOID: y = slope * x + shift computed exactly (slope = 0.2 held in
// CONFIG_T::slope_t, by default ap_ufixed<16,0>, i.e. 13107 / 65536; shift =
// 0.5 held in CONFIG_T::shift_t, by default ap_ufixed<1,0>), clipped to
// [0, 1], then converted to res_T.
template <class res_T, typename CONFIG_T> struct hard_sigmoid_op {
    template <class T> res_T operator()(T x) const {
        const typename CONFIG_T::slope_t slope = 0.2;
        const typename CONFIG_T::shift_t shift = 0.5;
        if (slope * x + shift > 1)
            return (res_T)1;
        if (slope * x + shift < 0)
            return (res_T)0;
        return (res_T)(slope * x + shift);
    }
};

// Index into a table covering the negative inputs (-8, 0] (elu, selu):
//   index = min(trunc(x * table_size / -8), table_size - 1)   for x < 0,
// hls4ml's `index = datareg * CONFIG_T::table_size / -8`, computed here as
// -trunc(x * table_size / 8) (truncation toward zero is odd-symmetric).
template <class data_T, unsigned TABLE_SIZE> inline int negative_table_index(data_T x) {
    #pragma HLS INLINE
    int index = -((x * TABLE_SIZE / 8).to_int());
    if (index > (int)TABLE_SIZE - 1)
        index = (int)TABLE_SIZE - 1;
    return index;
}

// ELU: x >= 0 ? (res_T) x : (res_T) (alpha * table[negative_table_index(x)]),
// alpha held in res_T (as hls4ml passes it).
// Table (CONFIG_T::table_t, table_size entries over (-8, 0]):
//   in_val(i) = -8.0 * i / table_size;  table[i] = (table_t) (expf(in_val(i)) - 1.0)  (exp in float)
template <class res_T, typename CONFIG_T> struct elu_op {
    res_T alpha;
    template <class T> res_T operator()(T x) const {
        if (x >= 0)
            return (res_T)x;
        return (res_T)(alpha * CONFIG_T::table[negative_table_index<T, CONFIG_T::table_size>(x)]);
    }
};

// SELU: x >= 0 ? (res_T) ((res_T) 1.0507009873554805 * x) : (res_T) table[negative_table_index(x)].
// Table (over (-8, 0] like elu's):
//   table[i] = (table_t) (1.0507009873554805 * 1.6732632423543772 * (expf(in_val(i)) - 1.0))
template <class res_T, typename CONFIG_T> struct selu_op {
    template <class T> res_T operator()(T x) const {
        if (x >= 0)
            return (res_T)(res_T(1.0507009873554804934193349852946) * x);
        return (res_T)CONFIG_T::table[negative_table_index<T, CONFIG_T::table_size>(x)];
    }
};

// SOFTPLUS and SOFTSIGN: the sigmoid's index over [-8, 8), res = (res_T) table[index].
// Tables: in_val(i) = 16.0 * (i - table_size / 2) / table_size;
//   softplus: table[i] = (table_t) logf(expf(in_val(i)) + 1)
//   softsign: table[i] = (table_t) (in_val(i) / (fabsf(in_val(i)) + 1))
// (RANGE = 8: tanh's index over [-4, 4).)
template <class res_T, typename CONFIG_T, int RANGE = 16> struct symmetric_table_op {
    template <class T> res_T operator()(T x) const {
        return (res_T)CONFIG_T::table[symmetric_table_index<T, CONFIG_T::table_size, RANGE>(x)];
    }
};

// LINEAR and RELU as operations (for the io_stream functions).
template <class res_T> struct linear_op {
    template <class T> res_T operator()(T x) const { return (res_T)x; }
};

template <class res_T> struct relu_op {
    template <class T> res_T operator()(T x) const {
        if (x > 0)
            return (res_T)x;
        return (res_T)0;
    }
};

// HARD TANH: hls4ml's hard_tanh with slope 0.5 and shift 0.5, 2 * clip(0.5 x + 0.5, 0, 1) - 1, which is
// exactly clip(x, -1, 1); then converted to res_T (for QKeras' quantized_tanh an
// ap_fixed<bits, 1, AP_RND_CONV, AP_SAT>, which saturates +1 to its maximum).
template <class res_T> struct hard_tanh_op {
    template <class T> res_T operator()(T x) const {
        const ap_int<2> one = 1;
        const ap_int<2> minus_one = -1;
        if (x > 1)
            return (res_T)one;
        if (x < -1)
            return (res_T)minus_one;
        return (res_T)x;
    }
};

// BINARY TANH (hls4ml's binary_tanh): x > 0 ? 1 : -1 (zero gives -1).
template <class res_T> struct binary_tanh_op {
    template <class T> res_T operator()(T x) const {
        const ap_int<2> one = 1;
        const ap_int<2> minus_one = -1;
        if (x > 0)
            return (res_T)one;
        return (res_T)minus_one;
    }
};

// TERNARY TANH: x > t ? 1 : (x <= -t ? -1 : 0), the threshold t held in param_T (0.5 for Keras'
// ternary_tanh, hls4ml's nnet::ternary_tanh; a QKeras ternary quantizer's threshold otherwise).
template <class res_T, class param_T> struct ternary_tanh_op {
    param_T threshold;
    template <class T> res_T operator()(T x) const {
        const ap_int<2> one = 1;
        const ap_int<2> minus_one = -1;
        if (x > threshold)
            return (res_T)one;
        if (x <= -threshold)
            return (res_T)minus_one;
        return (res_T)0;
    }
};

template <class data_T, class res_T, typename CONFIG_T>
void hard_tanh(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, hard_tanh_op<res_T>());
}

template <class data_T, class res_T, typename CONFIG_T>
void binary_tanh(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, binary_tanh_op<res_T>());
}

template <class data_T, class param_T, class res_T, typename CONFIG_T>
void ternary_tanh(data_T data[CONFIG_T::n_in], param_T threshold, res_T res[CONFIG_T::n_in]) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, ternary_tanh_op<res_T, param_T>{threshold});
}

// PRELU (hls4ml's prelu): res[i] = x > 0 ? (res_T) x : (res_T) (alpha[i] * x), one alpha per element held in
// param_T (the exact product, then one conversion to res_T).
template <class data_T, class param_T, class res_T, typename CONFIG_T>
void prelu(data_T data[CONFIG_T::n_in], const param_T alpha[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
    #pragma HLS PIPELINE
PReluLoop:
    for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
        #pragma HLS UNROLL
        const data_T x = data[i];
        if (x > 0)
            res[i] = (res_T)x;
        else
            res[i] = (res_T)(alpha[i] * x);
    }
}

template <class data_T, class param_T, class res_T, typename CONFIG_T>
void leaky_relu(data_T data[CONFIG_T::n_in], param_T alpha, res_T res[CONFIG_T::n_in]) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, leaky_relu_op<res_T, param_T>{alpha});
}

template <class data_T, class param_T, class res_T, typename CONFIG_T>
void thresholded_relu(data_T data[CONFIG_T::n_in], param_T theta, res_T res[CONFIG_T::n_in]) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, thresholded_relu_op<res_T, param_T>{theta});
}

template <class data_T, class param_T, class res_T, typename CONFIG_T>
void relu_max(data_T data[CONFIG_T::n_in], param_T max, res_T res[CONFIG_T::n_in]) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, relu_max_op<res_T, param_T>{max});
}

template <class data_T, class res_T, typename CONFIG_T>
void hard_sigmoid(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, hard_sigmoid_op<res_T, CONFIG_T>());
}

template <class data_T, class res_T, typename CONFIG_T>
void elu(data_T data[CONFIG_T::n_in], const res_T alpha, res_T res[CONFIG_T::n_in]) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, elu_op<res_T, CONFIG_T>{alpha});
}

template <class data_T, class res_T, typename CONFIG_T>
void selu(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, selu_op<res_T, CONFIG_T>());
}

template <class data_T, class res_T, typename CONFIG_T>
void softplus(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, symmetric_table_op<res_T, CONFIG_T>());
}

template <class data_T, class res_T, typename CONFIG_T>
void softsign(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, symmetric_table_op<res_T, CONFIG_T>());
}

// *************************************************
//       SOFTMAX
// *************************************************
enum class softmax_implementation { latency = 0, legacy = 1, stable = 2, argmax = 3 };

struct softmax_config {
    static const unsigned n_in = 10;
    static const unsigned table_size = 1024;
    static const unsigned io_type = io_parallel;
    static const unsigned reuse_factor = 1;
    static const int axis = -1;
    static const nnet::softmax_implementation implementation = nnet::softmax_implementation::stable;
    typedef ap_fixed<18, 8, AP_RND, AP_SAT> exp_table_t;
    typedef ap_fixed<18, 8, AP_RND, AP_SAT> inv_table_t;
    typedef ap_fixed<16, 6> accum_t;
    typedef ap_ufixed<15, 5> inp_norm_t;
    typedef ap_fixed<18, 8, AP_RND, AP_SAT> inv_inp_t;
    typedef ap_fixed<18, 8> table_t; // legacy implementation only
};

// "Top bits" table address: the N = ceil(log2(TABLE_SIZE)) most significant
// bits of x's two's-complement (or unsigned) bit pattern, read as an unsigned
// integer. For a signed type the upper half of the table (index >= 2^(N-1))
// therefore holds the negative values.
// v(i), the value the address i stands for, is the T value whose top N bits
// are i and whose remaining W - N bits are 0: for T = ap_fixed<W,I> (signed),
// v(i) = (i < 2^(N-1) ? i : i - 2^N) * 2^(I - N); for ap_ufixed<W,I>,
// v(i) = i * 2^(I - N).
template <class T, unsigned TABLE_SIZE> inline unsigned softmax_idx_from_real_val(T x) {
    #pragma HLS INLINE
    static const int N = ceillog2(TABLE_SIZE);
    static_assert(T::width >= N, "softmax table index: type narrower than the table address");
    ap_uint<N> y = x.range(T::width - 1, T::width - N);
    return (unsigned)y.to_uint();
}

// The common end of 'stable' and 'latency': s = (inv_inp_t) (sum of e_i in accum_t, balanced adder tree),
// inv = invert_table[top N bits of s as inv_inp_t], res[i] = (res_T) (e_i * inv).
template <class res_T, typename CONFIG_T>
void softmax_normalize(typename CONFIG_T::accum_t exp_res[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
    #pragma HLS INLINE
    typedef typename CONFIG_T::accum_t accum_t;
    typedef typename CONFIG_T::inv_inp_t inv_inp_t;
    typedef typename CONFIG_T::inv_table_t inv_table_t;

    Op_add<accum_t> op_add;
    const inv_inp_t exp_sum = reduce<accum_t, CONFIG_T::n_in, Op_add<accum_t> >(exp_res, op_add);
    const inv_table_t inv_exp_sum = CONFIG_T::invert_table[softmax_idx_from_real_val<inv_inp_t, CONFIG_T::table_size>(exp_sum)];

SoftmaxOut:
    for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
        #pragma HLS UNROLL
        res[i] = (res_T)(exp_res[i] * inv_exp_sum);
    }
}

// STABLE (hls4ml 'stable'):
//   x_max = max_i data[i]                      (comparator tree)
//   d_i   = (inp_norm_t) (x_max - data[i])     (>= 0)
//   e_i   = (accum_t) exp_table[idx(d_i)]      idx: top N bits of d_i as inp_norm_t
//   s     = (inv_inp_t) (sum_i e_i)            sum in accum_t, balanced adder tree (see reduce)
//   inv   = invert_table[idx(s)]               idx: top N bits of s as inv_inp_t
//   res[i] = (res_T) (e_i * inv)               full-precision product accum_t * inv_table_t
// Tables (table_size entries each; N = log2(table_size)):
//   exp_table[i]    = (exp_table_t) exp(-v(i)),  v(i) per softmax_idx_from_real_val with T = inp_norm_t
//                     (default ap_ufixed<15,5>, N = 10: v(i) = i / 32)
//   invert_table[i] = (inv_table_t) (1 / v(i)),  v(i) per softmax_idx_from_real_val with T = inv_inp_t
//                     (default ap_fixed<18,8>, N = 10: v(i) = i / 4 for i < 512, (i - 1024) / 4 otherwise;
//                     i = 0: 1/0 = +inf, i.e. the largest inv_table_t value under AP_SAT)
//   (hls4ml computes v(i) as a float and exp / 1/x in single precision -- std::exp(float), float
//   division -- then converts the float with the table type's quantization and overflow modes,
//   default AP_RND / AP_SAT.)
template <class data_T, class res_T, typename CONFIG_T>
void softmax_stable(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
    #pragma HLS PIPELINE
    typedef typename CONFIG_T::accum_t accum_t;
    typedef typename CONFIG_T::inp_norm_t inp_norm_t;

    Op_max<data_T> op_max;
    const data_T x_max = reduce<data_T, CONFIG_T::n_in, Op_max<data_T> >(data, op_max);

    accum_t exp_res[CONFIG_T::n_in];
    #pragma HLS ARRAY_PARTITION variable=exp_res complete
StableExp:
    for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
        #pragma HLS UNROLL
        const inp_norm_t d = x_max - data[i];
        exp_res[i] = CONFIG_T::exp_table[softmax_idx_from_real_val<inp_norm_t, CONFIG_T::table_size>(d)];
    }

    softmax_normalize<res_T, CONFIG_T>(exp_res, res);
}

// LATENCY (hls4ml 'latency', current hls4ml numerics):
//   e_i   = (accum_t) exp_table[idx(data[i])]  idx: top N bits of data[i] as data_T
//   s     = (inv_inp_t) (sum_i e_i)            sum in accum_t, balanced adder tree
//   inv   = invert_table[idx(s)]               idx: top N bits of s as inv_inp_t
//   res[i] = (res_T) (e_i * inv)
// Tables:
//   exp_table[i]    = (exp_table_t) exp(v(i)),  v(i) per softmax_idx_from_real_val with T = data_T
//                     (signed: i >= table_size/2 are the negative inputs)
//   invert_table[i] = (inv_table_t) (1 / v(i)), v(i) per softmax_idx_from_real_val with T = inv_inp_t
//                     (same table as for 'stable'; both computed in float as described there)
template <class data_T, class res_T, typename CONFIG_T>
void softmax_latency(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
    #pragma HLS PIPELINE
    typedef typename CONFIG_T::accum_t accum_t;

    accum_t exp_res[CONFIG_T::n_in];
    #pragma HLS ARRAY_PARTITION variable=exp_res complete
LatencyExp:
    for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
        #pragma HLS UNROLL
        exp_res[i] = CONFIG_T::exp_table[softmax_idx_from_real_val<data_T, CONFIG_T::table_size>(data[i])];
    }

    softmax_normalize<res_T, CONFIG_T>(exp_res, res);
}

// LEGACY (hls4ml 'legacy'): res[i] = 1 / sum_j exp(data[j] - data[i]), all in table_t.
//   acc_i = sum over j of (table_t) e_ij, accumulated in table_t in increasing j, where
//           e_ii = 1 and, for j != i,
//           e_ij = exp_table[clamp(trunc((data[j] - data[i]) * table_size / 16) + table_size / 2)]
//           (difference exact, product / quotient exact up to truncation toward zero, as in sigmoid)
//   res[i] = (res_T) invert_table[clamp(trunc(acc_i * table_size / 64))]
//   clamp(.) = clamp to [0, table_size - 1].
// Tables (the config declares both with element type table_t, default ap_fixed<18,8>):
//   exp_table[i]    = (table_t) exp(16.0 * (i - table_size / 2) / table_size)     (covers [-8, 8);
//                     argument as a float, exp in float: std::exp(float))
//   invert_table[i] = (table_t) (1.0 / (64.0 * i / table_size)) for i > 0; invert_table[0] = 0
//                     (covers [0, 64); 64.0 * i / table_size as a float, the division in double)
template <class data_T, class res_T, typename CONFIG_T>
void softmax_legacy(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
    #pragma HLS PIPELINE
    typedef typename CONFIG_T::table_t table_t;

    table_t exp_res[CONFIG_T::n_in];
    #pragma HLS ARRAY_PARTITION variable=exp_res complete
LegacyRow:
    for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
        #pragma HLS UNROLL
        table_t acc = 0;
    LegacyCol:
        for (unsigned j = 0; j < CONFIG_T::n_in; j++) {
            #pragma HLS UNROLL
            table_t e;
            if (i == j) {
                e = 1;
            } else {
                const int index = symmetric_table_index<decltype(data[j] - data[i]), CONFIG_T::table_size, 16>(data[j] - data[i]);
                e = CONFIG_T::exp_table[index];
            }
            acc += e;
        }
        exp_res[i] = acc;
    }

LegacyInv:
    for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
        #pragma HLS UNROLL
        int index = (exp_res[i] * CONFIG_T::table_size / 64).to_int();
        if (index < 0)
            index = 0;
        if (index > (int)CONFIG_T::table_size - 1)
            index = (int)CONFIG_T::table_size - 1;
        res[i] = (res_T)CONFIG_T::invert_table[index];
    }
}

// ARGMAX: res is one-hot, 1 at the first index holding the maximum, 0 elsewhere.
template <class data_T, class res_T, typename CONFIG_T>
void softmax_argmax(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
    #pragma HLS PIPELINE
    data_T best = data[0];
    unsigned best_idx = 0;
ArgmaxScan:
    for (unsigned i = 1; i < CONFIG_T::n_in; i++) {
        #pragma HLS UNROLL
        if (data[i] > best) {
            best = data[i];
            best_idx = i;
        }
    }
ArgmaxOut:
    for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
        #pragma HLS UNROLL
        res[i] = (i == best_idx) ? (res_T)1 : (res_T)0;
    }
}

// Compile-time dispatch: only the selected implementation is instantiated, so
// a config only needs the tables (and types) its implementation uses.
template <softmax_implementation IMPL> struct softmax_dispatch;
template <> struct softmax_dispatch<softmax_implementation::latency> {
    template <class data_T, class res_T, typename CONFIG_T> static void run(data_T *data, res_T *res) {
        #pragma HLS INLINE
        softmax_latency<data_T, res_T, CONFIG_T>(data, res);
    }
};
template <> struct softmax_dispatch<softmax_implementation::stable> {
    template <class data_T, class res_T, typename CONFIG_T> static void run(data_T *data, res_T *res) {
        #pragma HLS INLINE
        softmax_stable<data_T, res_T, CONFIG_T>(data, res);
    }
};
template <> struct softmax_dispatch<softmax_implementation::legacy> {
    template <class data_T, class res_T, typename CONFIG_T> static void run(data_T *data, res_T *res) {
        #pragma HLS INLINE
        softmax_legacy<data_T, res_T, CONFIG_T>(data, res);
    }
};
template <> struct softmax_dispatch<softmax_implementation::argmax> {
    template <class data_T, class res_T, typename CONFIG_T> static void run(data_T *data, res_T *res) {
        #pragma HLS INLINE
        softmax_argmax<data_T, res_T, CONFIG_T>(data, res);
    }
};

// Dispatches on CONFIG_T::implementation.
template <class data_T, class res_T, typename CONFIG_T>
void softmax(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
    #pragma HLS INLINE
    softmax_dispatch<CONFIG_T::implementation>::template run<data_T, res_T, CONFIG_T>(data, res);
}

} // namespace nnet

#endif
