// Activation functions, io_stream: streams of nnet::array packs. Same math as
// nnet_activation.h, element by element (softmax: one pack = one whole vector).
#ifndef NNET_ACTIVATION_STREAM_H_
#define NNET_ACTIVATION_STREAM_H_

#include "hls_stream.h"
#include "nnet_activation.h"
#include "nnet_common.h"
#include "nnet_types.h"

namespace nnet {

template <class data_T, class res_T, typename CONFIG_T>
void linear(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    static_assert(data_T::size == res_T::size, "nnet::linear (stream): pack sizes differ");
LinearStreamLoop:
    for (unsigned p = 0; p < CONFIG_T::n_in / data_T::size; p++) {
        #pragma HLS PIPELINE
        data_T in = data.read();
        res_T out;
    LinearStreamPack:
        for (unsigned k = 0; k < data_T::size; k++) {
            #pragma HLS UNROLL
            out[k] = (typename res_T::value_type)in[k];
        }
        res.write(out);
    }
}

template <class data_T, class res_T, typename CONFIG_T>
void relu(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    static_assert(data_T::size == res_T::size, "nnet::relu (stream): pack sizes differ");
ReluStreamLoop:
    for (unsigned p = 0; p < CONFIG_T::n_in / data_T::size; p++) {
        #pragma HLS PIPELINE
        data_T in = data.read();
        res_T out;
    ReluStreamPack:
        for (unsigned k = 0; k < data_T::size; k++) {
            #pragma HLS UNROLL
            if (in[k] > 0)
                out[k] = (typename res_T::value_type)in[k];
            else
                out[k] = (typename res_T::value_type)0;
        }
        res.write(out);
    }
}

// Same index and table as the array sigmoid().
template <class data_T, class res_T, typename CONFIG_T>
void sigmoid(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    static_assert(data_T::size == res_T::size, "nnet::sigmoid (stream): pack sizes differ");
SigmoidStreamLoop:
    for (unsigned p = 0; p < CONFIG_T::n_in / data_T::size; p++) {
        #pragma HLS PIPELINE
        data_T in = data.read();
        res_T out;
    SigmoidStreamPack:
        for (unsigned k = 0; k < data_T::size; k++) {
            #pragma HLS UNROLL
            const int index = symmetric_table_index<typename data_T::value_type, CONFIG_T::table_size, 16>(in[k]);
            out[k] = (typename res_T::value_type)CONFIG_T::table[index];
        }
        res.write(out);
    }
}

// Same index and table as the array tanh().
template <class data_T, class res_T, typename CONFIG_T>
void tanh(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    static_assert(data_T::size == res_T::size, "nnet::tanh (stream): pack sizes differ");
TanhStreamLoop:
    for (unsigned p = 0; p < CONFIG_T::n_in / data_T::size; p++) {
        #pragma HLS PIPELINE
        data_T in = data.read();
        res_T out;
    TanhStreamPack:
        for (unsigned k = 0; k < data_T::size; k++) {
            #pragma HLS UNROLL
            const int index = symmetric_table_index<typename data_T::value_type, CONFIG_T::table_size, 8>(in[k]);
            out[k] = (typename res_T::value_type)CONFIG_T::table[index];
        }
        res.write(out);
    }
}

// One pack holds the whole vector (data_T::size == n_in); the array softmax()
// (dispatching on CONFIG_T::implementation, same tables) is applied to it.
template <class data_T, class res_T, typename CONFIG_T>
void softmax(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    static_assert(data_T::size == CONFIG_T::n_in && res_T::size == CONFIG_T::n_in,
                  "nnet::softmax (stream): a pack must hold the whole vector");
    typedef typename data_T::value_type in_t;
    typedef typename res_T::value_type out_t;
    #pragma HLS PIPELINE
    data_T in = data.read();
    in_t x[CONFIG_T::n_in];
    #pragma HLS ARRAY_PARTITION variable=x complete
    out_t y[CONFIG_T::n_in];
    #pragma HLS ARRAY_PARTITION variable=y complete
SoftmaxStreamUnpack:
    for (unsigned k = 0; k < CONFIG_T::n_in; k++) {
        #pragma HLS UNROLL
        x[k] = in[k];
    }
    softmax<in_t, out_t, CONFIG_T>(x, y);
    res_T out;
SoftmaxStreamPack:
    for (unsigned k = 0; k < CONFIG_T::n_in; k++) {
        #pragma HLS UNROLL
        out[k] = y[k];
    }
    res.write(out);
}

} // namespace nnet

#endif
