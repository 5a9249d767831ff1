package org.hls4ml.model.layers;

import org.hls4ml.converters.NDArray;
import org.hls4ml.model.Layer;
import org.hls4ml.model.TensorVariable;
import org.hls4ml.model.WeightVariable;

/**
 * The variables of a layer computing {@code bias + sum(x * weight)} (Dense, Conv1D, Conv2D): its output
 * {@code layer<i>_out} of type {@code layer<i>_t}, named types {@code weight<i>_t}, {@code bias<i>_t}, {@code <name>_accum_t} and the arrays {@code w<i>}, {@code b<i>} made from the
 * converter's {@code weight_data} / {@code bias_data} (a missing bias is zeros over the kernel's last axis).
 */
final class WeightsAndBias {

    private WeightsAndBias() {
    }

    static void initialize(Layer l) {
        int i = l.index();
        l.set("result", new TensorVariable("layer" + i + "_out", l.outputShape(),
                l.model().resolveType(l, "result", "layer" + i + "_t", null)));
        NDArray w = l.get("weight_data", NDArray.class);
        NDArray b = l.get("bias_data", NDArray.class);
        l.set("weight_t", l.model().resolveType(l, "weight", "weight" + i + "_t", null));
        l.set("bias_t", l.model().resolveType(l, "bias", "bias" + i + "_t", null));
        l.set("accum_t", l.model().resolveType(l, "accum", l.name() + "_accum_t", null));
        if (w != null) {
            l.set("weight", new WeightVariable("w" + i, w, l.type("weight_t")));
        }
        if (b == null && w != null) {
            b = new NDArray(new int[] {w.dim(-1)}, new double[w.dim(-1)]);
        }
        if (b != null) {
            l.set("bias", new WeightVariable("b" + i, b, l.type("bias_t")));
        }
        l.set("weight_data", null);
        l.set("bias_data", null);
    }
}
