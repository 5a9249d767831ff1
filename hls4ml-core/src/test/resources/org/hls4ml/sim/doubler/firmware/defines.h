#ifndef DEFINES_H_
#define DEFINES_H_

// A stand-in for an hls4ml project: plain C++ types, no ap types.
#define N_INPUT 4
#define N_OUTPUT 4

typedef double input_t;
typedef double result_t;

#endif
