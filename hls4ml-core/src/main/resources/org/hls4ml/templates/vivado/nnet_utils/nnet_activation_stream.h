// Activation functions, io_stream: streams of nnet::array packs. Same math as
// nnet_activation.h, element by element (softmax: one pack = one whole vector).
#ifndef NNET_ACTIVATION_STREAM_H_
#define NNET_ACTIVATION_STREAM_H_

#include "hls_stream.h"
#include "nnet_activation.h"
#include "nnet_common.h"
#include "nnet_types.h"

namespace nnet {

// The element-wise operations of nnet_activation.h on every element of every pack.
template <class data_T, class res_T, typename CONFIG_T, class OP>
void elementwise(hls::stream<data_T> &data, hls::stream<res_T> &res, const OP &op) {
    static_assert(data_T::size == res_T::size, "nnet::elementwise (stream): pack sizes differ");
ElementwiseStreamLoop:
    for (unsigned p = 0; p < CONFIG_T::n_in / data_T::size; p++) {
        #pragma HLS PIPELINE
        data_T in = data.read();
        res_T out;
    ElementwiseStreamPack:
        for (unsigned k = 0; k < data_T::size; k++) {
            #pragma HLS UNROLL
            out[k] = op(in[k]);
        }
        res.write(out);
    }
}

template <class data_T, class res_T, typename CONFIG_T>
void linear(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, linear_op<typename res_T::value_type>());
}

template <class data_T, class res_T, typename CONFIG_T>
void relu(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, relu_op<typename res_T::value_type>());
}

// Same index and table as the array sigmoid().
template <class data_T, class res_T, typename CONFIG_T>
void sigmoid(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, symmetric_table_op<typename res_T::value_type, CONFIG_T, 16>());
}

// Same index and table as the array tanh().
template <class data_T, class res_T, typename CONFIG_T>
void tanh(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, symmetric_table_op<typename res_T::value_type, CONFIG_T, 8>());
}

template <class data_T, class param_T, class res_T, typename CONFIG_T>
void leaky_relu(hls::stream<data_T> &data, param_T alpha, hls::stream<res_T> &res) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, leaky_relu_op<typename res_T::value_type, param_T>{alpha});
}

template <class data_T, class param_T, class res_T, typename CONFIG_T>
void thresholded_relu(hls::stream<data_T> &data, param_T theta, hls::stream<res_T> &res) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, thresholded_relu_op<typename res_T::value_type, param_T>{theta});
}

template <class data_T, class param_T, class res_T, typename CONFIG_T>
void relu_max(hls::stream<data_T> &data, param_T max, hls::stream<res_T> &res) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, relu_max_op<typename res_T::value_type, param_T>{max});
}

template <class data_T, class res_T, typename CONFIG_T>
void hard_sigmoid(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, hard_sigmoid_op<typename res_T::value_type, CONFIG_T>());
}

template <class data_T, class res_T, typename CONFIG_T>
void elu(hls::stream<data_T> &data, const typename res_T::value_type alpha, hls::stream<res_T> &res) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, elu_op<typename res_T::value_type, CONFIG_T>{alpha});
}

template <class data_T, class res_T, typename CONFIG_T>
void selu(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, selu_op<typename res_T::value_type, CONFIG_T>());
}

template <class data_T, class res_T, typename CONFIG_T>
void softplus(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, symmetric_table_op<typename res_T::value_type, CONFIG_T>());
}

template <class data_T, class res_T, typename CONFIG_T>
void softsign(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, symmetric_table_op<typename res_T::value_type, CONFIG_T>());
}

template <class data_T, class res_T, typename CONFIG_T>
void hard_tanh(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, hard_tanh_op<typename res_T::value_type>());
}

template <class data_T, class res_T, typename CONFIG_T>
void binary_tanh(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    elementwise<data_T, res_T, CONFIG_T>(data, res, binary_tanh_op<typename res_T::value_type>());
}

template <class data_T, class param_T, class res_T, typename CONFIG_T>
void ternary_tanh(hls::stream<data_T> &data, param_T threshold, hls::stream<res_T> &res) {
    elementwise<data_T, res_T, CONFIG_T>(data, res,
                                         ternary_tanh_op<typename res_T::value_type, param_T>{threshold});
}

// Same as the array prelu(): element k of pack p uses alpha[p * size + k].
template <class data_T, class param_T, class res_T, typename CONFIG_T>
void prelu(hls::stream<data_T> &data, const param_T alpha[CONFIG_T::n_in], hls::stream<res_T> &res) {
    static_assert(data_T::size == res_T::size, "nnet::prelu (stream): pack sizes differ");
    typedef typename res_T::value_type out_t;
PReluStreamLoop:
    for (unsigned p = 0; p < CONFIG_T::n_in / data_T::size; p++) {
        #pragma HLS PIPELINE
        data_T in = data.read();
        res_T out;
    PReluStreamPack:
        for (unsigned k = 0; k < data_T::size; k++) {
            #pragma HLS UNROLL
            if (in[k] > 0)
                out[k] = (out_t)in[k];
            else
                out[k] = (out_t)(alpha[p * data_T::size + k] * in[k]);
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
