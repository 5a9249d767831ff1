// ap_int.h - bundled arbitrary-precision integer types (ap_int<W>, ap_uint<W>) of hls4ml-maven-plugin.
#ifndef HLS4ML_AP_INT_H
#define HLS4ML_AP_INT_H
#include "ap_common.h"
#endif
