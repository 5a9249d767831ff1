package org.hls4ml.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.hls4ml.tools.ProgressListener;

/**
 * What {@link CSimulator#csim} compiles and runs.
 *
 * @param projectDir       the HLS project ({@code firmware/}, {@code tb_data/}, {@code <projectName>_test.cpp})
 * @param projectName      hls4ml's ProjectName, e.g. "myproject"
 * @param gxx              the C++ compiler (found with {@link org.hls4ml.tools.ToolLocator}); null: look for "g++" in
 *                         $HLS4ML_GXX, then PATH
 * @param compilerFlags    passed to every compile and to the link; default {@link #DEFAULT_FLAGS}
 * @param vendorIncludeDir a vendor's include directory with ap_int.h/ap_fixed.h/hls_stream.h used instead of the
 *                         project's {@code firmware/ap_types}; null to use the bundled ones
 * @param includeDirs      further include directories, searched after the project's
 * @param inputSize        values per line of tb_input_features.dat (the model's input size), or {@link DatFile#ANY}
 * @param outputSize       values per line of csim_results.log, or {@link DatFile#ANY}
 * @param timeout          limit for each compiler, linker and simulation process; default {@link #DEFAULT_TIMEOUT}
 * @param listener         where progress goes
 */
public record CSimRequest(Path projectDir, String projectName, Path gxx, List<String> compilerFlags,
                          Path vendorIncludeDir, List<Path> includeDirs, int inputSize, int outputSize,
                          Duration timeout, ProgressListener listener) {

    public static final List<String> DEFAULT_FLAGS = List.of("-O2", "-std=c++14", "-Wno-unknown-pragmas");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public CSimRequest {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(projectName, "projectName");
        if (projectName.isBlank() || !projectName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("project name must be a C identifier, got '" + projectName + "'");
        }
        compilerFlags = List.copyOf(compilerFlags == null ? DEFAULT_FLAGS : compilerFlags);
        includeDirs = List.copyOf(includeDirs == null ? List.of() : includeDirs);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        listener = listener == null ? ProgressListener.NONE : listener;
    }

    public static Builder builder(Path projectDir, String projectName) {
        return new Builder(projectDir, projectName);
    }

    /** Where builds and logs go: {@code <projectDir>/build/csim}. */
    public Path buildDir() {
        return projectDir.resolve("build").resolve("csim");
    }

    public static final class Builder {
        private final Path projectDir;
        private final String projectName;
        private Path gxx;
        private List<String> compilerFlags = DEFAULT_FLAGS;
        private Path vendorIncludeDir;
        private final List<Path> includeDirs = new ArrayList<>();
        private int inputSize = DatFile.ANY;
        private int outputSize = DatFile.ANY;
        private Duration timeout = DEFAULT_TIMEOUT;
        private ProgressListener listener = ProgressListener.NONE;

        private Builder(Path projectDir, String projectName) {
            this.projectDir = projectDir;
            this.projectName = projectName;
        }

        public Builder gxx(Path gxx) {
            this.gxx = gxx;
            return this;
        }

        public Builder compilerFlags(List<String> flags) {
            this.compilerFlags = List.copyOf(flags);
            return this;
        }

        public Builder vendorIncludeDir(Path dir) {
            this.vendorIncludeDir = dir;
            return this;
        }

        public Builder includeDir(Path dir) {
            this.includeDirs.add(dir);
            return this;
        }

        public Builder includeDirs(List<Path> dirs) {
            this.includeDirs.addAll(dirs);
            return this;
        }

        public Builder inputSize(int n) {
            this.inputSize = n;
            return this;
        }

        public Builder outputSize(int n) {
            this.outputSize = n;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder listener(ProgressListener listener) {
            this.listener = listener;
            return this;
        }

        public CSimRequest build() {
            return new CSimRequest(projectDir, projectName, gxx, compilerFlags, vendorIncludeDir, includeDirs,
                    inputSize, outputSize, timeout, listener);
        }
    }
}
