package org.hls4ml.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings of {@link Hls4ml#csim}.
 *
 * @param projectDir         the generated project ({@code outputDirectory/<ProjectName>})
 * @param gxx                explicit g++ (null: {@code HLS4ML_GXX}, then {@code CXX}, then PATH)
 * @param compilerFlags      null for the defaults ({@code -O2 -std=c++14 -Wno-unknown-pragmas})
 * @param vendorIncludeDir   Xilinx include directory to use instead of the bundled ap types, or null
 * @param timeout            per compile/run
 * @param maxAbsDiff         fail when max |csim - prediction| exceeds this (null: only report)
 * @param minArgmaxAgreement fail when the fraction of samples whose argmax agrees is below this (null: only report)
 */
public record CsimOptions(Path projectDir, Path gxx, List<String> compilerFlags, Path vendorIncludeDir, Duration timeout,
                          Double maxAbsDiff, Double minArgmaxAgreement) {
}
