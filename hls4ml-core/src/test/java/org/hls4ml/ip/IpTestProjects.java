package org.hls4ml.ip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.hls4ml.api.CsimOptions;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.cosim.CosimOptions;
import org.hls4ml.testing.SharedData;
import org.hls4ml.tools.ProgressListener;

/**
 * The projects the IP tests package, built once per test JVM under {@code target/ip-test-projects}: KERAS_3layer in
 * io_stream, generated, C-simulated and co-simulated under Verilator on the first 200 jets (so its reports exist).
 * Tests must not change them; a test that needs to, copies one.
 */
final class IpTestProjects {

    static final int SAMPLES = 200;

    private static Path keras3layer;

    private IpTestProjects() {
    }

    /** The verified KERAS_3layer project directory. */
    static synchronized Path keras3layer() {
        if (keras3layer != null) {
            return keras3layer;
        }
        try {
            Path root = Paths.get("target/ip-test-projects/keras3layer").toAbsolutePath();
            Path data = Files.createDirectories(root.resolve("data"));
            Path inputs = head(SharedData.reference("inputs/jet16_normal_n10000.dat"), data.resolve("inputs.dat"));
            Path predictions = head(SharedData.reference("hls4ml/hls4ml_KERAS_3layer_io_stream_jet16_normal_n10000.dat"),
                    data.resolve("predictions.dat"));
            GenerateRequest request = GenerateRequest.builder()
                    .model(SharedData.model("keras/KERAS_3layer.json"))
                    .weights(SharedData.model("keras/KERAS_3layer_weights.h5"))
                    .outputDirectory(root.resolve("out")).ioType("io_stream").precision("ap_fixed<16,6>")
                    .strategy("Latency").reuseFactor(1).inputData(inputs).outputPredictions(predictions)
                    .version("1.0.0").build();
            Path prj = Hls4ml.generate(request, ProgressListener.NONE).projectDir();
            Hls4ml.csim(new CsimOptions(prj, null, null, null, null, 0.0, null), ProgressListener.NONE);
            Hls4ml.cosim(new CosimOptions(prj, null, null, null, null, null, null, false), ProgressListener.NONE);
            keras3layer = prj;
            return prj;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of a project (file times kept, without the build/ scratch folder) that a test may change. */
    static Path copy(Path prj, Path to) throws IOException {
        try (var walk = Files.walk(prj)) {
            for (Path p : walk.filter(p -> !prj.relativize(p).startsWith("build")).toList()) {
                Path target = to.resolve(prj.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    private static Path head(Path from, Path to) throws IOException {
        List<String> lines = Files.readAllLines(from).subList(0, SAMPLES);
        Files.write(to, lines);
        return to;
    }
}
