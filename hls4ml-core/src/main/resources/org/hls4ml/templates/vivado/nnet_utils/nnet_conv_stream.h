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
// before p are computed by OP (OP::compute<RING>(line, o, px) fills the res_T::size values of
// output pixel o from the line buffer) and written. Only output rows whose window reaches into the
// bottom padding wait past their last needed pixel (the one before them ends further right), and
// they wait at most until the last input pixel, which is still within (filt_height - 1) * in_width
// pixels of their first one. GEO_T holds the window geometry in conv2d_config's names.
template <class data_T, class res_T, typename GEO_T, class OP>
void window_stream(hls::stream<data_T> &data, hls::stream<res_T> &res, OP &op) {
    typedef typename data_T::value_type in_t;
    typedef typename res_T::value_type out_t;
    typedef conv_geometry<GEO_T> geo;
    static_assert(data_T::size == GEO_T::n_chan, "nnet::window_stream: input pack size must be n_chan");
    static const unsigned span = (GEO_T::filt_height - 1) * GEO_T::in_width + GEO_T::filt_width;
    static const unsigned ring = span < geo::n_in_pixels ? span : geo::n_in_pixels;

    in_t line[ring * GEO_T::n_chan];
    unsigned o = 0;
WindowStreamIn:
    for (unsigned p = 0; p < geo::n_in_pixels; p++) {
        data_T pack = data.read();
    WindowStreamStore:
        for (unsigned ch = 0; ch < GEO_T::n_chan; ch++) {
            #pragma HLS UNROLL
            line[(p % ring) * GEO_T::n_chan + ch] = pack[ch];
        }
    WindowStreamOut:
        while (o < geo::n_out_pixels && geo::last_needed(o) <= p) {
            #pragma HLS PIPELINE II=GEO_T::reuse_factor
            out_t px[res_T::size];
            #pragma HLS ARRAY_PARTITION variable=px complete
            op.template compute<ring>(line, o, px);
            res_T out;
        WindowStreamPack:
            for (unsigned f = 0; f < res_T::size; f++) {
                #pragma HLS UNROLL
                out[f] = px[f];
            }
            res.write(out);
            o++;
        }
    }
}

// One output pixel from the line buffer: nnet::conv_window, then PIXEL (see nnet::conv_pixels), the
// numerics of the array version.
template <class in_t, class out_t, typename CONFIG_T, class PIXEL> struct conv_stream_op {
    typename CONFIG_T::weight_t *weights;
    typename CONFIG_T::bias_t *biases;
    template <unsigned RING> void compute(const in_t *line, unsigned o, out_t px[CONFIG_T::n_filt]) {
        #pragma HLS INLINE
        in_t win[conv_geometry<CONFIG_T>::n_window];
        #pragma HLS ARRAY_PARTITION variable=win complete
        conv_window<in_t, CONFIG_T, RING>(line, o, win);
        PIXEL::template compute<in_t, out_t, CONFIG_T>(win, px, weights, biases);
    }
};

// Every output pixel of a streamed feature map: nnet::window_stream with PIXEL.
template <class data_T, class res_T, typename CONFIG_T, class PIXEL>
void conv_pixels(hls::stream<data_T> &data, hls::stream<res_T> &res, typename CONFIG_T::weight_t *weights,
                 typename CONFIG_T::bias_t *biases) {
    static_assert(res_T::size == CONFIG_T::n_filt, "nnet::conv (stream): output pack size must be n_filt");
    conv_stream_op<typename data_T::value_type, typename res_T::value_type, CONFIG_T, PIXEL> op = {weights, biases};
    window_stream<data_T, res_T, CONFIG_T>(data, res, op);
}

template <class data_T, class res_T, typename CONFIG_T>
void conv_2d_cl(hls::stream<data_T> &data, hls::stream<res_T> &res,
                typename CONFIG_T::weight_t weights[conv_geometry<CONFIG_T>::n_window * CONFIG_T::n_filt],
                typename CONFIG_T::bias_t biases[CONFIG_T::n_filt]) {
    #pragma HLS INLINE
    conv_pixels<data_T, res_T, CONFIG_T, conv_dense_pixel>(data, res, weights, biases);
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
