// Conv1D / Conv2D layers, channels last, io_stream: one pack of n_chan values per input pixel in,
// one pack of n_filt values per output pixel out, both in row-major pixel order.
#ifndef NNET_CONV_STREAM_H_
#define NNET_CONV_STREAM_H_

#include "hls_stream.h"
#include "nnet_common.h"
#include "nnet_conv.h"
#include "nnet_types.h"

namespace nnet {

// Line buffer: the last (filt_height - 1) * in_width + filt_width input pixels, enough for every
// window (a window spans at most that many consecutive pixels in row-major order). After reading
// input pixel p, the next output pixels in row-major order whose last needed input pixel is at or
// before p are computed and written. Only output rows whose window reaches into the bottom padding
// wait past their last needed pixel (the one before them ends further right), and they wait at most
// until the last input pixel, which is still within (filt_height - 1) * in_width pixels of their
// first one. Same numerics as the array version (nnet::conv_pixel).
template <class data_T, class res_T, typename CONFIG_T>
void conv_2d_cl(hls::stream<data_T> &data, hls::stream<res_T> &res,
                typename CONFIG_T::weight_t weights[conv_geometry<CONFIG_T>::n_window * CONFIG_T::n_filt],
                typename CONFIG_T::bias_t biases[CONFIG_T::n_filt]) {
    typedef typename data_T::value_type in_t;
    typedef typename res_T::value_type out_t;
    typedef conv_geometry<CONFIG_T> geo;
    static_assert(data_T::size == CONFIG_T::n_chan, "nnet::conv (stream): input pack size must be n_chan");
    static_assert(res_T::size == CONFIG_T::n_filt, "nnet::conv (stream): output pack size must be n_filt");
    static const unsigned span = (CONFIG_T::filt_height - 1) * CONFIG_T::in_width + CONFIG_T::filt_width;
    static const unsigned ring = span < geo::n_in_pixels ? span : geo::n_in_pixels;

    in_t line[ring * CONFIG_T::n_chan];
    unsigned o = 0;
ConvStreamIn:
    for (unsigned p = 0; p < geo::n_in_pixels; p++) {
        data_T pack = data.read();
    ConvStreamStore:
        for (unsigned ch = 0; ch < CONFIG_T::n_chan; ch++) {
            #pragma HLS UNROLL
            line[(p % ring) * CONFIG_T::n_chan + ch] = pack[ch];
        }
    ConvStreamOut:
        while (o < geo::n_out_pixels && geo::last_needed(o) <= p) {
            #pragma HLS PIPELINE II=CONFIG_T::reuse_factor
            in_t win[geo::n_window];
            #pragma HLS ARRAY_PARTITION variable=win complete
            out_t px[CONFIG_T::n_filt];
            #pragma HLS ARRAY_PARTITION variable=px complete
            conv_window<in_t, CONFIG_T, ring>(line, o, win);
            conv_pixel<in_t, out_t, CONFIG_T>(win, px, weights, biases);
            res_T out;
        ConvStreamPack:
            for (unsigned f = 0; f < CONFIG_T::n_filt; f++) {
                #pragma HLS UNROLL
                out[f] = px[f];
            }
            res.write(out);
            o++;
        }
    }
}

template <class data_T, class res_T, typename CONFIG_T>
void conv_1d_cl(hls::stream<data_T> &data, hls::stream<res_T> &res,
                typename CONFIG_T::weight_t weights[CONFIG_T::filt_width * CONFIG_T::n_chan * CONFIG_T::n_filt],
                typename CONFIG_T::bias_t biases[CONFIG_T::n_filt]) {
    #pragma HLS INLINE
    conv_2d_cl<data_T, res_T, conv1d_as_2d<CONFIG_T> >(data, res, weights, biases);
}

} // namespace nnet

#endif
