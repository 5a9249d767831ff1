// Dense (fully connected) layer, io_parallel: arrays in, arrays out.
#ifndef NNET_DENSE_H_
#define NNET_DENSE_H_

#include "nnet_common.h"
#include "nnet_dense_latency.h"
#include "nnet_dense_resource.h"

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

// res[j] = (res_T) ((accum_t) biases[j] + sum_i (accum_t) (data[i] * weights[i * n_out + j]))
// with the sum accumulated in accum_t in increasing i. weights[i * n_out + j] =
// Keras kernel[i][j] for both strategies. Latency and resource give identical results.
template <class data_T, class res_T, typename CONFIG_T>
void dense(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_out],
           typename CONFIG_T::weight_t weights[CONFIG_T::n_in * CONFIG_T::n_out],
           typename CONFIG_T::bias_t biases[CONFIG_T::n_out]) {
    #pragma HLS INLINE
    if (CONFIG_T::strategy == nnet::latency) {
        dense_latency<data_T, res_T, CONFIG_T>(data, res, weights, biases);
    } else {
        dense_resource<data_T, res_T, CONFIG_T>(data, res, weights, biases);
    }
}

} // namespace nnet

#endif
