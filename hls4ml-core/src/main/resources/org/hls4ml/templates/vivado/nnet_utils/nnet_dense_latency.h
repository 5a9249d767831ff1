// Dense layer, latency strategy: every multiplication in parallel, pipelined
// with II = reuse_factor and at most multiplier_limit multipliers.
#ifndef NNET_DENSE_LATENCY_H_
#define NNET_DENSE_LATENCY_H_

#include "nnet_common.h"

namespace nnet {

// Numerics (shared bit for bit with dense_resource):
//   acc[j] = (accum_t) biases[j]
//   for i = 0 .. n_in-1 (in this order):
//       acc[j] += (accum_t) product(data[i], weights[i * n_out + j])   // sum stored in accum_t
//   res[j] = (res_T) acc[j]
// (In C simulation a wrapping accum_t is summed in a wider type of the same LSB and wrapped
// once at the end, which is bit-identical; see csim_accum in nnet_common.h.)
// Weight layout: weights[i * n_out + j] = Keras kernel[i][j].
template <class data_T, class res_T, typename CONFIG_T>
void dense_latency(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_out],
                   typename CONFIG_T::weight_t weights[CONFIG_T::n_in * CONFIG_T::n_out],
                   typename CONFIG_T::bias_t biases[CONFIG_T::n_out]) {
    typedef typename CONFIG_T::accum_t accum_t;
    typedef typename CONFIG_T::weight_t weight_t;
    typedef typename csim_accum<accum_t, CONFIG_T::n_in + 1>::type acc_store_t; // accum_t in synthesis
    const int mult_limit = CONFIG_T::multiplier_limit;
    (void)mult_limit;

    #pragma HLS function_instantiate variable=weights,biases
    #pragma HLS PIPELINE II=CONFIG_T::reuse_factor
    #pragma HLS ARRAY_PARTITION variable=biases complete
    #pragma HLS ALLOCATION operation instances=mul limit=mult_limit

    acc_store_t acc[CONFIG_T::n_out];
    #pragma HLS ARRAY_PARTITION variable=acc complete

LatBias:
    for (unsigned j = 0; j < CONFIG_T::n_out; j++) {
        #pragma HLS UNROLL
        acc[j] = (accum_t)biases[j];
    }

LatIn:
    for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
        #pragma HLS UNROLL
        const data_T x = data[i];
    LatOut:
        for (unsigned j = 0; j < CONFIG_T::n_out; j++) {
            #pragma HLS UNROLL
            acc[j] += (accum_t)CONFIG_T::template product<data_T, weight_t>::product(x, weights[i * CONFIG_T::n_out + j]);
        }
    }

LatResult:
    for (unsigned j = 0; j < CONFIG_T::n_out; j++) {
        #pragma HLS UNROLL
        res[j] = (res_T)(accum_t)acc[j];
    }
}

} // namespace nnet

#endif
