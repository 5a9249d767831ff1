// Driver templates for ApTypesDifferentialTest: reads cases from stdin, prints results of the bundled
// ap_types through their public API only (bit access, ranges, operators, conversions, to_string).
#include "ap_fixed.h"
#include "ap_int.h"
#include <cstdio>
#include <cstring>
#include <string>

template <class T> void set_hex(T& x, const char* hex) {
    int n = (int)std::strlen(hex);
    for (int i = 0; i < T::width; ++i) {
        int pos = n - 1 - i / 4, v = 0;
        if (pos >= 0) { char c = hex[pos]; v = c <= '9' ? c - '0' : c - 'a' + 10; }
        x[i] = (v >> (i % 4)) & 1;
    }
}
template <class T> std::string hex_of(const T& x) {
    std::string s;
    for (int i = 0; i < T::width; i += 4) {
        int d = 0;
        for (int b = 3; b >= 0; --b)
            if (i + b < T::width && x[i + b]) d |= 1 << b;
        s.push_back("0123456789abcdef"[d]);
    }
    while (s.size() > 1 && s[s.size() - 1] == '0') s.erase(s.size() - 1);
    return std::string(s.rbegin(), s.rend());
}
template <class T> std::string typed_hex(const T& x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d:%d:", (int)T::width, (int)T::iwidth);
    return buf + hex_of(x);
}

template <class A, class B, class D> void run_cases(int n) {
    char ha[96], hb[96];
    unsigned long long vb;
    int hi, lo;
    long long k;
    for (int c = 0; c < n; ++c) {
        if (std::scanf("%95s %95s %llx %d %d %lld", ha, hb, &vb, &hi, &lo, &k) != 6) { std::printf("BAD INPUT\n"); return; }
        A a; B b;
        set_hex(a, ha);
        set_hex(b, hb);
        double v;
        std::memcpy(&v, &vb, 8);
        D dv = v;
        D da = a;
        auto s = a + b;
        auto m = a - b;
        auto p = a * b;
        D dp = p;
        D dm = m;
        const A& ca = a;
        ap_uint<A::width> r = ca(hi, lo);
        A a2 = a;
        a2(hi, lo) = b;
        double dd = dv.to_double();
        unsigned long long db;
        std::memcpy(&db, &dd, 8);
        std::printf("%s %s %s %s %s %s %s %d%d%d%d%d%d %d%d %s %s %s %016llx\n", hex_of(dv).c_str(), hex_of(da).c_str(),
                    typed_hex(s).c_str(), typed_hex(m).c_str(), typed_hex(p).c_str(), hex_of(dp).c_str(),
                    hex_of(dm).c_str(), a < b, a <= b, a == b, a != b, a > b, a >= b, a < k, a == k,
                    a.to_string().c_str(), hex_of(r).c_str(), hex_of(a2).c_str(), db);
    }
}
