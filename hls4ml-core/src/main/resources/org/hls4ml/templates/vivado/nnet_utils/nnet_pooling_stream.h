// Pooling1D / Pooling2D and GlobalPooling1D / GlobalPooling2D, channels last, io_stream: one pack of
// n_filt values per input pixel in, one pack of n_filt values per output pixel out (a global
// pooling writes one pack), both in row-major pixel order. Same numerics as nnet_pooling.h.
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

// A global pooling keeps the whole input in the line buffer (its window is the whole input).
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

template <class data_T, class res_T, typename CONFIG_T>
void global_pooling2d_cl(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    #pragma HLS INLINE
    pooling2d_cl<data_T, res_T, global_pool_as_2d<CONFIG_T> >(data, res);
}

template <class data_T, class res_T, typename CONFIG_T>
void global_pooling1d_cl(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    #pragma HLS INLINE
    pooling2d_cl<data_T, res_T, global_pool_as_2d<global_pool1d_as_2d<CONFIG_T> > >(data, res);
}

} // namespace nnet

#endif
