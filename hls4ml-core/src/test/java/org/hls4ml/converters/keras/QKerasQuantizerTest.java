package org.hls4ml.converters.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hls4ml.api.ModelException;
import org.hls4ml.converters.ConvertedLayer;
import org.hls4ml.converters.ConvertedModel;
import org.hls4ml.types.FixedPrecisionType;
import org.hls4ml.types.PrecisionParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QKeras quantizers: quantized_bits on weights, the hls4ml precisions, call strings, and the real QKeras models. */
class QKerasQuantizerTest {

    static QKerasQuantizer call(String text) {
        return QKerasQuantizer.parse(new TextNode(text), null, "test");
    }

    @Test
    void quantizedBitsRoundsHalfToEvenAndClips() {
        QKerasQuantizer.Bits b = new QKerasQuantizer.Bits(4, 0, false, true); // steps of 1/8 in [-1, 7/8]
        assertEquals(0.25, b.quantize(0.3));
        assertEquals(0.0, b.quantize(0.0625)); // half a step: ties to even (0), not up
        assertEquals(0.25, b.quantize(0.1875)); // 1.5 steps -> 2 steps
        assertEquals(0.875, b.quantize(5.0));
        assertEquals(-1.0, b.quantize(-5.0));
        QKerasQuantizer.Bits sym = new QKerasQuantizer.Bits(4, 0, true, true);
        assertEquals(-0.875, sym.quantize(-5.0));
        QKerasQuantizer.Bits unsigned = new QKerasQuantizer.Bits(4, 1, false, false); // steps of 1/8 in [0, 15/8]
        assertEquals(0.0, unsigned.quantize(-0.5));
        assertEquals(1.875, unsigned.quantize(3.0));
        assertEquals(PrecisionParser.parse("ap_fixed<4,1>"), b.precision());
        assertEquals(PrecisionParser.parse("ap_ufixed<4,1>"), unsigned.precision());
    }

    @Test
    void callStringsFollowTheQKerasSignatures() {
        QKerasQuantizer.Bits b = call("quantized_bits(4,0,1)").weightBits(null, "test");
        assertEquals(new QKerasQuantizer.Bits(4, 0, true, true), b);
        assertEquals(new QKerasQuantizer.Bits(8, 2, false, false),
                call("quantized_bits(8, 2, keep_negative=0)").weightBits(null, "test"));
        QKerasQuantizer.ActivationMapping relu = call("quantized_relu(3,1)").activation(null, "test");
        assertEquals("relu", relu.activation());
        assertEquals(PrecisionParser.parse("ap_ufixed<3,1,AP_RND_CONV,AP_SAT>"), relu.result());
        assertEquals(PrecisionParser.parse("ap_ufixed<2,0,AP_RND_CONV,AP_SAT>"),
                call("quantized_relu(2)").activation(null, "test").result());
        QKerasQuantizer.ActivationMapping linear = call("quantized_bits(8,3)").activation(null, "test");
        assertEquals("linear", linear.activation());
        assertEquals(PrecisionParser.parse("ap_fixed<8,4,AP_RND_CONV,AP_SAT>"), linear.result());
    }

    @Test
    void qkerasMnistCnnCarriesTheQuantizerPrecisions() {
        ConvertedModel m = KerasReaderModelsTest.pair("qkeras_mnist_cnn");
        ConvertedLayer conv = KerasReaderModelsTest.layer(m, "q_conv2d");
        assertEquals("Conv2D", conv.className());
        assertEquals("ap_fixed<6,1>", conv.attributes().get("weight_quantizer_precision"));
        assertEquals("ap_fixed<6,1>", conv.attributes().get("bias_quantizer_precision"));
        double[] w = conv.weights().get("weight").data();
        for (double v : w) {
            assertEquals(v, Math.rint(v * 32) / 32, 0.0, "a multiple of 2^-5");
            assertTrue(v >= -1 && v <= 31 / 32.0, String.valueOf(v));
        }
        ConvertedLayer act = KerasReaderModelsTest.layer(m, "q_activation");
        assertEquals("relu", act.attributes().get("activation"));
        assertEquals(new FixedPrecisionType(6, 0, false, org.hls4ml.types.RoundingMode.RND_CONV,
                        org.hls4ml.types.SaturationMode.SAT, 0).toString(),
                act.attributes().get("result_quantizer_precision"));
    }

    @Test
    void unsupportedQuantizerNamesLayerSettingAndQuantizer(@TempDir Path dir) throws Exception {
        String json = Files.readString(KerasReaderModelsTest.keras("qkeras_mnist_dense.json"));
        assertTrue(json.contains("\"quantized_po2\""));
        Path bad = Files.writeString(dir.resolve("qkeras_ulaw.json"), json.replace("\"quantized_po2\"",
                "\"quantized_ulaw\""));
        ModelException e = assertThrows(ModelException.class, () -> KerasReader.read(bad,
                KerasReaderModelsTest.keras("qkeras_mnist_dense_weights.h5")));
        String msg = e.getMessage();
        assertTrue(msg.contains("qkeras_ulaw.json") && msg.contains("'q_dense_2'")
                && msg.contains("kernel_quantizer quantized_ulaw is not supported"), msg);
        Path auto = Files.writeString(dir.resolve("qkeras_ternary_auto.json"), json.replace("\"quantized_po2\"",
                "\"ternary\"").replace("\"max_value\": 1", "\"threshold\": \"auto\""));
        ModelException t = assertThrows(ModelException.class, () -> KerasReader.read(auto,
                KerasReaderModelsTest.keras("qkeras_mnist_dense_weights.h5")));
        assertTrue(t.getMessage().contains("'q_dense_2'") && t.getMessage().contains("threshold='auto'"),
                t.getMessage());
    }

    @Test
    void binaryTernaryAndPo2WeightQuantizers() {
        QKerasQuantizer.WeightQuantizer bin = call("binary()").weightQuantizer(null, "test");
        assertEquals(1.0, bin.quantize(0.0)); // QKeras: sign(0) counts as +1
        assertEquals(1.0, bin.quantize(-0.0));
        assertEquals(-1.0, bin.quantize(-1e-9));
        assertEquals("ap_int<2>", bin.precision().toString());
        QKerasQuantizer.WeightQuantizer binDense = new QKerasQuantizer.Binary(false); // hls4ml's BinaryDense
        assertEquals(-1.0, binDense.quantize(0.0));
        assertEquals(1.0, binDense.quantize(1e-9));
        QKerasQuantizer.WeightQuantizer ter = call("ternary(threshold=0.25)").weightQuantizer(null, "test");
        assertEquals(1.0, ter.quantize(0.25)); // |x| >= t
        assertEquals(0.0, ter.quantize(0.2499));
        assertEquals(-1.0, ter.quantize(-0.25));
        assertEquals(0.0, call("ternary()").weightQuantizer(null, "test").quantize(0.3)); // default threshold 0.33
        QKerasQuantizer.WeightQuantizer terDense = new QKerasQuantizer.Ternary(0.5, false); // hls4ml's TernaryDense
        assertEquals(0.0, terDense.quantize(0.5)); // x > 0.5
        assertEquals(-1.0, terDense.quantize(-0.5)); // x <= -0.5
        // quantized_po2(4, 1): no exponent sign bit (max_value <= 1): exponents -8..0 (capped by max_value 1)
        QKerasQuantizer.WeightQuantizer po2 = call("quantized_po2(4,1)").weightQuantizer(null, "test");
        assertEquals(PrecisionParser.parse("ap_fixed<10,2>"), po2.precision());
        assertEquals(0.25, po2.quantize(0.3)); // log2 0.3 = -1.74 -> -2
        assertEquals(-0.5, po2.quantize(-0.36)); // log2 0.36 = -1.47 -> -1
        assertEquals(1.0, po2.quantize(7.0)); // clipped to max_value
        assertEquals(Math.scalb(1.0, -8), po2.quantize(1e-5)); // log2 = -16.6 -> clipped to -8
        assertEquals(Math.scalb(1.0, -8), po2.quantize(0.0)); // below epsilon: min_exp, sign +
        // quantized_po2(4) without max_value: an exponent sign bit, exponents -4..3
        QKerasQuantizer.WeightQuantizer po2n = call("quantized_po2(4)").weightQuantizer(null, "test");
        assertEquals(8.0, po2n.quantize(100.0));
        assertEquals(-0.0625, po2n.quantize(-1e-3));
        assertEquals(PrecisionParser.parse("ap_fixed<9,5>"), po2n.precision());
    }

    @Test
    void binaryTernaryAndTanhActivations() {
        QKerasQuantizer.ActivationMapping bin = call("binary()").activation(null, "test");
        assertEquals("binary_tanh", bin.activation());
        assertEquals("ap_int<2>", bin.result().toString());
        QKerasQuantizer.ActivationMapping ter = call("ternary(threshold=0.2)").activation(null, "test");
        assertEquals("ternary_tanh", ter.activation());
        assertEquals(0.2, ter.param());
        assertEquals(0.33, call("ternary_tanh").activation(null, "test").param());
        QKerasQuantizer.ActivationMapping tanh = call("quantized_tanh(4)").activation(null, "test");
        assertEquals("hard_tanh", tanh.activation());
        assertEquals(PrecisionParser.parse("ap_fixed<4,1,AP_RND_CONV,AP_SAT>"), tanh.result());
        assertEquals(PrecisionParser.parse("ap_fixed<6,1,AP_RND_CONV,AP_SAT_SYM>"),
                call("quantized_tanh(6,0,1)").activation(null, "test").result());
    }

    /** QKeras' quantized_po2(4, max_value=1) written here from its definition, in double: nearest power of two. */
    static double po2Max1(float x) {
        double a = Math.abs((double) x);
        double sign = x < 0 ? -1 : 1;
        if (a < 1e-7) {
            return sign * Math.scalb(1.0, -8);
        }
        a = Math.min(a, 1.0);
        int e = Math.getExponent(a); // 2^e <= a < 2^(e+1)
        if (a >= Math.scalb(Math.sqrt(2.0), e)) {
            e++; // nearer 2^(e+1) in the log domain
        }
        return sign * Math.scalb(1.0, Math.max(-8, Math.min(0, e)));
    }

    /** quantized_bits(bits, 0, symmetric=1): steps of 2^(1-bits), clipped symmetrically, ties to even. */
    static double symmetricBits(float x, int bits) {
        double m = Math.scalb(1.0, bits - 1);
        return Math.max(-(m - 1), Math.min(m - 1, Math.rint(x * m))) / m;
    }

    @Test
    void qkerasMnistDenseWeightsEqualAnIndependentQuantization() {
        ConvertedModel m = KerasReaderModelsTest.pair("qkeras_mnist_dense");
        ConvertedLayer d2 = KerasReaderModelsTest.layer(m, "q_dense_2");
        ConvertedLayer d3 = KerasReaderModelsTest.layer(m, "q_dense_3");
        assertEquals("ap_fixed<10,2>", d2.attributes().get("weight_quantizer_precision"));
        assertEquals("ap_fixed<2,1>", d2.attributes().get("bias_quantizer_precision"));
        assertEquals("ap_fixed<4,1>", d3.attributes().get("weight_quantizer_precision"));
        Path h5 = KerasReaderModelsTest.keras("qkeras_mnist_dense_weights.h5");
        int[] changed = new int[1];
        check(h5, "q_dense_2", "kernel", d2.weights().get("weight").data(), QKerasQuantizerTest::po2Max1, changed);
        check(h5, "q_dense_2", "bias", d2.weights().get("bias").data(), v -> symmetricBits(v, 2), changed);
        check(h5, "q_dense_3", "kernel", d3.weights().get("weight").data(), v -> symmetricBits(v, 4), changed);
        check(h5, "q_dense_3", "bias", d3.weights().get("bias").data(), v -> symmetricBits(v, 4), changed);
        assertTrue(changed[0] > 1000, "only " + changed[0] + " stored weights changed by the quantization");
        ConvertedLayer a = KerasReaderModelsTest.layer(m, "q_activation_2");
        assertEquals("relu", a.attributes().get("activation"));
        assertEquals("ap_ufixed<2,0,AP_RND_CONV,AP_SAT>", a.attributes().get("result_quantizer_precision"));
    }

    static void check(Path h5, String layer, String key, double[] converted,
                      java.util.function.Function<Float, Double> q, int[] changed) {
        float[] stored = flat(h5, layer, key);
        assertEquals(stored.length, converted.length, layer + " " + key);
        for (int i = 0; i < stored.length; i++) {
            assertEquals(q.apply(stored[i]), converted[i], 0.0, layer + " " + key + "[" + i + "] from " + stored[i]);
            changed[0] += stored[i] != converted[i] ? 1 : 0;
        }
    }

    static float[] flat(Path h5, String layer, String key) {
        try (io.jhdf.HdfFile f = new io.jhdf.HdfFile(h5)) {
            Object data = f.getDatasetByPath(layer + "/" + layer + "/" + key + ":0").getData();
            if (data instanceof float[] v) {
                return v;
            }
            float[][] rows = (float[][]) data;
            float[] v = new float[rows.length * rows[0].length];
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(rows[r], 0, v, r * rows[0].length, rows[0].length);
            }
            return v;
        }
    }
}
