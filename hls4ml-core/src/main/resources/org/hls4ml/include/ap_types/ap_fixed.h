// ap_fixed.h - bundled arbitrary-precision fixed-point types (ap_fixed, ap_ufixed) of hls4ml-maven-plugin.
#ifndef HLS4ML_AP_FIXED_H
#define HLS4ML_AP_FIXED_H
#include "ap_common.h"
#endif
