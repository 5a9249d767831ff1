// Reshape / Flatten, io_stream: the same values in order, regrouped from packs of data_T::size
// into packs of res_T::size (e.g. a Flatten after a convolution: n_filt per pack in, all in one out).
#ifndef NNET_RESHAPE_STREAM_H_
#define NNET_RESHAPE_STREAM_H_

#include "hls_stream.h"
#include "nnet_reshape.h"
#include "nnet_types.h"

namespace nnet {

template <class data_T, class res_T, typename CONFIG_T> void repack(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    static_assert(CONFIG_T::n_in % data_T::size == 0, "nnet::repack (stream): n_in must be a multiple of the input pack size");
    static_assert(CONFIG_T::n_in % res_T::size == 0, "nnet::repack (stream): n_in must be a multiple of the output pack size");
    res_T out;
    unsigned k = 0;
RepackIn:
    for (unsigned p = 0; p < CONFIG_T::n_in / data_T::size; p++) {
        #pragma HLS PIPELINE
        data_T in = data.read();
    RepackValues:
        for (unsigned i = 0; i < data_T::size; i++) {
            out[k] = (typename res_T::value_type)in[i];
            if (++k == res_T::size) {
                res.write(out);
                k = 0;
            }
        }
    }
}

} // namespace nnet

#endif
