// Batch normalization, io_stream: streams of nnet::array packs.
#ifndef NNET_BATCHNORM_STREAM_H_
#define NNET_BATCHNORM_STREAM_H_

#include "hls_stream.h"
#include "nnet_batchnorm.h"
#include "nnet_common.h"
#include "nnet_types.h"

namespace nnet {

// Every element of every pack through op(x, s): element e = p * size + k of the flattened input (pack p,
// lane k) has channel index s = e % n_filt (n_filt == -1: s = e), the index of its scale / bias / thresholds.
template <class data_T, class res_T, typename CONFIG_T, unsigned II, class OP>
void per_channel(hls::stream<data_T> &data, hls::stream<res_T> &res, const OP &op) {
    static_assert(data_T::size == res_T::size, "nnet batch normalization (stream): pack sizes differ");
PerChannelStreamLoop:
    for (unsigned p = 0; p < CONFIG_T::n_in / data_T::size; p++) {
        #pragma HLS PIPELINE II=II
        data_T in = data.read();
        res_T out;
    PerChannelStreamPack:
        for (unsigned k = 0; k < data_T::size; k++) {
            #pragma HLS UNROLL
            const unsigned e = p * data_T::size + k;
            const unsigned s = CONFIG_T::n_filt == -1 ? e : e % (unsigned)(CONFIG_T::n_filt == -1 ? 1 : CONFIG_T::n_filt);
            out[k] = op(in[k], s);
        }
        res.write(out);
    }
}

// (out_t) (x * scale[s] + bias[s]): the numerics of the array version.
template <class in_t, class out_t, typename CONFIG_T> struct normalize_op {
    const typename CONFIG_T::scale_t *scale;
    const typename CONFIG_T::bias_t *bias;
    out_t operator()(in_t x, unsigned s) const {
        #pragma HLS INLINE
        return (out_t)(CONFIG_T::template product<in_t, typename CONFIG_T::scale_t>::product(x, scale[s]) + bias[s]);
    }
};

template <class data_T, class res_T, typename CONFIG_T>
void normalize(hls::stream<data_T> &data, hls::stream<res_T> &res,
               typename CONFIG_T::scale_t scale[CONFIG_T::n_scale_bias],
               typename CONFIG_T::bias_t bias[CONFIG_T::n_scale_bias]) {
    #pragma HLS ARRAY_PARTITION variable=scale complete
    #pragma HLS ARRAY_PARTITION variable=bias complete
    const normalize_op<typename data_T::value_type, typename res_T::value_type, CONFIG_T> op = {scale, bias};
    per_channel<data_T, res_T, CONFIG_T, CONFIG_T::reuse_factor>(data, res, op);
}

// The thresholding functions of nnet_batchnorm.h: binary x > threshold[s] ? 1 : -1, ternary
// x > hi[s] ? 1 : x <= lo[s] ? -1 : 0.
template <class in_t, class thr_T, class out_t> struct binary_threshold_op {
    const thr_T *threshold;
    out_t operator()(in_t x, unsigned s) const {
        #pragma HLS INLINE
        return x > threshold[s] ? (out_t)1 : (out_t)-1;
    }
};

template <class in_t, class thr_T, class out_t> struct ternary_threshold_op {
    const thr_T *hi;
    const thr_T *lo;
    out_t operator()(in_t x, unsigned s) const {
        #pragma HLS INLINE
        return x > hi[s] ? (out_t)1 : x <= lo[s] ? (out_t)-1 : (out_t)0;
    }
};

template <class data_T, class thr_T, class res_T, typename CONFIG_T>
void normalize_binary_tanh(hls::stream<data_T> &data, hls::stream<res_T> &res,
                           const thr_T threshold[CONFIG_T::n_scale_bias]) {
    const binary_threshold_op<typename data_T::value_type, thr_T, typename res_T::value_type> op = {threshold};
    per_channel<data_T, res_T, CONFIG_T, 1>(data, res, op);
}

template <class data_T, class thr_T, class res_T, typename CONFIG_T>
void normalize_ternary_tanh(hls::stream<data_T> &data, hls::stream<res_T> &res,
                            const thr_T threshold_hi[CONFIG_T::n_scale_bias],
                            const thr_T threshold_lo[CONFIG_T::n_scale_bias]) {
    const ternary_threshold_op<typename data_T::value_type, thr_T, typename res_T::value_type> op = {threshold_hi,
                                                                                                     threshold_lo};
    per_channel<data_T, res_T, CONFIG_T, 1>(data, res, op);
}

} // namespace nnet

#endif
