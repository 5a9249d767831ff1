// DepthwiseConv1D / DepthwiseConv2D layers, channels last, io_stream: one pack of n_chan values per
// input pixel in, one pack of n_filt = n_chan * depth_multiplier values per output pixel out, both in
// row-major pixel order, through the line buffer of nnet::window_stream.
#ifndef NNET_SEPCONV_STREAM_H_
#define NNET_SEPCONV_STREAM_H_

#include "hls_stream.h"
#include "nnet_common.h"
#include "nnet_conv_stream.h"
#include "nnet_sepconv.h"
#include "nnet_types.h"

namespace nnet {

// One output pixel from the line buffer: nnet::conv_window then nnet::depthwise_pixel, the numerics
// of the array version.
template <class in_t, class out_t, typename CONFIG_T> struct depthwise_stream_op {
    typename CONFIG_T::weight_t *weights;
    typename CONFIG_T::bias_t *biases;
    template <unsigned RING> void compute(const in_t *line, unsigned o, out_t px[CONFIG_T::n_filt]) {
        #pragma HLS INLINE
        in_t win[conv_geometry<CONFIG_T>::n_window];
        #pragma HLS ARRAY_PARTITION variable=win complete
        conv_window<in_t, CONFIG_T, RING>(line, o, win);
        depthwise_pixel<in_t, out_t, CONFIG_T>(win, px, weights, biases);
    }
};

template <class data_T, class res_T, typename CONFIG_T>
void depthwise_conv_2d_cl(hls::stream<data_T> &data, hls::stream<res_T> &res,
                          typename CONFIG_T::weight_t weights[CONFIG_T::filt_height * CONFIG_T::filt_width * CONFIG_T::n_filt],
                          typename CONFIG_T::bias_t biases[CONFIG_T::n_filt]) {
    static_assert(res_T::size == CONFIG_T::n_filt, "nnet::depthwise_conv (stream): output pack size must be n_filt");
    depthwise_stream_op<typename data_T::value_type, typename res_T::value_type, CONFIG_T> op = {weights, biases};
    window_stream<data_T, res_T, CONFIG_T>(data, res, op);
}

template <class data_T, class res_T, typename CONFIG_T>
void depthwise_conv_1d_cl(hls::stream<data_T> &data, hls::stream<res_T> &res,
                          typename CONFIG_T::weight_t weights[CONFIG_T::filt_width * CONFIG_T::n_filt],
                          typename CONFIG_T::bias_t biases[CONFIG_T::n_filt]) {
    #pragma HLS INLINE
    depthwise_conv_2d_cl<data_T, res_T, conv1d_as_2d<CONFIG_T> >(data, res, weights, biases);
}

} // namespace nnet

#endif
