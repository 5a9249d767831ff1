// Batch normalization (inference form: res = x * scale + bias), io_parallel.
#ifndef NNET_BATCHNORM_H_
#define NNET_BATCHNORM_H_

#include "nnet_common.h"

namespace nnet {

struct batchnorm_config {
    // Internal data type definitions
    typedef float bias_t;
    typedef float scale_t;

    // Layer sizes
    static const unsigned n_in = 10;
    static const int n_filt = -1;
    static const unsigned n_scale_bias = 10;

    // Resource reuse info
    static const unsigned io_type = io_parallel;
    static const unsigned reuse_factor = 1;
    static const bool store_weights_in_bram = false;
    static const unsigned n_zeros = 0;
    static const unsigned multiplier_limit = 10;

    // Product function
    template <class x_T, class y_T> using product = nnet::product::mult<x_T, y_T>;
};

// res[i] = (res_T) (product(data[i], scale[k]) + bias[k]), k = i % n_filt (n_filt == -1: k = i);
// the product and the sum are exact (full precision), only the final result is quantized.
template <class data_T, class res_T, typename CONFIG_T>
void normalize(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in],
               typename CONFIG_T::scale_t scale[CONFIG_T::n_scale_bias],
               typename CONFIG_T::bias_t bias[CONFIG_T::n_scale_bias]) {
    typedef typename CONFIG_T::scale_t scale_t;
    const int mult_limit = CONFIG_T::multiplier_limit;
    (void)mult_limit;

    #pragma HLS function_instantiate variable=scale,bias
    #pragma HLS PIPELINE II=CONFIG_T::reuse_factor
    #pragma HLS ARRAY_PARTITION variable=scale complete
    #pragma HLS ARRAY_PARTITION variable=bias complete
    #pragma HLS ALLOCATION operation instances=mul limit=mult_limit

BatchNormLoop:
    for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
        #pragma HLS UNROLL
        const unsigned k = CONFIG_T::n_filt == -1 ? i : i % (unsigned)(CONFIG_T::n_filt == -1 ? 1 : CONFIG_T::n_filt);
        res[i] = (res_T)(CONFIG_T::template product<data_T, scale_t>::product(data[i], scale[k]) + bias[k]);
    }
}

// Batch normalization folded with binary_tanh / ternary_tanh (hls4ml's BatchNormalizationQuantizedTanh): the
// generator computes per-channel thresholds on the input (see the layer's documentation) and the function only
// compares; element i uses threshold index i % n_filt (n_filt == -1: i).
struct batchnorm_quantized_tanh_config {
    static const unsigned n_in = 10;
    static const int n_filt = -1;
    static const unsigned n_scale_bias = 10;
    static const unsigned io_type = io_parallel;
    static const unsigned reuse_factor = 1;
};

// res[i] = data[i] > threshold ? 1 : -1
template <class data_T, class thr_T, class res_T, typename CONFIG_T>
void normalize_binary_tanh(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in],
                           const thr_T threshold[CONFIG_T::n_scale_bias]) {
    #pragma HLS PIPELINE
BinaryTanhLoop:
    for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
        #pragma HLS UNROLL
        const unsigned k = CONFIG_T::n_filt == -1 ? i : i % (unsigned)(CONFIG_T::n_filt == -1 ? 1 : CONFIG_T::n_filt);
        res[i] = data[i] > threshold[k] ? (res_T)1 : (res_T)-1;
    }
}

// res[i] = data[i] > threshold_hi ? 1 : (data[i] <= threshold_lo ? -1 : 0)
template <class data_T, class thr_T, class res_T, typename CONFIG_T>
void normalize_ternary_tanh(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in],
                            const thr_T threshold_hi[CONFIG_T::n_scale_bias],
                            const thr_T threshold_lo[CONFIG_T::n_scale_bias]) {
    #pragma HLS PIPELINE
TernaryTanhLoop:
    for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
        #pragma HLS UNROLL
        const unsigned k = CONFIG_T::n_filt == -1 ? i : i % (unsigned)(CONFIG_T::n_filt == -1 ? 1 : CONFIG_T::n_filt);
        res[i] = data[i] > threshold_hi[k] ? (res_T)1 : data[i] <= threshold_lo[k] ? (res_T)-1 : (res_T)0;
    }
}

} // namespace nnet

#endif
