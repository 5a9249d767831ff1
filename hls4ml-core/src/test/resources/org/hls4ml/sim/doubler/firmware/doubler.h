#ifndef DOUBLER_H_
#define DOUBLER_H_
#include "defines.h"
void doubler(input_t input[N_INPUT], result_t result[N_OUTPUT]);
#endif
