// Pooling1D / Pooling2D (Keras' MaxPooling and AveragePooling) and GlobalPooling1D / GlobalPooling2D,
// channels last, io_parallel: arrays in, arrays out.
#ifndef NNET_POOLING_H_
#define NNET_POOLING_H_

#include "nnet_common.h"
#include "nnet_conv.h"

namespace nnet {

enum Pool_Op { Max, Average };

// Geometry of a 2-D pooling (hls4ml's names; the channels are n_filt, the same in and out). Output
// pixel (oh, ow) pools the input pixels (oh * stride_height + ph - pad_top, ow * stride_width + pw -
// pad_left) for ph < pool_height, pw < pool_width that lie inside the input: window cells in the
// padding are left out, as Keras does (hls4ml's count_pad = false).
//   Max:     the largest of them (compared as data_T), cast to res_T.
//   Average: their sum in accum_t (starting from 0, row-major order) divided by their count with
//            ap_fixed's division (the quotient truncated toward zero to accum_t's fractional bits,
//            as hls4ml's `y /= length` on an accum_t), then cast to res_T.
// What every pooling config has besides its geometry.
struct pooling_common_config {
    static const Pool_Op pool_op = Max;
    static const unsigned io_type = io_parallel;
    static const unsigned reuse_factor = 1;
    typedef float accum_t;
};

struct pooling2d_config : pooling_common_config {
    static const unsigned in_height = 10;
    static const unsigned in_width = 10;
    static const unsigned n_filt = 1;
    static const unsigned pool_height = 2;
    static const unsigned pool_width = 2;
    static const unsigned stride_height = 2;
    static const unsigned stride_width = 2;
    static const unsigned pad_top = 0;
    static const unsigned pad_bottom = 0;
    static const unsigned pad_left = 0;
    static const unsigned pad_right = 0;
    static const unsigned out_height = 5;
    static const unsigned out_width = 5;
};

// A 1-D pooling has the width axis only.
struct pooling1d_config : pooling_common_config {
    static const unsigned in_width = 10;
    static const unsigned n_filt = 1;
    static const unsigned pool_width = 2;
    static const unsigned stride_width = 2;
    static const unsigned pad_left = 0;
    static const unsigned pad_right = 0;
    static const unsigned out_width = 5;
};

// Global pooling: every input pixel of a channel into one value.
struct global_pooling2d_config : pooling_common_config {
    static const unsigned in_height = 10;
    static const unsigned in_width = 10;
    static const unsigned n_filt = 1;
};

struct global_pooling1d_config : pooling_common_config {
    static const unsigned in_width = 10;
    static const unsigned n_filt = 1;
};

// A pooling1d config seen as a pooling2d one of height 1.
template <class CONFIG_T> struct pool1d_as_2d : CONFIG_T {
    static const unsigned in_height = 1;
    static const unsigned pool_height = 1;
    static const unsigned stride_height = 1;
    static const unsigned pad_top = 0;
    static const unsigned pad_bottom = 0;
    static const unsigned out_height = 1;
};

// A global pooling config seen as a pooling2d one whose window is the whole input.
template <class CONFIG_T> struct global_pool_as_2d : CONFIG_T {
    static const unsigned pool_height = CONFIG_T::in_height;
    static const unsigned pool_width = CONFIG_T::in_width;
    static const unsigned stride_height = CONFIG_T::in_height;
    static const unsigned stride_width = CONFIG_T::in_width;
    static const unsigned pad_top = 0;
    static const unsigned pad_bottom = 0;
    static const unsigned pad_left = 0;
    static const unsigned pad_right = 0;
    static const unsigned out_height = 1;
    static const unsigned out_width = 1;
};

// A global pooling 1d config seen as a global pooling 2d one of height 1.
template <class CONFIG_T> struct global_pool1d_as_2d : CONFIG_T {
    static const unsigned in_height = 1;
};

// A pooling2d config in the window names of conv2d_config (nnet::conv_geometry).
template <class CONFIG_T> struct pool_as_window : CONFIG_T {
    static const unsigned filt_height = CONFIG_T::pool_height;
    static const unsigned filt_width = CONFIG_T::pool_width;
    static const unsigned n_chan = CONFIG_T::n_filt;
};

// One more value of a window: the running maximum (the first value, then any larger one) and the sum in accum_t.
template <class in_t, typename CONFIG_T>
void pool_add(in_t x, bool first, in_t &best, typename CONFIG_T::accum_t &sum) {
    #pragma HLS INLINE
    if (first || x > best) {
        best = x;
    }
    sum += x;
}

// The pooled value of `count` values: their maximum, or their sum divided by count (ap_fixed division:
// the quotient truncated toward zero to accum_t's fractional bits), cast to out_t.
template <class out_t, class in_t, typename CONFIG_T>
out_t pool_result(in_t best, typename CONFIG_T::accum_t sum, unsigned count) {
    #pragma HLS INLINE
    if (CONFIG_T::pool_op == Max) {
        return (out_t)best;
    }
    sum /= count;
    return (out_t)sum;
}

// Output pixel `o`: res[ch] for every channel. Input pixel p (row-major) is read from
// pixels[(p % RING) * n_filt + ch] (see nnet::conv_window).
template <class in_t, class out_t, typename CONFIG_T, unsigned RING>
void pool_pixel(const in_t *pixels, unsigned o, out_t res[CONFIG_T::n_filt]) {
    #pragma HLS INLINE
    typedef conv_geometry<pool_as_window<CONFIG_T> > geo;
PoolChan:
    for (unsigned ch = 0; ch < CONFIG_T::n_filt; ch++) {
        in_t best = 0;
        typename CONFIG_T::accum_t sum = 0;
        unsigned count = 0;
    PoolRow:
        for (unsigned ph = 0; ph < CONFIG_T::pool_height; ph++) {
        PoolCol:
            for (unsigned pw = 0; pw < CONFIG_T::pool_width; pw++) {
                unsigned pixel = 0;
                if (geo::window_cell(o, ph, pw, pixel)) {
                    pool_add<in_t, CONFIG_T>(pixels[(pixel % RING) * CONFIG_T::n_filt + ch], count == 0, best, sum);
                    count++;
                }
            }
        }
        res[ch] = pool_result<out_t, in_t, CONFIG_T>(best, sum, count);
    }
}

// data[(r * in_width + c) * n_filt + ch] -> res[(oh * out_width + ow) * n_filt + ch].
template <class data_T, class res_T, typename CONFIG_T>
void pooling2d_cl(data_T data[CONFIG_T::in_height * CONFIG_T::in_width * CONFIG_T::n_filt],
                  res_T res[CONFIG_T::out_height * CONFIG_T::out_width * CONFIG_T::n_filt]) {
    typedef conv_geometry<pool_as_window<CONFIG_T> > geo;
    #pragma HLS PIPELINE II=CONFIG_T::reuse_factor
PoolPixels:
    for (unsigned o = 0; o < geo::n_out_pixels; o++) {
        #pragma HLS UNROLL
        pool_pixel<data_T, res_T, CONFIG_T, geo::n_in_pixels>(data, o, res + o * CONFIG_T::n_filt);
    }
}

template <class data_T, class res_T, typename CONFIG_T>
void pooling1d_cl(data_T data[CONFIG_T::in_width * CONFIG_T::n_filt], res_T res[CONFIG_T::out_width * CONFIG_T::n_filt]) {
    #pragma HLS INLINE
    pooling2d_cl<data_T, res_T, pool1d_as_2d<CONFIG_T> >(data, res);
}

template <class data_T, class res_T, typename CONFIG_T>
void global_pooling2d_cl(data_T data[CONFIG_T::in_height * CONFIG_T::in_width * CONFIG_T::n_filt], res_T res[CONFIG_T::n_filt]) {
    #pragma HLS INLINE
    pooling2d_cl<data_T, res_T, global_pool_as_2d<CONFIG_T> >(data, res);
}

template <class data_T, class res_T, typename CONFIG_T>
void global_pooling1d_cl(data_T data[CONFIG_T::in_width * CONFIG_T::n_filt], res_T res[CONFIG_T::n_filt]) {
    #pragma HLS INLINE
    pooling2d_cl<data_T, res_T, global_pool_as_2d<global_pool1d_as_2d<CONFIG_T> > >(data, res);
}

} // namespace nnet

#endif
