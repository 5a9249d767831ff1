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
