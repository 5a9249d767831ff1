package org.hls4ml.model.layers;

import java.util.List;
import org.hls4ml.model.AttributeSpec;
import org.hls4ml.model.Layer;
import org.hls4ml.model.TensorVariable;

/** A model input ({@code Input}): its tensor has the layer's name and the type {@code input_t}. */
public final class InputLayer extends Layer {

    public InputLayer(String name, List<String> outputs) {
        super(name, List.of(), outputs);
    }

    @Override
    public String className() {
        return "Input";
    }

    @Override
    protected List<AttributeSpec> ownAttributes() {
        return List.of(AttributeSpec.required("input_shape", List.class, "shape of one sample, without the batch dimension"));
    }

    @Override
    public int[] outputShape() {
        List<?> s = get("input_shape", List.class);
        return s.stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }

    @Override
    protected void initialize() {
        int k = model().inputs().indexOf(outputs().get(0));
        String typeName = k <= 0 ? "input_t" : "input" + (k + 1) + "_t";
        set("result", new TensorVariable(name(), outputShape(), model().resolveType(this, "result", typeName, null)));
    }

    @Override
    protected void validateMore(List<String> problems) {
        super.validateMore(problems);
        for (int d : outputShape()) {
            if (d < 1) {
                problems.add("input_shape " + get("input_shape") + " has a dimension below 1 (an unknown size?); give the model a fixed input shape");
            }
        }
    }
}
