package org.hls4ml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hls4ml.sim.DatFile;
import org.hls4ml.sim.PredictionComparison;
import org.hls4ml.testing.SharedData;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The foundation's must-show: KERAS_3layer with ap_fixed<16,6>, Latency, ReuseFactor 1 on jet16_normal_n10000
 * reproduces hls4ml's own C simulation value for value, in io_parallel and io_stream; a second run regenerates and
 * recompiles nothing.
 */
class KerasToCsimBitExactTest {

    @TempDir
    Path out;

    static final List<String> LOG = new ArrayList<>();
    static final ProgressListener LISTENER = new ProgressListener() {
        @Override
        public void info(String msg) {
            LOG.add(msg);
        }

        @Override
        public void warn(String msg) {
            LOG.add("WARN " + msg);
        }
    };

    @ParameterizedTest
    @ValueSource(strings = {"io_parallel", "io_stream"})
    void keras3layerMatchesHls4mlBitForBit(String io) throws Exception {
        Path reference = SharedData.reference("hls4ml/hls4ml_KERAS_3layer_" + io + "_jet16_normal_n10000.dat");
        GenerateRequest request = GenerateRequest.builder()
                .model(SharedData.model("keras/KERAS_3layer.json"))
                .weights(SharedData.model("keras/KERAS_3layer_weights.h5"))
                .outputDirectory(out)
                .ioType(io)
                .precision("ap_fixed<16,6>")
                .strategy("Latency")
                .reuseFactor(1)
                .inputData(SharedData.reference("inputs/jet16_normal_n10000.dat"))
                .outputPredictions(reference)
                .build();
        GenerateResult g = Hls4ml.generate(request, LISTENER);
        assertFalse(g.upToDate());
        String cpp = Files.readString(g.projectDir().resolve("firmware/myproject.cpp"));
        assertEquals(io.equals("io_stream"), cpp.contains("#pragma HLS DATAFLOW"), cpp);

        CsimReport report = Hls4ml.csim(new CsimOptions(g.projectDir(), null, null, null, null, 0.0, 1.0), LISTENER);
        assertTrue(report.result().compiled());
        assertEquals(10000, report.result().samples());
        List<String[]> actual = DatFile.readRaw(report.result().resultsFile());
        List<String[]> expected = DatFile.readRaw(reference);
        assertEquals(10000, actual.size());
        assertEquals(PredictionComparison.firstDifference(actual, expected).orElse("none"), "none");
        assertTrue(report.comparison().exactMatch());
        // the file is byte-identical too: the same exact decimals in the same format
        assertEquals(Files.readString(reference), Files.readString(report.result().resultsFile()));

        // nothing changed: nothing regenerated, recompiled or re-simulated
        GenerateResult again = Hls4ml.generate(request, LISTENER);
        assertTrue(again.upToDate());
        CsimReport second = Hls4ml.csim(new CsimOptions(g.projectDir(), null, null, null, null, null, null), LISTENER);
        assertFalse(second.result().compiled());
        assertFalse(second.result().ran());
    }
}
