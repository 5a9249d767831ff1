// Batch normalization, io_stream: streams of nnet::array packs.
#ifndef NNET_BATCHNORM_STREAM_H_
#define NNET_BATCHNORM_STREAM_H_

#include "hls_stream.h"
#include "nnet_batchnorm.h"
#include "nnet_common.h"
#include "nnet_types.h"

namespace nnet {

// Element e = p * size + k of the flattened input (pack p, lane k) uses
// scale / bias index e % n_filt (n_filt == -1: e). Same numerics as the array version.
template <class data_T, class res_T, typename CONFIG_T>
void normalize(hls::stream<data_T> &data, hls::stream<res_T> &res,
               typename CONFIG_T::scale_t scale[CONFIG_T::n_scale_bias],
               typename CONFIG_T::bias_t bias[CONFIG_T::n_scale_bias]) {
    typedef typename data_T::value_type in_t;
    typedef typename res_T::value_type out_t;
    typedef typename CONFIG_T::scale_t scale_t;
    static_assert(data_T::size == res_T::size, "nnet::normalize (stream): pack sizes differ");
    #pragma HLS ARRAY_PARTITION variable=scale complete
    #pragma HLS ARRAY_PARTITION variable=bias complete

BatchNormStreamLoop:
    for (unsigned p = 0; p < CONFIG_T::n_in / data_T::size; p++) {
        #pragma HLS PIPELINE II=CONFIG_T::reuse_factor
        data_T in = data.read();
        res_T out;
    BatchNormStreamPack:
        for (unsigned k = 0; k < data_T::size; k++) {
            #pragma HLS UNROLL
            const unsigned e = p * data_T::size + k;
            const unsigned s = CONFIG_T::n_filt == -1 ? e : e % (unsigned)(CONFIG_T::n_filt == -1 ? 1 : CONFIG_T::n_filt);
            out[k] = (out_t)(CONFIG_T::template product<in_t, scale_t>::product(in[k], scale[s]) + bias[s]);
        }
        res.write(out);
    }
}

// The thresholding functions of nnet_batchnorm.h on every element of every pack (element e = p * size + k uses
// threshold index e % n_filt).
template <class data_T, class thr_T, class res_T, typename CONFIG_T>
void normalize_binary_tanh(hls::stream<data_T> &data, hls::stream<res_T> &res,
                           const thr_T threshold[CONFIG_T::n_scale_bias]) {
    typedef typename res_T::value_type out_t;
    static_assert(data_T::size == res_T::size, "nnet::normalize_binary_tanh (stream): pack sizes differ");
BinaryTanhStreamLoop:
    for (unsigned p = 0; p < CONFIG_T::n_in / data_T::size; p++) {
        #pragma HLS PIPELINE
        data_T in = data.read();
        res_T out;
    BinaryTanhStreamPack:
        for (unsigned k = 0; k < data_T::size; k++) {
            #pragma HLS UNROLL
            const unsigned e = p * data_T::size + k;
            const unsigned s = CONFIG_T::n_filt == -1 ? e : e % (unsigned)(CONFIG_T::n_filt == -1 ? 1 : CONFIG_T::n_filt);
            out[k] = in[k] > threshold[s] ? (out_t)1 : (out_t)-1;
        }
        res.write(out);
    }
}

template <class data_T, class thr_T, class res_T, typename CONFIG_T>
void normalize_ternary_tanh(hls::stream<data_T> &data, hls::stream<res_T> &res,
                            const thr_T threshold_hi[CONFIG_T::n_scale_bias],
                            const thr_T threshold_lo[CONFIG_T::n_scale_bias]) {
    typedef typename res_T::value_type out_t;
    static_assert(data_T::size == res_T::size, "nnet::normalize_ternary_tanh (stream): pack sizes differ");
TernaryTanhStreamLoop:
    for (unsigned p = 0; p < CONFIG_T::n_in / data_T::size; p++) {
        #pragma HLS PIPELINE
        data_T in = data.read();
        res_T out;
    TernaryTanhStreamPack:
        for (unsigned k = 0; k < data_T::size; k++) {
            #pragma HLS UNROLL
            const unsigned e = p * data_T::size + k;
            const unsigned s = CONFIG_T::n_filt == -1 ? e : e % (unsigned)(CONFIG_T::n_filt == -1 ? 1 : CONFIG_T::n_filt);
            out[k] = in[k] > threshold_hi[s] ? (out_t)1 : in[k] <= threshold_lo[s] ? (out_t)-1 : (out_t)0;
        }
        res.write(out);
    }
}

} // namespace nnet

#endif
