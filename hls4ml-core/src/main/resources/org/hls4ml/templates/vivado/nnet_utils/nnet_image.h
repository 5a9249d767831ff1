// UpSampling1D/2D with nearest interpolation (hls4ml's resize_nearest), channels last, io_parallel:
// output pixel (r, c) is input pixel (r / (new_height / height), c / (new_width / width)).
#ifndef NNET_IMAGE_H_
#define NNET_IMAGE_H_

#include "nnet_common.h"
#include "nnet_padding.h"

namespace nnet {

struct resize_config {
    static const unsigned height = 10;
    static const unsigned width = 10;
    static const unsigned n_chan = 1;
    static const unsigned new_height = 20;
    static const unsigned new_width = 20;
};

// The gather map of a nearest upsampling by whole factors (see nnet::shift_map).
template <class CONFIG_T> struct nearest_map {
    static const unsigned n_chan = CONFIG_T::n_chan;
    static const unsigned in_width = CONFIG_T::width;
    static const unsigned n_in_pixels = CONFIG_T::height * CONFIG_T::width;
    static const unsigned n_out_pixels = CONFIG_T::new_height * CONFIG_T::new_width;
    static_assert(CONFIG_T::new_height % CONFIG_T::height == 0 && CONFIG_T::new_width % CONFIG_T::width == 0,
                  "nnet::resize_nearest: the new size must be a whole multiple of the size");
    static bool source(unsigned o, unsigned &pixel) {
        #pragma HLS INLINE
        const unsigned r = (o / CONFIG_T::new_width) / (CONFIG_T::new_height / CONFIG_T::height);
        const unsigned c = (o % CONFIG_T::new_width) / (CONFIG_T::new_width / CONFIG_T::width);
        pixel = r * CONFIG_T::width + c;
        return true;
    }
};

template <class data_T, class res_T, typename CONFIG_T>
void resize_nearest(data_T data[CONFIG_T::height * CONFIG_T::width * CONFIG_T::n_chan],
                    res_T res[CONFIG_T::new_height * CONFIG_T::new_width * CONFIG_T::n_chan]) {
    #pragma HLS INLINE
    gather<data_T, res_T, nearest_map<CONFIG_T> >(data, res);
}

} // namespace nnet

#endif
