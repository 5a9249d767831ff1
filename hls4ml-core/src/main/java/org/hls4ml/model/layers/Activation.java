package org.hls4ml.model.layers;

import java.util.List;
import org.hls4ml.model.AttributeSpec;
import org.hls4ml.model.Layer;
import org.hls4ml.model.TensorVariable;
import org.hls4ml.types.FixedPrecisionType;

/** An element-wise activation: linear, relu, sigmoid, tanh (the last two by lookup table). */
public class Activation extends Layer {

    public static final List<String> FUNCTIONS = List.of("linear", "relu", "sigmoid", "tanh");

    public Activation(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "Activation";
    }

    @Override
    protected List<AttributeSpec> ownAttributes() {
        return List.of(
                new AttributeSpec("activation", String.class, null, false, List.copyOf(FUNCTIONS), "the function"),
                AttributeSpec.configurable("table_size", Integer.class, 1024, "entries of the lookup table (sigmoid, tanh)"),
                AttributeSpec.type("table_t", FixedPrecisionType.of(18, 8), "precision of the lookup table"));
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
        initTypes();
    }

    protected void initTypes() {
        set("table_t", model().resolveType(this, "table", name() + "_table_t", FixedPrecisionType.of(18, 8)));
    }

    @Override
    protected void validateMore(List<String> problems) {
        super.validateMore(problems);
        int t = getInt("table_size");
        if (t < 2 || Integer.bitCount(t) != 1) {
            problems.add("'table_size' must be a power of two of at least 2, got " + t);
        }
    }
}
