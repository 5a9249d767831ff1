// UpSampling1D/2D with nearest interpolation, channels last, io_stream (see nnet_image.h): each input
// row is kept while its copies are written (nnet::gather).
#ifndef NNET_IMAGE_STREAM_H_
#define NNET_IMAGE_STREAM_H_

#include "hls_stream.h"
#include "nnet_image.h"
#include "nnet_padding_stream.h"

namespace nnet {

template <class data_T, class res_T, typename CONFIG_T>
void resize_nearest(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    #pragma HLS INLINE
    gather<data_T, res_T, nearest_map<CONFIG_T> >(data, res);
}

} // namespace nnet

#endif
