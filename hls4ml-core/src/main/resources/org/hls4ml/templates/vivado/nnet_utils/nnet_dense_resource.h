// Dense layer, resource strategy: the n_in * n_out multiplications are spread
// over reuse_factor pipeline iterations (II = 1), block_factor =
// n_in * n_out / reuse_factor multipliers per iteration.
#ifndef NNET_DENSE_RESOURCE_H_
#define NNET_DENSE_RESOURCE_H_

#include "nnet_common.h"

namespace nnet {

// Reuse factors accepted (the same rule hls4ml applies):
//   rf divides n_in * n_out, and
//   (rf % n_in == 0 or rf < n_in), and
//   (ceil(n_in * n_out / min(n_in, rf)) % n_out == 0 or rf >= n_in).
template <unsigned N_IN, unsigned N_OUT, unsigned RF> struct dense_resource_rf_check {
    static const unsigned n_mult = N_IN * N_OUT;
    static const unsigned mult_factor = N_IN < RF ? N_IN : RF;
    static const bool valid = RF >= 1 && (n_mult % RF == 0) && (RF % N_IN == 0 || RF < N_IN) &&
                              (DIV_ROUNDUP(n_mult, mult_factor) % N_OUT == 0 || RF >= N_IN);
};

// Schedule: iteration r (0 <= r < rf) performs the block_factor products of
// the flat weight indices w = r * block_factor + k, k = 0 .. block_factor-1
// (weights[w], w = i * n_out + j: input i = w / n_out, output j = w % n_out).
// Each iteration therefore reads one contiguous block of the weight array
// (one word after ARRAY_RESHAPE cyclic factor=block_factor), and for every
// output j the products arrive in increasing i, exactly the accumulation
// order of dense_latency: results are identical bit for bit, whatever the
// accum_t quantization / overflow modes.
// For every valid rf either block_factor % n_out == 0 (rf <= n_in: each
// iteration covers block_factor / n_out whole input rows) or
// n_out % block_factor == 0 (rf > n_in: each iteration covers part of one row).
template <class data_T, class res_T, typename CONFIG_T>
void dense_resource(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_out],
                    typename CONFIG_T::weight_t weights[CONFIG_T::n_in * CONFIG_T::n_out],
                    typename CONFIG_T::bias_t biases[CONFIG_T::n_out]) {
    typedef typename CONFIG_T::accum_t accum_t;
    typedef typename CONFIG_T::weight_t weight_t;
    typedef typename csim_accum<accum_t, CONFIG_T::n_in + 1>::type acc_store_t; // accum_t in synthesis
    static const unsigned n_in = CONFIG_T::n_in;
    static const unsigned n_out = CONFIG_T::n_out;
    static const unsigned rf = CONFIG_T::reuse_factor;
    static_assert(dense_resource_rf_check<n_in, n_out, rf>::valid,
                  "nnet::dense_resource: reuse_factor not valid for this n_in / n_out");
    static const unsigned block_factor = n_in * n_out / rf;
    static_assert(block_factor % n_out == 0 || n_out % block_factor == 0, "nnet::dense_resource: internal schedule");
    const int bf = block_factor;
    (void)bf;

    #pragma HLS function_instantiate variable=weights,biases
    #pragma HLS ARRAY_RESHAPE variable=weights cyclic factor=bf
    #pragma HLS ARRAY_PARTITION variable=biases complete

    acc_store_t acc[n_out];
    #pragma HLS ARRAY_PARTITION variable=acc complete

ResBias:
    for (unsigned j = 0; j < n_out; j++) {
        #pragma HLS UNROLL
        acc[j] = (accum_t)biases[j];
    }

    if (block_factor % n_out == 0) {
        // rf <= n_in: iteration r covers input rows r*rows .. r*rows + rows - 1.
        static const unsigned rows = block_factor % n_out == 0 ? block_factor / n_out : 1;
    ResReuseRows:
        for (unsigned r = 0; r < rf; r++) {
            #pragma HLS PIPELINE II=1 rewind
        ResRows:
            for (unsigned k = 0; k < rows; k++) {
                #pragma HLS UNROLL
                const unsigned i = r * rows + k;
                const data_T x = data[i];
            ResRowOut:
                for (unsigned j = 0; j < n_out; j++) {
                    #pragma HLS UNROLL
                    acc[j] += (accum_t)CONFIG_T::template product<data_T, weight_t>::product(x, weights[i * n_out + j]);
                }
            }
        }
    } else {
        // rf > n_in: iteration r covers outputs (r % parts) * bf .. + bf - 1 of input row r / parts.
        static const unsigned parts = n_out % block_factor == 0 ? n_out / block_factor : 1;
    ResReuseParts:
        for (unsigned r = 0; r < rf; r++) {
            #pragma HLS PIPELINE II=1 rewind
            const unsigned i = r / parts;
            const unsigned j0 = (r % parts) * block_factor;
            const data_T x = data[i];
        ResPartOut:
            for (unsigned k = 0; k < block_factor; k++) {
                #pragma HLS UNROLL
                acc[j0 + k] += (accum_t)CONFIG_T::template product<data_T, weight_t>::product(x, weights[r * block_factor + k]);
            }
        }
    }

ResResult:
    for (unsigned j = 0; j < n_out; j++) {
        #pragma HLS UNROLL
        res[j] = (res_T)(accum_t)acc[j];
    }
}

} // namespace nnet

#endif
