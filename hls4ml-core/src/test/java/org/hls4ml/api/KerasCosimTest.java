package org.hls4ml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hls4ml.cosim.CosimOptions;
import org.hls4ml.cosim.CosimOutcome;
import org.hls4ml.testing.SharedData;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's must-show through the facade, as the goals run it: KERAS_3layer, io_stream, ap_fixed<16,6>, Latency,
 * ReuseFactor 1 on all 10,000 jets: generate, csim, then Verilator co-simulation of the generated Verilog; the RTL
 * outputs equal csim's and hls4ml's value for value, and the reports exist. (ReuseFactor 4 and Resource are covered on
 * the same 10,000 samples by RtlCosimTest.)
 */
class KerasCosimTest {

    @TempDir
    Path out;

    @Test
    void keras3layerRtlEqualsCsimAndHls4ml() throws Exception {
        Path reference = SharedData.reference("hls4ml/hls4ml_KERAS_3layer_io_stream_jet16_normal_n10000.dat");
        GenerateRequest request = GenerateRequest.builder()
                .model(SharedData.model("keras/KERAS_3layer.json"))
                .weights(SharedData.model("keras/KERAS_3layer_weights.h5"))
                .outputDirectory(out).ioType("io_stream").precision("ap_fixed<16,6>").strategy("Latency").reuseFactor(1)
                .inputData(SharedData.reference("inputs/jet16_normal_n10000.dat"))
                .outputPredictions(reference)
                .build();
        GenerateResult g = Hls4ml.generate(request, ProgressListener.NONE);
        Path prj = g.projectDir();
        assertTrue(Files.isRegularFile(prj.resolve("rtl/myproject.v")));
        Hls4ml.csim(new CsimOptions(prj, null, null, null, null, 0.0, null), ProgressListener.NONE);

        // the yosys estimate of the whole network is slow (see ResourceEstimatorTest and RtlCosimTest for yosys)
        CosimOutcome o = Hls4ml.cosim(new CosimOptions(prj, null, null, null, null, null, null, false),
                ProgressListener.NONE);
        assertTrue(o.cosim().built());
        assertEquals(10000, o.cosim().report().samples());
        assertEquals(Files.readString(reference), Files.readString(prj.resolve("tb_data/rtl_cosim_results.log")));
        assertEquals(Files.readString(prj.resolve("tb_data/csim_results.log")),
                Files.readString(prj.resolve("tb_data/rtl_cosim_results.log")));
        assertTrue(o.cosim().report().latencyCycles() > 0);
        assertTrue(o.cosim().report().intervalCycles() >= 1.0);
        assertEquals(8 - 1, o.cosim().report().fifos().size(), "one FIFO per inter-layer stream");
        assertTrue(Files.isRegularFile(prj.resolve("reports/cosim.json")));

        // nothing changed: no rebuild, no re-run
        CosimOutcome again = Hls4ml.cosim(new CosimOptions(prj, null, null, null, null, null, null, false),
                ProgressListener.NONE);
        assertFalse(again.cosim().built());
        assertFalse(again.cosim().ran());
    }

    @Test
    void ioParallelIsRefusedWithTheReason() {
        GenerateRequest request = GenerateRequest.builder()
                .model(SharedData.model("keras/KERAS_1layer.json"))
                .weights(SharedData.model("keras/KERAS_1layer_weights.h5"))
                .outputDirectory(out).ioType("io_parallel").build();
        Path prj = Hls4ml.generate(request, ProgressListener.NONE).projectDir();
        Hls4mlException e = assertThrows(Hls4mlException.class, () -> Hls4ml.cosim(
                new CosimOptions(prj, null, null, null, null, null, null, false), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("io_stream"), e.getMessage());
    }
}
