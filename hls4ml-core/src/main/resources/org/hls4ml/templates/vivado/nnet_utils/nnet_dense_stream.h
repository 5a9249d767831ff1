// Dense layer, io_stream: streams of nnet::array packs.
#ifndef NNET_DENSE_STREAM_H_
#define NNET_DENSE_STREAM_H_

#include "hls_stream.h"
#include "nnet_common.h"
#include "nnet_dense.h"
#include "nnet_types.h"

namespace nnet {

// Reads n_in / data_T::size packs (one pack when data_T::size == n_in), computes
// the array dense() and writes n_out / res_T::size packs. Same numerics as the
// array version.
template <class data_T, class res_T, typename CONFIG_T>
void dense(hls::stream<data_T> &data_stream, hls::stream<res_T> &res_stream,
           typename CONFIG_T::weight_t weights[CONFIG_T::n_in * CONFIG_T::n_out],
           typename CONFIG_T::bias_t biases[CONFIG_T::n_out]) {
    typedef typename data_T::value_type in_t;
    typedef typename res_T::value_type out_t;
    static_assert(CONFIG_T::n_in % data_T::size == 0, "nnet::dense (stream): n_in must be a multiple of the pack size");
    static_assert(CONFIG_T::n_out % res_T::size == 0, "nnet::dense (stream): n_out must be a multiple of the pack size");

    in_t data[CONFIG_T::n_in];
    #pragma HLS ARRAY_PARTITION variable=data complete
    out_t res[CONFIG_T::n_out];
    #pragma HLS ARRAY_PARTITION variable=res complete

DenseStreamRead:
    for (unsigned p = 0; p < CONFIG_T::n_in / data_T::size; p++) {
        #pragma HLS PIPELINE
        data_T pack = data_stream.read();
    DenseStreamUnpack:
        for (unsigned k = 0; k < data_T::size; k++) {
            #pragma HLS UNROLL
            data[p * data_T::size + k] = pack[k];
        }
    }

    dense<in_t, out_t, CONFIG_T>(data, res, weights, biases);

DenseStreamWrite:
    for (unsigned p = 0; p < CONFIG_T::n_out / res_T::size; p++) {
        #pragma HLS PIPELINE
        res_T pack;
    DenseStreamPack:
        for (unsigned k = 0; k < res_T::size; k++) {
            #pragma HLS UNROLL
            pack[k] = res[p * res_T::size + k];
        }
        res_stream.write(pack);
    }
}

} // namespace nnet

#endif
