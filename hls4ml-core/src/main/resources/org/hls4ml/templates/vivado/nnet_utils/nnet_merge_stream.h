// Merge layers and Concatenate, io_stream: the arithmetic of nnet_merge.h, one stream transaction (a
// pack of the last dimension) at a time. Element-wise merges read one pack of each input and write
// one. Concatenating along the last axis joins the two packs of each position into one; along an
// outer axis the packs pass through unchanged (converted to res_T), input 1's block of packs first.
#ifndef NNET_MERGE_STREAM_H_
#define NNET_MERGE_STREAM_H_

#include "hls_stream.h"
#include "nnet_merge.h"
#include "nnet_types.h"

namespace nnet {

#define NNET_MERGE_STREAM(NAME, EXPR)                                                                        \
    template <class input1_T, class input2_T, class res_T, typename CONFIG_T>                                 \
    void NAME(hls::stream<input1_T> &data1, hls::stream<input2_T> &data2, hls::stream<res_T> &res) {         \
        static_assert(input1_T::size == input2_T::size && input1_T::size == res_T::size,                      \
                      "nnet::" #NAME " (stream): the two inputs and the result need the same pack size");    \
        for (unsigned t = 0; t < CONFIG_T::n_elem / input1_T::size; t++) {                                    \
            _Pragma("HLS PIPELINE") input1_T a = data1.read();                                                \
            input2_T b = data2.read();                                                                        \
            res_T out;                                                                                        \
            for (unsigned j = 0; j < res_T::size; j++) {                                                      \
                _Pragma("HLS UNROLL") EXPR;                                                                   \
            }                                                                                                 \
            res.write(out);                                                                                   \
        }                                                                                                     \
    }

NNET_MERGE_STREAM(add, out[j] = a[j] + b[j])
NNET_MERGE_STREAM(subtract, out[j] = a[j] - b[j])
NNET_MERGE_STREAM(multiply, out[j] = a[j] * b[j])
NNET_MERGE_STREAM(average, out[j] = (a[j] + b[j]) / (typename res_T::value_type)2)
NNET_MERGE_STREAM(maximum, if (a[j] > b[j]) out[j] = a[j]; else out[j] = b[j])
NNET_MERGE_STREAM(minimum, if (a[j] < b[j]) out[j] = a[j]; else out[j] = b[j])

#undef NNET_MERGE_STREAM

// Joins N pairs of packs: each output pack is input 1's pack followed by input 2's.
template <class input1_T, class input2_T, class res_T, unsigned N>
void concatenate_packs(hls::stream<input1_T> &data1, hls::stream<input2_T> &data2, hls::stream<res_T> &res) {
    static_assert(input1_T::size + input2_T::size == res_T::size,
                  "nnet::concatenate (stream, last axis): the result pack holds both input packs");
    for (unsigned t = 0; t < N; t++) {
        #pragma HLS PIPELINE
        input1_T a = data1.read();
        input2_T b = data2.read();
        res_T out;
        for (unsigned j = 0; j < input1_T::size; j++) {
            #pragma HLS UNROLL
            out[j] = a[j];
        }
        for (unsigned j = 0; j < input2_T::size; j++) {
            #pragma HLS UNROLL
            out[input1_T::size + j] = b[j];
        }
        res.write(out);
    }
}

// Passes N packs of one input through, converted to res_T.
template <class data_T, class res_T, unsigned N> void concatenate_pass(hls::stream<data_T> &data, hls::stream<res_T> &res) {
    static_assert(data_T::size == res_T::size, "nnet::concatenate (stream, outer axis): equal pack sizes");
    for (unsigned t = 0; t < N; t++) {
        #pragma HLS PIPELINE
        data_T a = data.read();
        res_T out;
        for (unsigned j = 0; j < res_T::size; j++) {
            #pragma HLS UNROLL
            out[j] = a[j];
        }
        res.write(out);
    }
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void concatenate1d(hls::stream<input1_T> &data1, hls::stream<input2_T> &data2, hls::stream<res_T> &res) {
    concatenate_packs<input1_T, input2_T, res_T, 1>(data1, data2, res);
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void concatenate2d_0(hls::stream<input1_T> &data1, hls::stream<input2_T> &data2, hls::stream<res_T> &res) {
    concatenate_pass<input1_T, res_T, CONFIG_T::n_elem1_0>(data1, res);
    concatenate_pass<input2_T, res_T, CONFIG_T::n_elem2_0>(data2, res);
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void concatenate2d_1(hls::stream<input1_T> &data1, hls::stream<input2_T> &data2, hls::stream<res_T> &res) {
    concatenate_packs<input1_T, input2_T, res_T, CONFIG_T::n_elem1_0>(data1, data2, res);
}

// The axis picks the implementation at compile time (the other one would not compile: its pack sizes differ).
template <int AXIS> struct concat2d_select {
    template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
    static void run(hls::stream<input1_T> &data1, hls::stream<input2_T> &data2, hls::stream<res_T> &res) {
        concatenate2d_0<input1_T, input2_T, res_T, CONFIG_T>(data1, data2, res);
    }
};
template <> struct concat2d_select<1> {
    template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
    static void run(hls::stream<input1_T> &data1, hls::stream<input2_T> &data2, hls::stream<res_T> &res) {
        concatenate2d_1<input1_T, input2_T, res_T, CONFIG_T>(data1, data2, res);
    }
};

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void concatenate2d(hls::stream<input1_T> &data1, hls::stream<input2_T> &data2, hls::stream<res_T> &res) {
    concat2d_select<(CONFIG_T::axis == 2 || CONFIG_T::axis == -1) ? 1 : 0>::template run<input1_T, input2_T, res_T,
                                                                                         CONFIG_T>(data1, data2, res);
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void concatenate3d_0(hls::stream<input1_T> &data1, hls::stream<input2_T> &data2, hls::stream<res_T> &res) {
    concatenate_pass<input1_T, res_T, CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1>(data1, res);
    concatenate_pass<input2_T, res_T, CONFIG_T::n_elem2_0 * CONFIG_T::n_elem2_1>(data2, res);
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void concatenate3d_1(hls::stream<input1_T> &data1, hls::stream<input2_T> &data2, hls::stream<res_T> &res) {
    for (unsigned i = 0; i < CONFIG_T::n_elem1_0; i++) {
        concatenate_pass<input1_T, res_T, CONFIG_T::n_elem1_1>(data1, res);
        concatenate_pass<input2_T, res_T, CONFIG_T::n_elem2_1>(data2, res);
    }
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void concatenate3d_2(hls::stream<input1_T> &data1, hls::stream<input2_T> &data2, hls::stream<res_T> &res) {
    concatenate_packs<input1_T, input2_T, res_T, CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1>(data1, data2, res);
}

template <int AXIS> struct concat3d_select {
    template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
    static void run(hls::stream<input1_T> &data1, hls::stream<input2_T> &data2, hls::stream<res_T> &res) {
        concatenate3d_0<input1_T, input2_T, res_T, CONFIG_T>(data1, data2, res);
    }
};
template <> struct concat3d_select<1> {
    template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
    static void run(hls::stream<input1_T> &data1, hls::stream<input2_T> &data2, hls::stream<res_T> &res) {
        concatenate3d_1<input1_T, input2_T, res_T, CONFIG_T>(data1, data2, res);
    }
};
template <> struct concat3d_select<2> {
    template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
    static void run(hls::stream<input1_T> &data1, hls::stream<input2_T> &data2, hls::stream<res_T> &res) {
        concatenate3d_2<input1_T, input2_T, res_T, CONFIG_T>(data1, data2, res);
    }
};

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void concatenate3d(hls::stream<input1_T> &data1, hls::stream<input2_T> &data2, hls::stream<res_T> &res) {
    concat3d_select<(CONFIG_T::axis == 3 || CONFIG_T::axis == -1)   ? 2
                    : (CONFIG_T::axis == 2 || CONFIG_T::axis == -2) ? 1
                                                                    : 0>::template run<input1_T, input2_T, res_T,
                                                                                       CONFIG_T>(data1, data2, res);
}

} // namespace nnet

#endif
