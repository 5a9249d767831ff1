#ifndef S1_H_
#define S1_H_
static const double s1 = 2.0;
#endif
