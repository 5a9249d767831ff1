#ifndef NNET_SCALE_H_
#define NNET_SCALE_H_
namespace nnet {
template <class T, class R, int N> void scale(const T in[N], R out[N], double factor) {
    #pragma HLS PIPELINE
    for (int i = 0; i < N; i++) {
        out[i] = in[i] * factor;
    }
}
} // namespace nnet
#endif
