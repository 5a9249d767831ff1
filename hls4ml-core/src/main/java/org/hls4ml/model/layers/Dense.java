package org.hls4ml.model.layers;

import java.util.List;
import org.hls4ml.model.AttributeSpec;
import org.hls4ml.model.Layer;
import org.hls4ml.model.WeightVariable;

/** A fully connected layer: {@code res = data x weight + bias}. */
public final class Dense extends Layer {

    public static final List<String> STRATEGIES = List.of("latency", "resource");

    public Dense(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "Dense";
    }

    @Override
    protected List<AttributeSpec> ownAttributes() {
        return List.of(
                AttributeSpec.required("n_in", Integer.class, "number of inputs"),
                AttributeSpec.required("n_out", Integer.class, "number of outputs"),
                AttributeSpec.choice("strategy", "latency", STRATEGIES, "latency: all multipliers in parallel; resource: reuse them"),
                AttributeSpec.weight("weight", "kernel, shape [n_in, n_out]"),
                AttributeSpec.weight("bias", "bias, shape [n_out]"),
                AttributeSpec.type("weight_t", null, "precision of the weights"),
                AttributeSpec.type("bias_t", null, "precision of the biases"),
                AttributeSpec.type("accum_t", null, "precision of the accumulator"));
    }

    @Override
    public int[] outputShape() {
        int[] s = input().shape();
        s[s.length - 1] = getInt("n_out");
        return s;
    }

    @Override
    protected void initialize() {
        WeightsAndBias.initialize(this);
    }

    @Override
    protected void validateMore(List<String> problems) {
        super.validateMore(problems);
        int nIn = getInt("n_in");
        int nOut = getInt("n_out");
        if (input().shape().length != 1) {
            problems.add("input shape " + input().shapeList() + " has more than one dimension; only 1-D Dense inputs are supported (add a Flatten)");
        } else if (input().size() != nIn) {
            problems.add("n_in is " + nIn + " but the input tensor has " + input().size() + " values");
        }
        WeightVariable w = get("weight", WeightVariable.class);
        if (w != null && (w.data().rank() != 2 || w.data().dim(0) != nIn || w.data().dim(1) != nOut)) {
            problems.add("weight has shape " + w.data().shapeString() + ", expected [" + nIn + ", " + nOut + "]");
        }
        WeightVariable b = get("bias", WeightVariable.class);
        if (b != null && (b.data().rank() != 1 || b.data().dim(0) != nOut)) {
            problems.add("bias has shape " + b.data().shapeString() + ", expected [" + nOut + "]");
        }
    }
}
