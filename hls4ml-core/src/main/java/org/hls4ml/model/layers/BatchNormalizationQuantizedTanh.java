package org.hls4ml.model.layers;

import java.util.List;
import org.hls4ml.converters.NDArray;
import org.hls4ml.model.AttributeSpec;
import org.hls4ml.model.Layer;
import org.hls4ml.model.TensorVariable;
import org.hls4ml.model.WeightVariable;
import org.hls4ml.types.FixedPrecisionType;
import org.hls4ml.types.IntegerPrecisionType;
import org.hls4ml.types.NamedType;
import org.hls4ml.types.PrecisionType;

/**
 * hls4ml's BatchNormalizationQuantizedTanh: a BatchNormalization followed by binary_tanh or ternary_tanh, folded into
 * per-channel thresholds on the batch normalization's input (made by the Vivado pass
 * {@code merge_batch_norm_quantized_tanh}). With the normalization's float scale s and bias b and t = -b / s:
 * <ul>
 *   <li>binary ({@code quantize} 2): {@code res = x > t ? 1 : -1}, t floored to the input type's fractional bits;</li>
 *   <li>ternary ({@code quantize} 3, threshold h of ternary_tanh): {@code res = x > t + h/s ? 1 : x <= t - h/s ? -1 :
 *       0}, both thresholds floored likewise.</li>
 * </ul>
 * For an input value x on the input type's grid, x &gt; floor(t) is exactly x &gt; t, so the layer computes exactly the
 * real-valued normalization followed by the activation. The thresholds are held in the input type (integers once
 * {@code quantize_dense_output} made the input an integer). Outputs are -1, 0, +1 in {@code ap_int<2>}; hls4ml's binary
 * output is a 1-bit xnor value instead, with the same meaning.
 */
public final class BatchNormalizationQuantizedTanh extends Layer {

    public BatchNormalizationQuantizedTanh(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "BatchNormalizationQuantizedTanh";
    }

    @Override
    protected List<AttributeSpec> ownAttributes() {
        return List.of(
                AttributeSpec.required("n_filt", Integer.class, "size of the normalized (last) axis"),
                AttributeSpec.required("quantize", Integer.class, "2: binary_tanh, 3: ternary_tanh"),
                AttributeSpec.required("threshold_real", double[].class, "the real thresholds -bias/scale"),
                AttributeSpec.required("scale_real", double[].class, "the normalization's float scale"),
                AttributeSpec.withDefault("ternary_threshold", Double.class, 0.5, "ternary_tanh's threshold"));
    }

    @Override
    public int[] outputShape() {
        return input().shape();
    }

    @Override
    protected void initialize() {
        int i = index();
        set("n_in", input().size());
        set("result", new TensorVariable("layer" + i + "_out", outputShape(),
                new NamedType(model().resolveType(this, "result", "layer" + i + "_t", null).name(),
                        new IntegerPrecisionType(2, true))));
        setThresholdType(input().type().precision());
    }

    /**
     * (Re)computes the threshold arrays for inputs of precision {@code p}: floored to its fractional bits, clamped to
     * its range (a threshold beyond the range would wrap around in C++; clamped, the comparison keeps its meaning for
     * every input value but the type's minimum), typed p.
     */
    public void setThresholdType(PrecisionType p) {
        int i = index();
        FixedPrecisionType f = p instanceof FixedPrecisionType fp ? fp : ((IntegerPrecisionType) p).asFixed();
        int frac = f.fractional();
        double lo = org.hls4ml.types.FixedPoint.toDouble(org.hls4ml.types.FixedPoint.minRaw(f), f);
        double hi = org.hls4ml.types.FixedPoint.toDouble(org.hls4ml.types.FixedPoint.maxRaw(f), f);
        double[] t = get("threshold_real", double[].class);
        double[] s = get("scale_real", double[].class);
        if (getInt("quantize") == 2) {
            set("threshold", new WeightVariable("t" + i, floored(t, null, 0, frac, lo, hi),
                    new NamedType("threshold" + i + "_t", p)));
        } else {
            double h = get("ternary_threshold", Double.class);
            set("threshold_hi", new WeightVariable("th" + i, floored(t, s, h, frac, lo, hi),
                    new NamedType("threshold_hi_" + i + "_t", p)));
            set("threshold_lo", new WeightVariable("tl" + i, floored(t, s, -h, frac, lo, hi),
                    new NamedType("threshold_lo_" + i + "_t", p)));
        }
    }

    private static NDArray floored(double[] t, double[] s, double h, int frac, double lo, double hi) {
        double[] out = new double[t.length];
        for (int k = 0; k < t.length; k++) {
            double v = s == null ? t[k] : h / s[k] + t[k];
            out[k] = Math.max(lo, Math.min(hi, Math.floor(Math.scalb(v, frac)) / Math.scalb(1.0, frac)));
        }
        return new NDArray(new int[] {t.length}, out);
    }

    @Override
    protected void validateMore(List<String> problems) {
        super.validateMore(problems);
        int q = getInt("quantize");
        if (q != 2 && q != 3) {
            problems.add("quantize must be 2 (binary) or 3 (ternary), is " + q);
        }
    }
}
