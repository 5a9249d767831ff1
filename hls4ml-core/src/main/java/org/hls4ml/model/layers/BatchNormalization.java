package org.hls4ml.model.layers;

import java.util.List;
import org.hls4ml.converters.NDArray;
import org.hls4ml.model.AttributeSpec;
import org.hls4ml.model.Layer;
import org.hls4ml.model.TensorVariable;
import org.hls4ml.model.WeightVariable;

/**
 * Batch normalization at inference: {@code res = data * scale + bias} with {@code scale = gamma / sqrt(var + eps)}
 * and {@code bias = beta - mean * scale}, computed in float32 as hls4ml does.
 */
public final class BatchNormalization extends Layer {

    public BatchNormalization(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "BatchNormalization";
    }

    @Override
    protected List<AttributeSpec> ownAttributes() {
        return List.of(
                AttributeSpec.required("n_filt", Integer.class, "size of the normalized (last) axis"),
                AttributeSpec.withDefault("epsilon", Double.class, 1e-3, "variance epsilon"),
                AttributeSpec.weight("scale", "gamma / sqrt(moving_variance + epsilon)"),
                AttributeSpec.weight("bias", "beta - moving_mean * scale"),
                AttributeSpec.type("scale_t", null, "precision of the scale"),
                AttributeSpec.type("bias_t", null, "precision of the bias"));
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
                model().resolveType(this, "result", "layer" + i + "_t", null)));
        set("scale_t", model().resolveType(this, "scale", "scale" + i + "_t", null));
        set("bias_t", model().resolveType(this, "bias", "bias" + i + "_t", null));
        NDArray gamma = get("gamma_data", NDArray.class);
        NDArray beta = get("beta_data", NDArray.class);
        NDArray mean = get("moving_mean_data", NDArray.class);
        NDArray var = get("moving_variance_data", NDArray.class);
        if (gamma != null && beta != null && mean != null && var != null) {
            int n = gamma.size();
            float eps = (float) get("epsilon", Double.class).doubleValue();
            double[] scale = new double[n];
            double[] bias = new double[n];
            for (int k = 0; k < n; k++) {
                float s = (float) gamma.data()[k] / (float) Math.sqrt((float) var.data()[k] + eps);
                scale[k] = s;
                bias[k] = (float) beta.data()[k] - (float) mean.data()[k] * s;
            }
            set("scale", new WeightVariable("s" + i, new NDArray(new int[] {n}, scale), type("scale_t")));
            set("bias", new WeightVariable("b" + i, new NDArray(new int[] {n}, bias), type("bias_t")));
        }
        for (String k : List.of("gamma_data", "beta_data", "moving_mean_data", "moving_variance_data")) {
            set(k, null);
        }
    }

    @Override
    protected void validateMore(List<String> problems) {
        super.validateMore(problems);
        int nFilt = getInt("n_filt");
        int[] s = input().shape();
        if (s[s.length - 1] != nFilt) {
            problems.add("n_filt is " + nFilt + " but the input's last axis has " + s[s.length - 1]);
        }
        for (String w : List.of("scale", "bias")) {
            WeightVariable v = get(w, WeightVariable.class);
            if (v != null && v.size() != nFilt) {
                problems.add(w + " has " + v.size() + " values, expected " + nFilt);
            }
        }
    }
}
