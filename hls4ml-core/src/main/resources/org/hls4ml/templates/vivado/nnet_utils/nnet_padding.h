// ZeroPadding1D/2D and Cropping1D/2D, channels last, io_parallel, and the pixel gathering they share
// with UpSampling (nnet_image.h): every output pixel is a copy of one input pixel (each value cast to
// res_T) or zeros.
#ifndef NNET_PADDING_H_
#define NNET_PADDING_H_

#include "nnet_common.h"

namespace nnet {

// hls4ml's config names. Output pixel (r, c) of a zero padding is input pixel (r - pad_top, c - pad_left),
// zeros outside the input; of a cropping, input pixel (r + crop_top, c + crop_left).
struct padding2d_config {
    static const unsigned in_height = 10;
    static const unsigned in_width = 10;
    static const unsigned out_height = 12;
    static const unsigned out_width = 12;
    static const unsigned n_chan = 1;
    static const unsigned pad_top = 1;
    static const unsigned pad_bottom = 1;
    static const unsigned pad_left = 1;
    static const unsigned pad_right = 1;
};

struct padding1d_config {
    static const unsigned in_width = 10;
    static const unsigned out_width = 12;
    static const unsigned n_chan = 1;
    static const unsigned pad_left = 1;
    static const unsigned pad_right = 1;
};

struct cropping2d_config {
    static const unsigned in_height = 10;
    static const unsigned in_width = 10;
    static const unsigned out_height = 8;
    static const unsigned out_width = 8;
    static const unsigned n_chan = 1;
    static const unsigned crop_top = 1;
    static const unsigned crop_bottom = 1;
    static const unsigned crop_left = 1;
    static const unsigned crop_right = 1;
};

struct cropping1d_config {
    static const unsigned in_width = 10;
    static const unsigned out_width = 8;
    static const unsigned n_chan = 1;
    static const unsigned crop_left = 1;
    static const unsigned crop_right = 1;
};

// A 1-D config seen as a 2-D one of height 1.
template <class CONFIG_T> struct height_one : CONFIG_T {
    static const unsigned in_height = 1;
    static const unsigned out_height = 1;
    static const unsigned pad_top = 0;
    static const unsigned pad_bottom = 0;
    static const unsigned crop_top = 0;
    static const unsigned crop_bottom = 0;
};

// Output pixel o (row-major over out_height x out_width) is input pixel (r + OFF_TOP, c + OFF_LEFT).
// A gather map: n_chan, in_width, pixel counts, and source(o, pixel) = whether output pixel o copies an
// input pixel (then `pixel`, row-major) rather than being zeros.
template <class CONFIG_T, int OFF_TOP, int OFF_LEFT> struct shift_map {
    static const unsigned n_chan = CONFIG_T::n_chan;
    static const unsigned in_width = CONFIG_T::in_width;
    static const unsigned n_in_pixels = CONFIG_T::in_height * CONFIG_T::in_width;
    static const unsigned n_out_pixels = CONFIG_T::out_height * CONFIG_T::out_width;
    static bool source(unsigned o, unsigned &pixel) {
        #pragma HLS INLINE
        const int r = (int)(o / CONFIG_T::out_width) + OFF_TOP;
        const int c = (int)(o % CONFIG_T::out_width) + OFF_LEFT;
        const bool inside = r >= 0 && r < (int)CONFIG_T::in_height && c >= 0 && c < (int)CONFIG_T::in_width;
        if (inside) {
            pixel = (unsigned)r * CONFIG_T::in_width + (unsigned)c;
        }
        return inside;
    }
};

// res[o * n_chan + ch] = data[source(o) * n_chan + ch] cast to res_T, or 0.
template <class data_T, class res_T, class MAP>
void gather(data_T data[MAP::n_in_pixels * MAP::n_chan], res_T res[MAP::n_out_pixels * MAP::n_chan]) {
    #pragma HLS PIPELINE
GatherPixels:
    for (unsigned o = 0; o < MAP::n_out_pixels; o++) {
        unsigned pixel = 0;
        const bool inside = MAP::source(o, pixel);
    GatherChan:
        for (unsigned ch = 0; ch < MAP::n_chan; ch++) {
            res[o * MAP::n_chan + ch] = inside ? (res_T)data[pixel * MAP::n_chan + ch] : res_T(0);
        }
    }
}

template <class data_T, class res_T, typename CONFIG_T>
void zeropad2d_cl(data_T data[CONFIG_T::in_height * CONFIG_T::in_width * CONFIG_T::n_chan],
                  res_T res[CONFIG_T::out_height * CONFIG_T::out_width * CONFIG_T::n_chan]) {
    #pragma HLS INLINE
    gather<data_T, res_T, shift_map<CONFIG_T, -(int)CONFIG_T::pad_top, -(int)CONFIG_T::pad_left> >(data, res);
}

template <class data_T, class res_T, typename CONFIG_T>
void zeropad1d_cl(data_T data[CONFIG_T::in_width * CONFIG_T::n_chan], res_T res[CONFIG_T::out_width * CONFIG_T::n_chan]) {
    #pragma HLS INLINE
    zeropad2d_cl<data_T, res_T, height_one<CONFIG_T> >(data, res);
}

template <class data_T, class res_T, typename CONFIG_T>
void cropping2d_cl(data_T data[CONFIG_T::in_height * CONFIG_T::in_width * CONFIG_T::n_chan],
                   res_T res[CONFIG_T::out_height * CONFIG_T::out_width * CONFIG_T::n_chan]) {
    #pragma HLS INLINE
    gather<data_T, res_T, shift_map<CONFIG_T, (int)CONFIG_T::crop_top, (int)CONFIG_T::crop_left> >(data, res);
}

template <class data_T, class res_T, typename CONFIG_T>
void cropping1d_cl(data_T data[CONFIG_T::in_width * CONFIG_T::n_chan], res_T res[CONFIG_T::out_width * CONFIG_T::n_chan]) {
    #pragma HLS INLINE
    cropping2d_cl<data_T, res_T, height_one<CONFIG_T> >(data, res);
}

} // namespace nnet

#endif
