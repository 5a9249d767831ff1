// Merge layers (Keras' Add, Subtract, Multiply, Average, Maximum, Minimum) and Concatenate, io_parallel:
// two arrays in, one array out. Element-wise results are computed at the full precision of the two
// input types and converted once to res_T (its rounding and overflow modes):
//   add      res = a + b            subtract res = a - b            multiply res = a * b
//   average  res = (a + b) / (res_T) 2: ap_fixed's division, the quotient truncated toward zero at
//            the sum's fractional bits (so it is exact or half an LSB off, toward zero); note that
//            (res_T) 2 wraps when res_T cannot hold 2, as in hls4ml
//   maximum  res = a > b ? a : b    minimum  res = a < b ? a : b  (compared exactly, then converted)
// Concatenation copies the values: along the axis, every block of input 1 is followed by the block of
// input 2 (row-major, channels last).
#ifndef NNET_MERGE_H_
#define NNET_MERGE_H_

#include "nnet_common.h"

namespace nnet {

struct merge_config {
    static const unsigned n_elem = 10;
    static const unsigned reuse_factor = 1;
};

// Shapes of the two inputs (unused dimensions 0) and Keras' axis, counting the batch dimension
// (concatenate2d: 2 or -1 is the last axis, anything else the first; concatenate3d: 3 or -1 the
// last, 2 or -2 the middle, anything else the first).
struct concat_config {
    static const unsigned n_elem1_0 = 10;
    static const unsigned n_elem1_1 = 10;
    static const unsigned n_elem1_2 = 10;
    static const unsigned n_elem2_0 = 10;
    static const unsigned n_elem2_1 = 10;
    static const unsigned n_elem2_2 = 10;
    static const int axis = -1;
};

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void add(input1_T data1[CONFIG_T::n_elem], input2_T data2[CONFIG_T::n_elem], res_T res[CONFIG_T::n_elem]) {
    #pragma HLS PIPELINE
    for (unsigned i = 0; i < CONFIG_T::n_elem; i++) {
        res[i] = data1[i] + data2[i];
    }
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void subtract(input1_T data1[CONFIG_T::n_elem], input2_T data2[CONFIG_T::n_elem], res_T res[CONFIG_T::n_elem]) {
    #pragma HLS PIPELINE
    for (unsigned i = 0; i < CONFIG_T::n_elem; i++) {
        res[i] = data1[i] - data2[i];
    }
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void multiply(input1_T data1[CONFIG_T::n_elem], input2_T data2[CONFIG_T::n_elem], res_T res[CONFIG_T::n_elem]) {
    #pragma HLS PIPELINE
    for (unsigned i = 0; i < CONFIG_T::n_elem; i++) {
        res[i] = data1[i] * data2[i];
    }
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void average(input1_T data1[CONFIG_T::n_elem], input2_T data2[CONFIG_T::n_elem], res_T res[CONFIG_T::n_elem]) {
    #pragma HLS PIPELINE
    for (unsigned i = 0; i < CONFIG_T::n_elem; i++) {
        res[i] = (data1[i] + data2[i]) / (res_T)2;
    }
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void maximum(input1_T data1[CONFIG_T::n_elem], input2_T data2[CONFIG_T::n_elem], res_T res[CONFIG_T::n_elem]) {
    #pragma HLS PIPELINE
    for (unsigned i = 0; i < CONFIG_T::n_elem; i++) {
        if (data1[i] > data2[i]) {
            res[i] = data1[i];
        } else {
            res[i] = data2[i];
        }
    }
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void minimum(input1_T data1[CONFIG_T::n_elem], input2_T data2[CONFIG_T::n_elem], res_T res[CONFIG_T::n_elem]) {
    #pragma HLS PIPELINE
    for (unsigned i = 0; i < CONFIG_T::n_elem; i++) {
        if (data1[i] < data2[i]) {
            res[i] = data1[i];
        } else {
            res[i] = data2[i];
        }
    }
}

// The concatenation of two row-major tensors along one axis: OUTER blocks (the product of the
// dimensions before the axis), each block of input 1 (BLOCK1 values) followed by that of input 2.
template <class input1_T, class input2_T, class res_T, unsigned OUTER, unsigned BLOCK1, unsigned BLOCK2>
void concatenate_blocks(input1_T data1[OUTER * BLOCK1], input2_T data2[OUTER * BLOCK2],
                        res_T res[OUTER * (BLOCK1 + BLOCK2)]) {
    #pragma HLS INLINE
    for (unsigned o = 0; o < OUTER; o++) {
        for (unsigned i = 0; i < BLOCK1; i++) {
            res[o * (BLOCK1 + BLOCK2) + i] = data1[o * BLOCK1 + i];
        }
        for (unsigned i = 0; i < BLOCK2; i++) {
            res[o * (BLOCK1 + BLOCK2) + BLOCK1 + i] = data2[o * BLOCK2 + i];
        }
    }
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void concatenate1d(input1_T data1[CONFIG_T::n_elem1_0], input2_T data2[CONFIG_T::n_elem2_0],
                   res_T res[CONFIG_T::n_elem1_0 + CONFIG_T::n_elem2_0]) {
    #pragma HLS PIPELINE
    concatenate_blocks<input1_T, input2_T, res_T, 1, CONFIG_T::n_elem1_0, CONFIG_T::n_elem2_0>(data1, data2, res);
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void concatenate2d_0(input1_T data1[CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1],
                     input2_T data2[CONFIG_T::n_elem2_0 * CONFIG_T::n_elem2_1],
                     res_T res[CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1 + CONFIG_T::n_elem2_0 * CONFIG_T::n_elem2_1]) {
    #pragma HLS PIPELINE
    concatenate_blocks<input1_T, input2_T, res_T, 1, CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1,
                       CONFIG_T::n_elem2_0 * CONFIG_T::n_elem2_1>(data1, data2, res);
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void concatenate2d_1(input1_T data1[CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1],
                     input2_T data2[CONFIG_T::n_elem2_0 * CONFIG_T::n_elem2_1],
                     res_T res[CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1 + CONFIG_T::n_elem2_0 * CONFIG_T::n_elem2_1]) {
    #pragma HLS PIPELINE
    concatenate_blocks<input1_T, input2_T, res_T, CONFIG_T::n_elem1_0, CONFIG_T::n_elem1_1, CONFIG_T::n_elem2_1>(
        data1, data2, res);
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void concatenate2d(input1_T data1[CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1],
                   input2_T data2[CONFIG_T::n_elem2_0 * CONFIG_T::n_elem2_1],
                   res_T res[CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1 + CONFIG_T::n_elem2_0 * CONFIG_T::n_elem2_1]) {
    #pragma HLS INLINE
    if (CONFIG_T::axis == 2 || CONFIG_T::axis == -1) {
        concatenate2d_1<input1_T, input2_T, res_T, CONFIG_T>(data1, data2, res);
    } else {
        concatenate2d_0<input1_T, input2_T, res_T, CONFIG_T>(data1, data2, res);
    }
}

#define NNET_CONCAT3D_ARGS                                                                                   \
    input1_T data1[CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1 * CONFIG_T::n_elem1_2],                         \
        input2_T data2[CONFIG_T::n_elem2_0 * CONFIG_T::n_elem2_1 * CONFIG_T::n_elem2_2],                     \
        res_T res[CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1 * CONFIG_T::n_elem1_2 +                          \
                  CONFIG_T::n_elem2_0 * CONFIG_T::n_elem2_1 * CONFIG_T::n_elem2_2]

template <class input1_T, class input2_T, class res_T, typename CONFIG_T> void concatenate3d_0(NNET_CONCAT3D_ARGS) {
    #pragma HLS PIPELINE
    concatenate_blocks<input1_T, input2_T, res_T, 1, CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1 * CONFIG_T::n_elem1_2,
                       CONFIG_T::n_elem2_0 * CONFIG_T::n_elem2_1 * CONFIG_T::n_elem2_2>(data1, data2, res);
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T> void concatenate3d_1(NNET_CONCAT3D_ARGS) {
    #pragma HLS PIPELINE
    concatenate_blocks<input1_T, input2_T, res_T, CONFIG_T::n_elem1_0, CONFIG_T::n_elem1_1 * CONFIG_T::n_elem1_2,
                       CONFIG_T::n_elem2_1 * CONFIG_T::n_elem2_2>(data1, data2, res);
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T> void concatenate3d_2(NNET_CONCAT3D_ARGS) {
    #pragma HLS PIPELINE
    concatenate_blocks<input1_T, input2_T, res_T, CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1, CONFIG_T::n_elem1_2,
                       CONFIG_T::n_elem2_2>(data1, data2, res);
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T> void concatenate3d(NNET_CONCAT3D_ARGS) {
    #pragma HLS INLINE
    if (CONFIG_T::axis == 3 || CONFIG_T::axis == -1) {
        concatenate3d_2<input1_T, input2_T, res_T, CONFIG_T>(data1, data2, res);
    } else if (CONFIG_T::axis == 2 || CONFIG_T::axis == -2) {
        concatenate3d_1<input1_T, input2_T, res_T, CONFIG_T>(data1, data2, res);
    } else {
        concatenate3d_0<input1_T, input2_T, res_T, CONFIG_T>(data1, data2, res);
    }
}

#undef NNET_CONCAT3D_ARGS

} // namespace nnet

#endif
