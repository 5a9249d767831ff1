package org.hls4ml.backends.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.model.Layer;
import org.hls4ml.model.ModelGraph;
import org.hls4ml.model.TensorVariable;
import org.hls4ml.testing.KerasModelFiles;
import org.hls4ml.testing.SharedData;
import org.hls4ml.types.FixedPrecisionType;
import org.hls4ml.types.IntegerPrecisionType;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RTL writer's contract without running any tool: files, FIFOs, modules, and the unsupported cases. */
class RtlWriterTest {

    @TempDir
    Path tmp;

    private ModelGraph model(String io, String softmax) {
        GenerateRequest.Builder b = GenerateRequest.builder()
                .model(SharedData.model("keras/KERAS_3layer.json"))
                .weights(SharedData.model("keras/KERAS_3layer_weights.h5"))
                .outputDirectory(tmp)
                .ioType(io)
                .precision("ap_fixed<16,6>");
        ModelGraph m = Hls4ml.convert(b.build(), ProgressListener.NONE).model();
        if (softmax != null) {
            m.layers().stream().filter(l -> l instanceof org.hls4ml.model.layers.Softmax)
                    .forEach(l -> l.set("implementation", softmax));
        }
        return m;
    }

    @Test
    void ioStreamDesignHasTheContractFiles() {
        RtlDesign d = RtlWriter.write(model("io_stream", null));
        assertEquals(List.of(), d.unsupported());
        assertEquals("myproject", d.topModule());
        assertTrue(d.files().containsKey("rtl/myproject.v"));
        assertTrue(d.files().containsKey("rtl/hls4ml_fifo.v"));
        assertTrue(d.files().containsKey("rtl/tb_main.cpp"));
        assertTrue(d.files().keySet().stream().allMatch(p -> p.startsWith("rtl/")));
        String filesF = d.files().get("rtl/files.f");
        for (String m : d.layerModules()) {
            assertTrue(filesF.contains("rtl/" + m + ".v"), m);
        }
        assertEquals(7, d.fifos().size());
        RtlFifo f = d.fifos().get(0);
        assertEquals("layer2_out", f.name());
        assertEquals("fifo_layer2_out", f.instancePath());
        assertEquals(1, f.depth());
        assertEquals(64 * 16, f.width());
        String top = d.files().get("rtl/myproject.v");
        assertTrue(top.contains("input_1_TDATA") && top.contains("layer9_out_TREADY") && top.contains("ap_rst_n"), top);
    }

    @Test
    void ioParallelIsRefused() {
        RtlDesign d = RtlWriter.write(model("io_parallel", null));
        assertEquals(List.of("IOType io_parallel: the RTL backend needs io_stream"), d.unsupported());
    }

    @Test
    void everySoftmaxImplementationIsSupported() {
        for (String impl : org.hls4ml.model.layers.Softmax.IMPLEMENTATIONS) {
            RtlDesign d = RtlWriter.write(model("io_stream", impl));
            assertEquals(List.of(), d.unsupported(), impl);
        }
    }

    @Test
    void unsupportedLayerIsNamed() {
        // an integer table type: the C++ fills it from doubles with AP_TRN while it is a cast target with AP_TRN_ZERO
        ModelGraph m = model("io_stream", null);
        Layer sm = m.layers().stream().filter(l -> l instanceof org.hls4ml.model.layers.Softmax).findFirst()
                .orElseThrow();
        sm.set("exp_table_t", sm.type("exp_table_t").withPrecision(new IntegerPrecisionType(16, true)));
        RtlDesign d = RtlWriter.write(m);
        assertEquals(List.of("layer '" + sm.name() + "' (Softmax): type exp_table_t is ap_int<16>; the RTL backend"
                + " handles ap_fixed / ap_ufixed table and parameter types only"), d.unsupported());
        assertEquals(Map.of(), d.files());
    }

    @Test
    void integerAccumulatorIsSupported() {
        // an ap_int accumulator: the products are converted into it by truncation toward zero, as in C++
        ModelGraph m = model("io_stream", null);
        Layer fc2 = m.layer("fc2_relu");
        fc2.set("accum_t", fc2.type("accum_t").withPrecision(new IntegerPrecisionType(32, true)));
        RtlDesign d = RtlWriter.write(m);
        assertEquals(List.of(), d.unsupported());
        assertTrue(d.files().values().stream().anyMatch(f -> f.contains("accum_t ap_fixed<32,32,AP_TRN_ZERO>")),
                "the Dense's description names its accumulator as the RTL reads it");
    }

    /**
     * The fused thresholding layer after a Conv1D (6 transactions of 4 channels): with n_filt 4 every lane compares
     * with constants; with n_filt forced to 3 (element e uses threshold e % 3, which changes between transactions) a
     * lane reads a ROM of its thresholds at the transaction counter.
     */
    @Test
    void thresholdsByTransactionAreRoms() throws Exception {
        float[][][] kernel = new float[3][2][4];
        kernel[0][0] = new float[] {0.5f, -0.25f, 0.125f, 1f};
        KerasModelFiles.Model km = KerasModelFiles.sequential(tmp, "cbn", new int[] {8, 2}, List.of(
                "{\"class_name\": \"Conv1D\", \"config\": {\"name\": \"c\", \"filters\": 4, \"kernel_size\": [3],"
                        + " \"strides\": [1], \"padding\": \"valid\", \"activation\": \"linear\", \"use_bias\": true}}",
                "{\"class_name\": \"BatchNormalization\", \"config\": {\"name\": \"bn\", \"epsilon\": 0.001}}",
                "{\"class_name\": \"Activation\", \"config\": {\"name\": \"q\", \"activation\": \"binary_tanh\"}}"),
                Map.of("c", Map.of("kernel", kernel, "bias", new float[4]),
                        "bn", Map.of("gamma", new float[] {1f, 2f, 0.5f, 1f}, "beta", new float[] {0.1f, 0.2f, -0.3f, 0f},
                                "moving_mean", new float[] {0f, 0.5f, -0.5f, 1f},
                                "moving_variance", new float[] {1f, 1f, 1f, 1f})));
        ModelGraph m = Hls4ml.convert(GenerateRequest.builder().model(km.json()).weights(km.weights())
                .outputDirectory(tmp).ioType("io_stream").precision("ap_fixed<16,6>").build(), ProgressListener.NONE)
                .model();
        Layer q = m.layers().stream().filter(l -> l instanceof org.hls4ml.model.layers.BatchNormalizationQuantizedTanh)
                .findFirst().orElseThrow();
        RtlDesign d = RtlWriter.write(m);
        assertEquals(List.of(), d.unsupported());
        assertTrue(d.files().keySet().stream().noneMatch(f -> f.contains("threshold")), d.files().keySet().toString());
        q.set("n_filt", 3);
        RtlDesign d3 = RtlWriter.write(m);
        assertEquals(List.of(), d3.unsupported());
        String layer = d3.files().entrySet().stream().filter(e -> e.getKey().endsWith(RtlWriter.sanitize(q.name()) + ".v"))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError(d3.files().keySet()));
        assertTrue(layer.contains("tcount"), layer);
        org.hls4ml.model.WeightVariable thr = q.weights().get("threshold");
        FixedPrecisionType tt = LayerRtl.fixed(thr.type().precision(), "thresholds");
        for (int lane = 0; lane < 4; lane++) {
            String suffix = "threshold_l" + lane + ".v";
            String rom = d3.files().entrySet().stream().filter(e -> e.getKey().endsWith(suffix))
                    .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError(d3.files().keySet()));
            for (int t = 0; t < 6; t++) { // transaction t, lane k: element 4t + k, threshold (4t + k) % 3
                String word = "mem[" + t + "] = " + Verilog.rawLiteral(Verilog.weightRaw(thr, (4 * t + lane) % 3), tt)
                        + ";";
                assertTrue(rom.contains(word), word + " in\n" + rom);
            }
        }
    }

    @Test
    void modelOutputWiderThanTheTestBenchIsUnsupported() {
        ModelGraph m = model("io_stream", null);
        TensorVariable out = m.outputVariables().get(0);
        out.setType(out.type().withPrecision(FixedPrecisionType.of(72, 10)));
        RtlDesign d = RtlWriter.write(m);
        assertEquals(List.of("tensor '" + out.name() + "': elements of 72 bits; the test bench handles model inputs and"
                + " outputs of up to 64 bits"), d.unsupported());
    }

    /** A Conv1D [6, 3] -> [6, 4] then Reshape to [4, 6]: the convolution is expressed, the repack of 4 into 6 is not. */
    @Test
    void repackBetweenPackSizesThatDoNotDivideIsUnsupported() throws Exception {
        Map<String, Object> w = Map.of("kernel", new float[3][3][4], "bias", new float[4]);
        KerasModelFiles.Model k = KerasModelFiles.sequential(tmp, "rp", new int[] {6, 3}, List.of(
                "{\"class_name\": \"Conv1D\", \"config\": {\"name\": \"conv\", \"filters\": 4, \"kernel_size\": [3],"
                        + " \"strides\": [1], \"padding\": \"same\", \"activation\": \"linear\", \"use_bias\": true}}",
                "{\"class_name\": \"Reshape\", \"config\": {\"name\": \"reshape\", \"target_shape\": [4, 6]}}"),
                Map.of("conv", w));
        ModelGraph m = Hls4ml.convert(GenerateRequest.builder().model(k.json()).weights(k.weights())
                .outputDirectory(tmp).ioType("io_stream").precision("ap_fixed<16,6>").build(),
                ProgressListener.NONE).model();
        RtlDesign d = RtlWriter.write(m);
        assertEquals(List.of("layer 'reshape' (Reshape): repack from packs of 4 into packs of 6 (neither divides the"
                + " other)"), d.unsupported());
    }
}
