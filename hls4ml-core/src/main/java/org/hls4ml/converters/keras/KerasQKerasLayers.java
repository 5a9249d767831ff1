package org.hls4ml.converters.keras;

import static org.hls4ml.converters.keras.KerasLayerContext.attrs;

import java.util.List;
import java.util.Map;

/**
 * Handlers for QKeras layers read from a model JSON: QDense, QConv1D and QConv2D convert like their Keras
 * counterparts with quantized weights and the quantizers' precisions; QActivation becomes an hls4ml activation whose
 * result type is the quantizer's (see {@link QKerasQuantizer}).
 */
final class KerasQKerasLayers {

    private KerasQKerasLayers() {
    }

    static void register(Map<String, KerasLayerHandler> handlers) {
        handlers.put("QDense", l -> quantized(l, KerasCoreLayers::dense));
        handlers.put("QConv1D", l -> quantized(l, c -> KerasConvolutionLayers.convolution(c, "Conv1D",
                KerasConvolutionLayers.WIDTH)));
        handlers.put("QConv2D", l -> quantized(l, c -> KerasConvolutionLayers.convolution(c, "Conv2D",
                KerasConvolutionLayers.HEIGHT_WIDTH)));
        handlers.put("QActivation", KerasQKerasLayers::qActivation);
        handlers.put("BinaryDense", l -> binaryOrTernaryDense(l, new QKerasQuantizer.Binary(false)));
        handlers.put("TernaryDense", l -> binaryOrTernaryDense(l, new QKerasQuantizer.Ternary(0.5, false)));
    }

    /**
     * BinaryDense / TernaryDense (the BinaryNet-style Keras layers): as hls4ml, a Dense whose kernel and bias are
     * quantized with hls4ml's BinaryQuantizer (x &gt; 0 ? 1 : -1) or TernaryQuantizer (x &gt; 0.5 ? 1 : x &lt;= -0.5 ? -1
     * : 0), of type {@code ap_int<2>}. The layers' scale H must be 1 (the quantized values are then exactly these).
     */
    private static void binaryOrTernaryDense(KerasLayerContext layer, QKerasQuantizer.WeightQuantizer q) {
        double h = layer.doubleParam("H", 1.0);
        if (h != 1.0) {
            throw layer.unsupported(layer.kerasClass() + " with H=" + h + " (only H=1)");
        }
        layer.quantizeWeight("kernel", "weight", q);
        if (layer.boolParam("use_bias", true)) {
            layer.quantizeWeight("bias", "bias", q);
        }
        KerasCoreLayers.dense(layer);
    }

    /**
     * A layer with kernel_quantizer / bias_quantizer: the arrays are quantized with the QKeras quantizer before
     * conversion and the weight_t / bias_t precisions are the quantizers' (a missing quantizer leaves the float array
     * and the configured precision, as in hls4ml).
     */
    private static void quantized(KerasLayerContext layer, KerasLayerHandler plain) {
        for (String[] kv : List.of(new String[] {"kernel", "weight"}, new String[] {"bias", "bias"})) {
            String setting = kv[0] + "_quantizer";
            QKerasQuantizer q = QKerasQuantizer.parse(layer.config().get(setting), layer, setting);
            if (q != null) {
                layer.quantizeWeight(kv[0], kv[1], q.weightQuantizer(layer, setting));
            }
        }
        plain.convert(layer);
    }

    /** QActivation: the activation and result precision of {@link QKerasQuantizer#activation}. */
    private static void qActivation(KerasLayerContext layer) {
        QKerasQuantizer q = QKerasQuantizer.parse(layer.config().get("activation"), layer, "activation");
        if (q == null) {
            throw layer.error("has no 'activation' in its config");
        }
        QKerasQuantizer.ActivationMapping m = q.activation(layer, "activation");
        layer.addAttribute("result_quantizer_precision", m.result().toString());
        Map<String, Object> a = attrs("activation", m.activation());
        if (m.param() != null) {
            a.put("activ_param", m.param());
        }
        layer.emit("Activation", a, Map.of(), layer.inputShape());
    }
}
