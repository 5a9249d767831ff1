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
    }

    /**
     * A layer with kernel_quantizer / bias_quantizer: the arrays are quantized with QKeras' quantized_bits before
     * conversion and the weight_t / bias_t precisions are the quantizers' (a missing quantizer leaves the float array
     * and the configured precision, as in hls4ml).
     */
    private static void quantized(KerasLayerContext layer, KerasLayerHandler plain) {
        for (String[] kv : List.of(new String[] {"kernel", "weight"}, new String[] {"bias", "bias"})) {
            String setting = kv[0] + "_quantizer";
            QKerasQuantizer q = QKerasQuantizer.parse(layer.config().get(setting), layer, setting);
            if (q != null) {
                layer.quantizeWeight(kv[0], kv[1], q.weightBits(layer, setting));
            }
        }
        plain.convert(layer);
    }

    /** QActivation: quantized_relu -> relu, quantized_bits -> linear, with the quantizer's result precision. */
    private static void qActivation(KerasLayerContext layer) {
        QKerasQuantizer q = QKerasQuantizer.parse(layer.config().get("activation"), layer, "activation");
        if (q == null) {
            throw layer.error("has no 'activation' in its config");
        }
        QKerasQuantizer.ActivationMapping m = q.activation(layer, "activation");
        layer.addAttribute("result_quantizer_precision", m.result().toString());
        layer.emit("Activation", attrs("activation", m.activation()), Map.of(), layer.inputShape());
    }
}
