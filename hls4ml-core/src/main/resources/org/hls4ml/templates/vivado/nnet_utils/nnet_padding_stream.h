// ZeroPadding1D/2D and Cropping1D/2D, channels last, io_stream: one pack of n_chan values per pixel in
// and out, row-major; and the stream gathering they share with UpSampling (nnet_image_stream.h).
#ifndef NNET_PADDING_STREAM_H_
#define NNET_PADDING_STREAM_H_

#include "hls_stream.h"
#include "nnet_common.h"
#include "nnet_padding.h"
#include "nnet_types.h"

namespace nnet {

// Output pixels in row-major order; before writing one that copies input pixel p, the input is read up
// to p and the last in_width input pixels are kept. This serves every map whose source pixel, when
// needed, is at most in_width - 1 pixels behind the last one read: a shift (sources increase) and a
// nearest upsampling (an output row needs one input row, read whole by its first copy). Input pixels no
// output copies (cropped ones) are read and dropped.
template <class data_T, class res_T, class MAP> void gather(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    typedef typename data_T::value_type in_t;
    typedef typename res_T::value_type out_t;
    static_assert(data_T::size == MAP::n_chan, "nnet::gather (stream): input pack size must be n_chan");
    static_assert(res_T::size == MAP::n_chan, "nnet::gather (stream): output pack size must be n_chan");
    in_t row[MAP::in_width * MAP::n_chan];
    unsigned next = 0;
GatherStreamOut:
    for (unsigned o = 0; o < MAP::n_out_pixels; o++) {
        #pragma HLS PIPELINE
        unsigned pixel = 0;
        const bool inside = MAP::source(o, pixel);
    GatherStreamIn:
        while (inside && next <= pixel) {
            data_T pack = data.read();
        GatherStreamStore:
            for (unsigned ch = 0; ch < MAP::n_chan; ch++) {
                row[(next % MAP::in_width) * MAP::n_chan + ch] = pack[ch];
            }
            next++;
        }
        res_T out;
    GatherStreamPack:
        for (unsigned ch = 0; ch < MAP::n_chan; ch++) {
            out[ch] = inside ? (out_t)row[(pixel % MAP::in_width) * MAP::n_chan + ch] : out_t(0);
        }
        res.write(out);
    }
GatherStreamDrain:
    for (; next < MAP::n_in_pixels; next++) {
        data.read();
    }
}

template <class data_T, class res_T, typename CONFIG_T>
void zeropad2d_cl(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    #pragma HLS INLINE
    gather<data_T, res_T, shift_map<CONFIG_T, -(int)CONFIG_T::pad_top, -(int)CONFIG_T::pad_left> >(data, res);
}

template <class data_T, class res_T, typename CONFIG_T>
void zeropad1d_cl(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    #pragma HLS INLINE
    zeropad2d_cl<data_T, res_T, height_one<CONFIG_T> >(data, res);
}

template <class data_T, class res_T, typename CONFIG_T>
void cropping2d_cl(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    #pragma HLS INLINE
    gather<data_T, res_T, shift_map<CONFIG_T, (int)CONFIG_T::crop_top, (int)CONFIG_T::crop_left> >(data, res);
}

template <class data_T, class res_T, typename CONFIG_T>
void cropping1d_cl(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    #pragma HLS INLINE
    cropping2d_cl<data_T, res_T, height_one<CONFIG_T> >(data, res);
}

} // namespace nnet

#endif
