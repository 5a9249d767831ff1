// Conv1D / Conv2D layers, channels last, io_parallel: arrays in, arrays out.
#ifndef NNET_CONV_H_
#define NNET_CONV_H_

#include "nnet_common.h"
#include "nnet_dense.h"

namespace nnet {

// Geometry of a 2-D convolution (hls4ml's names). The output pixel (oh, ow) reads the input
// pixels (oh * stride_height + fh - pad_top, ow * stride_width + fw - pad_left) for fh < filt_height,
// fw < filt_width; pixels outside the input are zeros (the padding).
struct conv2d_config {
    static const unsigned in_height = 10;
    static const unsigned in_width = 10;
    static const unsigned n_chan = 1;
    static const unsigned filt_height = 1;
    static const unsigned filt_width = 1;
    static const unsigned n_filt = 1;
    static const unsigned stride_height = 1;
    static const unsigned stride_width = 1;
    static const unsigned pad_top = 0;
    static const unsigned pad_bottom = 0;
    static const unsigned pad_left = 0;
    static const unsigned pad_right = 0;
    static const unsigned out_height = 10;
    static const unsigned out_width = 10;
    static const unsigned io_type = io_parallel;
    static const unsigned strategy = latency;
    static const unsigned reuse_factor = 1;
    typedef float accum_t;
    typedef float bias_t;
    typedef float weight_t;
    // typedef <a dense_config with n_in = filt_height * filt_width * n_chan, n_out = n_filt> mult_config;
};

// A 1-D convolution has the width axis only.
struct conv1d_config {
    static const unsigned in_width = 10;
    static const unsigned n_chan = 1;
    static const unsigned filt_width = 1;
    static const unsigned n_filt = 1;
    static const unsigned stride_width = 1;
    static const unsigned pad_left = 0;
    static const unsigned pad_right = 0;
    static const unsigned out_width = 10;
    static const unsigned io_type = io_parallel;
    static const unsigned strategy = latency;
    static const unsigned reuse_factor = 1;
    typedef float accum_t;
    typedef float bias_t;
    typedef float weight_t;
};

// A conv1d config seen as a conv2d one of height 1.
template <class CONFIG_T> struct conv1d_as_2d : CONFIG_T {
    static const unsigned in_height = 1;
    static const unsigned filt_height = 1;
    static const unsigned stride_height = 1;
    static const unsigned pad_top = 0;
    static const unsigned pad_bottom = 0;
    static const unsigned out_height = 1;
};

// Products per output value, and the input pixel (row-major, 0 .. in_height * in_width - 1)
// after which every input value of output pixel `o` (row-major over out_height x out_width) is known.
template <class CONFIG_T> struct conv_geometry {
    static const unsigned n_window = CONFIG_T::filt_height * CONFIG_T::filt_width * CONFIG_T::n_chan;
    static const unsigned n_in_pixels = CONFIG_T::in_height * CONFIG_T::in_width;
    static const unsigned n_out_pixels = CONFIG_T::out_height * CONFIG_T::out_width;
    static unsigned last_needed(unsigned o) {
        #pragma HLS INLINE
        int r = (int)((o / CONFIG_T::out_width) * CONFIG_T::stride_height + CONFIG_T::filt_height) - 1 - (int)CONFIG_T::pad_top;
        int c = (int)((o % CONFIG_T::out_width) * CONFIG_T::stride_width + CONFIG_T::filt_width) - 1 - (int)CONFIG_T::pad_left;
        r = r < 0 ? 0 : r >= (int)CONFIG_T::in_height ? (int)CONFIG_T::in_height - 1 : r;
        c = c < 0 ? 0 : c >= (int)CONFIG_T::in_width ? (int)CONFIG_T::in_width - 1 : c;
        return (unsigned)r * CONFIG_T::in_width + (unsigned)c;
    }
    // Whether cell (fh, fw) of the window of output pixel `o` lies inside the input (not in the
    // padding); if so, `pixel` is set to its row-major input pixel.
    static bool window_cell(unsigned o, unsigned fh, unsigned fw, unsigned &pixel) {
        #pragma HLS INLINE
        const int r = (int)((o / CONFIG_T::out_width) * CONFIG_T::stride_height + fh) - (int)CONFIG_T::pad_top;
        const int c = (int)((o % CONFIG_T::out_width) * CONFIG_T::stride_width + fw) - (int)CONFIG_T::pad_left;
        const bool inside = r >= 0 && r < (int)CONFIG_T::in_height && c >= 0 && c < (int)CONFIG_T::in_width;
        if (inside) {
            pixel = (unsigned)r * CONFIG_T::in_width + (unsigned)c;
        }
        return inside;
    }
};

// The window of output pixel `o`: win[(fh * filt_width + fw) * n_chan + c], zeros in the padding.
// Input pixel p (row-major) is read from pixels[(p % RING) * n_chan + c]: RING = in_height * in_width
// for a whole feature map, fewer for the line buffer of the stream version.
template <class in_t, class CONFIG_T, unsigned RING>
void conv_window(const in_t *pixels, unsigned o, in_t win[conv_geometry<CONFIG_T>::n_window]) {
    #pragma HLS INLINE
ConvWindowRow:
    for (unsigned fh = 0; fh < CONFIG_T::filt_height; fh++) {
    ConvWindowCol:
        for (unsigned fw = 0; fw < CONFIG_T::filt_width; fw++) {
            unsigned pixel = 0;
            const bool inside = conv_geometry<CONFIG_T>::window_cell(o, fh, fw, pixel);
            const unsigned slot = pixel % RING;
        ConvWindowChan:
            for (unsigned ch = 0; ch < CONFIG_T::n_chan; ch++) {
                win[(fh * CONFIG_T::filt_width + fw) * CONFIG_T::n_chan + ch] = inside ? pixels[slot * CONFIG_T::n_chan + ch] : in_t(0);
            }
        }
    }
}

// One output pixel: res[f] = (res_T) ((accum_t) biases[f] + sum_k (accum_t) (win[k] * weights[k * n_filt + f])),
// the sum in accum_t in increasing k - nnet::dense over the window with CONFIG_T::mult_config.
template <class in_t, class out_t, typename CONFIG_T>
void conv_pixel(in_t win[conv_geometry<CONFIG_T>::n_window], out_t res[CONFIG_T::n_filt],
                typename CONFIG_T::weight_t weights[conv_geometry<CONFIG_T>::n_window * CONFIG_T::n_filt],
                typename CONFIG_T::bias_t biases[CONFIG_T::n_filt]) {
    #pragma HLS INLINE
    static_assert(CONFIG_T::mult_config::n_in == conv_geometry<CONFIG_T>::n_window, "conv: mult_config::n_in");
    static_assert(CONFIG_T::mult_config::n_out == CONFIG_T::n_filt, "conv: mult_config::n_out");
    dense<in_t, out_t, typename CONFIG_T::mult_config>(win, res, weights, biases);
}

// The computation of one output pixel from its window, for the loops below:
// PIXEL::compute<in_t, out_t, CONFIG_T>(win, res, weights, biases). conv_dense_pixel is nnet::conv_pixel.
struct conv_dense_pixel {
    template <class in_t, class out_t, typename CONFIG_T>
    static void compute(in_t *win, out_t *res, typename CONFIG_T::weight_t *weights, typename CONFIG_T::bias_t *biases) {
        #pragma HLS INLINE
        conv_pixel<in_t, out_t, CONFIG_T>(win, res, weights, biases);
    }
};

// Every output pixel of a feature map held in an array: its window (nnet::conv_window), then PIXEL.
template <class data_T, class res_T, typename CONFIG_T, class PIXEL>
void conv_pixels(data_T data[CONFIG_T::in_height * CONFIG_T::in_width * CONFIG_T::n_chan],
                 res_T res[CONFIG_T::out_height * CONFIG_T::out_width * CONFIG_T::n_filt],
                 typename CONFIG_T::weight_t *weights, typename CONFIG_T::bias_t *biases) {
    typedef conv_geometry<CONFIG_T> geo;
    #pragma HLS PIPELINE II=CONFIG_T::reuse_factor
ConvPixels:
    for (unsigned o = 0; o < geo::n_out_pixels; o++) {
        #pragma HLS UNROLL
        data_T win[geo::n_window];
        #pragma HLS ARRAY_PARTITION variable=win complete
        conv_window<data_T, CONFIG_T, geo::n_in_pixels>(data, o, win);
        PIXEL::template compute<data_T, res_T, CONFIG_T>(win, res + o * CONFIG_T::n_filt, weights, biases);
    }
}

// data[(r * in_width + c) * n_chan + ch] -> res[(oh * out_width + ow) * n_filt + f]; weights as Keras
// stores its kernel: weights[((fh * filt_width + fw) * n_chan + ch) * n_filt + f].
template <class data_T, class res_T, typename CONFIG_T>
void conv_2d_cl(data_T data[CONFIG_T::in_height * CONFIG_T::in_width * CONFIG_T::n_chan],
                res_T res[CONFIG_T::out_height * CONFIG_T::out_width * CONFIG_T::n_filt],
                typename CONFIG_T::weight_t weights[conv_geometry<CONFIG_T>::n_window * CONFIG_T::n_filt],
                typename CONFIG_T::bias_t biases[CONFIG_T::n_filt]) {
    #pragma HLS INLINE
    conv_pixels<data_T, res_T, CONFIG_T, conv_dense_pixel>(data, res, weights, biases);
}

// data[w * n_chan + ch] -> res[ow * n_filt + f]; weights[(fw * n_chan + ch) * n_filt + f].
template <class data_T, class res_T, typename CONFIG_T>
void conv_1d_cl(data_T data[CONFIG_T::in_width * CONFIG_T::n_chan], res_T res[CONFIG_T::out_width * CONFIG_T::n_filt],
                typename CONFIG_T::weight_t weights[CONFIG_T::filt_width * CONFIG_T::n_chan * CONFIG_T::n_filt],
                typename CONFIG_T::bias_t biases[CONFIG_T::n_filt]) {
    #pragma HLS INLINE
    conv_2d_cl<data_T, res_T, conv1d_as_2d<CONFIG_T> >(data, res, weights, biases);
}

} // namespace nnet

#endif
