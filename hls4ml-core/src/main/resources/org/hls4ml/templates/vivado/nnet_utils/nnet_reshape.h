// Reshape / Flatten, io_parallel: arrays are flat, so the values are copied in order.
#ifndef NNET_RESHAPE_H_
#define NNET_RESHAPE_H_

#include "nnet_common.h"

namespace nnet {

struct reshape_config {
    static const unsigned n_in = 10;
    static const unsigned io_type = io_parallel;
};

template <class data_T, class res_T, typename CONFIG_T> void repack(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
    #pragma HLS PIPELINE
ReshapeCopy:
    for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
        #pragma HLS UNROLL
        res[i] = (res_T)data[i];
    }
}

} // namespace nnet

#endif
