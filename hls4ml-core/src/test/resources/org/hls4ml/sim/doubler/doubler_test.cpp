// Test bench in hls4ml's shape: reads tb_data/tb_input_features.dat, writes tb_data/csim_results.log.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "firmware/doubler.h"

int main() {
    std::ifstream fin("tb_data/tb_input_features.dat");
    if (!fin.is_open()) {
        std::cerr << "cannot open tb_data/tb_input_features.dat" << std::endl;
        return 2;
    }
    std::ofstream fout("tb_data/csim_results.log");
    std::string line;
    int n = 0;
    while (std::getline(fin, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        std::istringstream in(line);
        input_t x[N_INPUT];
        result_t y[N_OUTPUT];
        for (int i = 0; i < N_INPUT; i++) in >> x[i];
        // Test hooks: 666 makes the "design" crash, 777 makes it hang, 888 makes it drop this sample.
        if (x[0] == 666) { std::cerr << "simulated crash at sample " << n << std::endl; std::abort(); }
        if (x[0] == 777) { volatile int spin = 1; while (spin) {} }
        if (x[0] == 888) { n++; continue; }
        doubler(x, y);
        for (int i = 0; i < N_OUTPUT; i++) fout << (i ? " " : "") << y[i];
        fout << "\n";
        n++;
    }
    std::cout << "INFO: processed " << n << " samples" << std::endl;
    return 0;
}
