package org.hls4ml.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hls4ml.api.CsimOptions;
import org.hls4ml.api.CsimReport;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.GenerateResult;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.sim.DatFile;
import org.hls4ml.tools.ProgressListener;

/** C simulation of one model in io_parallel and in io_stream, which must agree bit for bit. */
public final class BothIoTypes {

    /** Quick g++ flags for tests. */
    public static final List<String> FAST = List.of("-O0", "-std=c++14", "-Wno-unknown-pragmas");

    private BothIoTypes() {
    }

    /**
     * Generates the model ({@code json} + {@code weights}, ap_fixed&lt;16,6&gt;) into {@code out/<io type>}, runs csim on
     * the {@code n} samples of {@code inputs} in both IO types, checks that they agree line for line and returns the
     * outputs.
     */
    public static List<double[]> csim(Path json, Path weights, Path out, String name, Path inputs, int n) {
        List<double[]> parallel = null;
        for (String io : List.of("io_parallel", "io_stream")) {
            GenerateResult g = Hls4ml.generate(GenerateRequest.builder().model(json).weights(weights)
                    .outputDirectory(out.resolve(io)).projectName(name).ioType(io).precision("ap_fixed<16,6>")
                    .inputData(inputs).build(), ProgressListener.NONE);
            CsimReport r = Hls4ml.csim(new CsimOptions(g.projectDir(), null, FAST, null, Duration.ofMinutes(5), null,
                    null), ProgressListener.NONE);
            assertEquals(n, r.result().samples());
            List<double[]> y;
            try {
                y = DatFile.read(g.projectDir().resolve("tb_data/csim_results.log"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertEquals(n, y.size());
            if (parallel == null) {
                parallel = y;
            } else {
                for (int s = 0; s < n; s++) {
                    assertArrayEquals(parallel.get(s), y.get(s), name + ": io_stream differs, sample " + (s + 1));
                }
            }
        }
        return parallel;
    }
}
