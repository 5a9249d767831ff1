// Pooling1D / Pooling2D and GlobalPooling1D / GlobalPooling2D, channels last, io_stream: one pack of
// n_filt values per input pixel in, one pack of n_filt values per output pixel out (a global
// pooling writes one pack), both in row-major pixel order. Same numerics as nnet_pooling.h.
// Pooling: nnet::window_stream's line buffer.
#ifndef NNET_POOLING_STREAM_H_
#define NNET_POOLING_STREAM_H_

#include "hls_stream.h"
#include "nnet_common.h"
#include "nnet_conv_stream.h"
#include "nnet_pooling.h"
#include "nnet_types.h"

namespace nnet {

// The pooling of one output pixel from the line buffer of nnet::window_stream.
template <class in_t, class out_t, typename CONFIG_T> struct pool_stream_op {
    template <unsigned RING> void compute(const in_t *line, unsigned o, out_t px[CONFIG_T::n_filt]) {
        #pragma HLS INLINE
        pool_pixel<in_t, out_t, CONFIG_T, RING>(line, o, px);
    }
};

template <class data_T, class res_T, typename CONFIG_T>
void pooling2d_cl(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    static_assert(res_T::size == CONFIG_T::n_filt, "nnet::pooling (stream): output pack size must be n_filt");
    pool_stream_op<typename data_T::value_type, typename res_T::value_type, CONFIG_T> op;
    window_stream<data_T, res_T, pool_as_window<CONFIG_T> >(data, res, op);
}

template <class data_T, class res_T, typename CONFIG_T>
void pooling1d_cl(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    #pragma HLS INLINE
    pooling2d_cl<data_T, res_T, pool1d_as_2d<CONFIG_T> >(data, res);
}

// A global pooling keeps a running maximum and sum per channel, in the pixel order of the array version.
template <class data_T, class res_T, typename CONFIG_T>
void global_pooling2d_cl(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    typedef typename data_T::value_type in_t;
    typedef typename res_T::value_type out_t;
    static_assert(data_T::size == CONFIG_T::n_filt, "nnet::global_pooling (stream): input pack size must be n_filt");
    static_assert(res_T::size == CONFIG_T::n_filt, "nnet::global_pooling (stream): output pack size must be n_filt");
    static const unsigned n_pixels = CONFIG_T::in_height * CONFIG_T::in_width;
    in_t best[CONFIG_T::n_filt];
    #pragma HLS ARRAY_PARTITION variable=best complete
    typename CONFIG_T::accum_t sum[CONFIG_T::n_filt];
    #pragma HLS ARRAY_PARTITION variable=sum complete
GlobalPoolInit:
    for (unsigned ch = 0; ch < CONFIG_T::n_filt; ch++) {
        #pragma HLS UNROLL
        best[ch] = 0;
        sum[ch] = 0;
    }
GlobalPoolIn:
    for (unsigned p = 0; p < n_pixels; p++) {
        #pragma HLS PIPELINE
        data_T pack = data.read();
    GlobalPoolChan:
        for (unsigned ch = 0; ch < CONFIG_T::n_filt; ch++) {
            #pragma HLS UNROLL
            pool_add<in_t, CONFIG_T>(pack[ch], p == 0, best[ch], sum[ch]);
        }
    }
    res_T out;
GlobalPoolOut:
    for (unsigned ch = 0; ch < CONFIG_T::n_filt; ch++) {
        #pragma HLS UNROLL
        out[ch] = pool_result<out_t, in_t, CONFIG_T>(best[ch], sum[ch], n_pixels);
    }
    res.write(out);
}

template <class data_T, class res_T, typename CONFIG_T>
void global_pooling1d_cl(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    #pragma HLS INLINE
    global_pooling2d_cl<data_T, res_T, global_pool1d_as_2d<CONFIG_T> >(data, res);
}

} // namespace nnet

#endif
