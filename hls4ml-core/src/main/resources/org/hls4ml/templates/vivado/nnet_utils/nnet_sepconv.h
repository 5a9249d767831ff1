// DepthwiseConv1D / DepthwiseConv2D layers, channels last, io_parallel: arrays in, arrays out.
// (A SeparableConv is converted to a depthwise convolution followed by a pointwise Conv, as hls4ml does.)
#ifndef NNET_SEPCONV_H_
#define NNET_SEPCONV_H_

#include "nnet_common.h"
#include "nnet_conv.h"
#include "nnet_dense.h"

namespace nnet {

// One output pixel of a depthwise convolution from its window win[(fh * filt_width + fw) * n_chan + c]:
// each channel c is a Dense of its own over the window cells (CONFIG_T::mult_config: n_in = filt_height
// * filt_width, n_out = depth_multiplier), so with k the window cell and m < depth_multiplier
//   res[c * depth_multiplier + m] = (res_T) ((accum_t) biases[c * dm + m]
//                                    + sum_k (accum_t) (win[k * n_chan + c] * weights[(k * n_chan + c) * dm + m]))
// summed in accum_t in increasing k. Weights as Keras stores its depthwise kernel [k..., n_chan, dm].
template <class in_t, class out_t, typename CONFIG_T>
void depthwise_pixel(in_t win[conv_geometry<CONFIG_T>::n_window], out_t res[CONFIG_T::n_filt],
                     typename CONFIG_T::weight_t weights[conv_geometry<CONFIG_T>::n_window * CONFIG_T::depth_multiplier],
                     typename CONFIG_T::bias_t biases[CONFIG_T::n_filt]) {
    #pragma HLS INLINE
    static const unsigned n_cells = CONFIG_T::filt_height * CONFIG_T::filt_width;
    static const unsigned dm = CONFIG_T::depth_multiplier;
    static_assert(CONFIG_T::n_filt == CONFIG_T::n_chan * dm, "depthwise conv: n_filt must be n_chan * depth_multiplier");
    static_assert(CONFIG_T::mult_config::n_in == n_cells, "depthwise conv: mult_config::n_in");
    static_assert(CONFIG_T::mult_config::n_out == dm, "depthwise conv: mult_config::n_out");
DepthwiseChan:
    for (unsigned c = 0; c < CONFIG_T::n_chan; c++) {
        #pragma HLS UNROLL
        in_t x[n_cells];
        typename CONFIG_T::weight_t w[n_cells * dm];
        typename CONFIG_T::bias_t b[dm];
        out_t y[dm];
        #pragma HLS ARRAY_PARTITION variable=x complete
        #pragma HLS ARRAY_PARTITION variable=w complete
    DepthwiseCell:
        for (unsigned k = 0; k < n_cells; k++) {
            x[k] = win[k * CONFIG_T::n_chan + c];
        DepthwiseCellMult:
            for (unsigned m = 0; m < dm; m++) {
                w[k * dm + m] = weights[(k * CONFIG_T::n_chan + c) * dm + m];
            }
        }
    DepthwiseBias:
        for (unsigned m = 0; m < dm; m++) {
            b[m] = biases[c * dm + m];
        }
        dense<in_t, out_t, typename CONFIG_T::mult_config>(x, y, w, b);
    DepthwiseOut:
        for (unsigned m = 0; m < dm; m++) {
            res[c * dm + m] = y[m];
        }
    }
}

// depthwise_pixel for nnet::conv_pixels.
struct depthwise_dense_pixel {
    template <class in_t, class out_t, typename CONFIG_T>
    static void compute(in_t *win, out_t *res, typename CONFIG_T::weight_t *weights, typename CONFIG_T::bias_t *biases) {
        #pragma HLS INLINE
        depthwise_pixel<in_t, out_t, CONFIG_T>(win, res, weights, biases);
    }
};

// data[(r * in_width + col) * n_chan + c] -> res[(oh * out_width + ow) * n_filt + c * depth_multiplier + m].
template <class data_T, class res_T, typename CONFIG_T>
void depthwise_conv_2d_cl(data_T data[CONFIG_T::in_height * CONFIG_T::in_width * CONFIG_T::n_chan],
                          res_T res[CONFIG_T::out_height * CONFIG_T::out_width * CONFIG_T::n_filt],
                          typename CONFIG_T::weight_t weights[CONFIG_T::filt_height * CONFIG_T::filt_width * CONFIG_T::n_filt],
                          typename CONFIG_T::bias_t biases[CONFIG_T::n_filt]) {
    #pragma HLS INLINE
    conv_pixels<data_T, res_T, CONFIG_T, depthwise_dense_pixel>(data, res, weights, biases);
}

// The 1-D version: a 2-D one of height 1.
template <class data_T, class res_T, typename CONFIG_T>
void depthwise_conv_1d_cl(data_T data[CONFIG_T::in_width * CONFIG_T::n_chan],
                          res_T res[CONFIG_T::out_width * CONFIG_T::n_filt],
                          typename CONFIG_T::weight_t weights[CONFIG_T::filt_width * CONFIG_T::n_filt],
                          typename CONFIG_T::bias_t biases[CONFIG_T::n_filt]) {
    #pragma HLS INLINE
    depthwise_conv_2d_cl<data_T, res_T, conv1d_as_2d<CONFIG_T> >(data, res, weights, biases);
}

} // namespace nnet

#endif
