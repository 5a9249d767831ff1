package org.hls4ml.converters.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import org.hls4ml.api.ModelException;
import org.hls4ml.converters.ConvertedLayer;
import org.hls4ml.converters.ConvertedModel;
import org.hls4ml.types.FixedPrecisionType;
import org.hls4ml.types.PrecisionParser;
import org.junit.jupiter.api.Test;

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
    void unsupportedQuantizerNamesLayerSettingAndQuantizer() {
        ModelException e = assertThrows(ModelException.class, () -> KerasReaderModelsTest.pair("qkeras_mnist_dense"));
        String msg = e.getMessage();
        assertTrue(msg.contains("qkeras_mnist_dense.json") && msg.contains("'q_dense_2'")
                && msg.contains("kernel_quantizer quantized_po2 is not supported"), msg);
    }
}
