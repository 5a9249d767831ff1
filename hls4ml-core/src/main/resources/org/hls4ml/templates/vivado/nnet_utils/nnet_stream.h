// Stream utilities, io_stream: clone_stream copies a stream read by several layers into one stream
// per reader (a stream can be read only once), pack by pack; N is the number of values per sample.
#ifndef NNET_STREAM_H_
#define NNET_STREAM_H_

#include "hls_stream.h"
#include "nnet_types.h"

namespace nnet {

template <class data_T, class res_T, int N>
void clone_stream(hls::stream<data_T> &data, hls::stream<res_T> &res1, hls::stream<res_T> &res2) {
    for (int t = 0; t < N / (int)data_T::size; t++) {
        #pragma HLS PIPELINE
        data_T in = data.read();
        res_T out1, out2;
        for (unsigned j = 0; j < data_T::size; j++) {
            #pragma HLS UNROLL
            out1[j] = in[j];
            out2[j] = in[j];
        }
        res1.write(out1);
        res2.write(out2);
    }
}

template <class data_T, class res_T, int N>
void clone_stream(hls::stream<data_T> &data, hls::stream<res_T> &res1, hls::stream<res_T> &res2,
                  hls::stream<res_T> &res3) {
    for (int t = 0; t < N / (int)data_T::size; t++) {
        #pragma HLS PIPELINE
        data_T in = data.read();
        res_T out1, out2, out3;
        for (unsigned j = 0; j < data_T::size; j++) {
            #pragma HLS UNROLL
            out1[j] = in[j];
            out2[j] = in[j];
            out3[j] = in[j];
        }
        res1.write(out1);
        res2.write(out2);
        res3.write(out3);
    }
}

template <class data_T, class res_T, int N>
void clone_stream(hls::stream<data_T> &data, hls::stream<res_T> &res1, hls::stream<res_T> &res2,
                  hls::stream<res_T> &res3, hls::stream<res_T> &res4) {
    for (int t = 0; t < N / (int)data_T::size; t++) {
        #pragma HLS PIPELINE
        data_T in = data.read();
        res_T out1, out2, out3, out4;
        for (unsigned j = 0; j < data_T::size; j++) {
            #pragma HLS UNROLL
            out1[j] = in[j];
            out2[j] = in[j];
            out3[j] = in[j];
            out4[j] = in[j];
        }
        res1.write(out1);
        res2.write(out2);
        res3.write(out3);
        res4.write(out4);
    }
}

} // namespace nnet

#endif
