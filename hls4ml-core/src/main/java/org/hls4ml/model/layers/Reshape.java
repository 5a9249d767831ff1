package org.hls4ml.model.layers;

import java.util.List;
import org.hls4ml.model.AttributeSpec;
import org.hls4ml.model.Layer;
import org.hls4ml.model.TensorVariable;

/** Reshape (and Flatten): the same values in a new shape. */
public final class Reshape extends Layer {

    public Reshape(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "Reshape";
    }

    @Override
    protected List<AttributeSpec> ownAttributes() {
        return List.of(AttributeSpec.required("target_shape", List.class, "the new shape, without the batch dimension"));
    }

    @Override
    public int[] outputShape() {
        List<?> s = get("target_shape", List.class);
        int[] out = s.stream().mapToInt(o -> ((Number) o).intValue()).toArray();
        int known = 1;
        int unknownAt = -1;
        for (int k = 0; k < out.length; k++) {
            if (out[k] == -1) {
                unknownAt = k;
            } else {
                known *= out[k];
            }
        }
        if (unknownAt >= 0 && known > 0) {
            out[unknownAt] = input().size() / known;
        }
        return out;
    }

    @Override
    protected void initialize() {
        int i = index();
        set("result", new TensorVariable("layer" + i + "_out", outputShape(),
                model().resolveType(this, "result", "layer" + i + "_t", null)));
    }

    @Override
    protected void validateMore(List<String> problems) {
        super.validateMore(problems);
        int n = 1;
        for (int d : outputShape()) {
            n *= d;
        }
        if (n != input().size()) {
            problems.add("target_shape " + get("target_shape") + " holds " + n + " values but the input has " + input().size());
        }
    }
}
