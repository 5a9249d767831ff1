package org.hls4ml.model.layers;

import java.util.List;
import org.hls4ml.model.AttributeSpec;
import org.hls4ml.model.Layer;
import org.hls4ml.model.TensorVariable;

/**
 * hls4ml's Clone (io_stream only, inserted by the {@code clone_output} pass): copies a stream read by several layers
 * into one stream per read ({@code nnet::clone_stream}), since a stream can be read once. Output k is
 * {@code layer<i>_cpy<k+1>}, with the input's shape and named type; output variables after the first are the
 * attributes {@code result_cpy<k+1>}.
 */
public final class Clone extends Layer {

    public Clone(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "Clone";
    }

    @Override
    protected List<AttributeSpec> ownAttributes() {
        return List.of();
    }

    @Override
    public int[] outputShape() {
        return input().shape();
    }

    @Override
    protected void initialize() {
        TensorVariable in = input();
        for (int k = 0; k < outputs().size(); k++) {
            TensorVariable v = new TensorVariable("layer" + index() + "_cpy" + (k + 1), in.shape(), in.type());
            v.setStreamDepth(in.streamDepth());
            set(k == 0 ? "result" : "result_cpy" + (k + 1), v);
        }
    }

    /** Every copy, in output order. */
    public List<TensorVariable> copies() {
        return outputs().stream().map(this::outputVariable).toList();
    }

    @Override
    public TensorVariable outputVariable(String tensor) {
        int k = outputs().indexOf(tensor);
        if (k < 0) {
            throw new IllegalStateException(this + " does not produce tensor '" + tensor + "'");
        }
        return get(k == 0 ? "result" : "result_cpy" + (k + 1), TensorVariable.class);
    }

    @Override
    protected void validateMore(List<String> problems) {
        super.validateMore(problems);
        if (outputs().size() < 2 || outputs().size() > 4) {
            problems.add("has " + outputs().size() + " outputs; nnet::clone_stream makes 2 to 4 copies");
        }
    }
}
