// Container types of the hls4ml-maven-plugin layer library.
#ifndef NNET_TYPES_H_
#define NNET_TYPES_H_

#include <cstddef>

namespace nnet {

// One io_stream transaction: a packed vector of N elements.
template <typename T, unsigned N> struct array {
    typedef T value_type;
    static const unsigned size = N;

    T data[N];

    T &operator[](size_t pos) { return data[pos]; }
    const T &operator[](size_t pos) const { return data[pos]; }
};

template <typename T, unsigned N> const unsigned array<T, N>::size;

} // namespace nnet

#endif
