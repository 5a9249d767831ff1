package org.hls4ml.model.layers;

import java.util.Arrays;
import java.util.List;
import org.hls4ml.model.AttributeSpec;
import org.hls4ml.model.Layer;
import org.hls4ml.model.TensorVariable;

/**
 * hls4ml's Merge: an element-wise operation on two tensors of the same shape (Keras' Add, Subtract, Multiply, Average,
 * Maximum, Minimum), {@code op} naming it. The C++ is nnet_merge.h's: {@code res = (res_T) (a OP b)} with the exact
 * sum, difference or product of the two input types; Average is {@code (a + b) / (res_T) 2}, ap_fixed's division
 * (truncated toward zero to the sum's fractional bits); Maximum/Minimum pick one input, converted to the result type.
 */
public final class Merge extends Layer {

    /** The element-wise operations, hls4ml's op names. */
    public static final List<String> OPS = List.of("add", "subtract", "multiply", "average", "maximum", "minimum");

    public Merge(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "Merge";
    }

    @Override
    protected List<AttributeSpec> ownAttributes() {
        return List.of(new AttributeSpec("op", String.class, null, false, List.copyOf(OPS),
                "the element-wise operation: " + String.join(", ", OPS)));
    }

    public String op() {
        return getString("op");
    }

    @Override
    public int[] outputShape() {
        return input(0).shape();
    }

    @Override
    protected void initialize() {
        initOutput(this);
    }

    /** The output {@code layer<i>_out} of type {@code layer<i>_t}. */
    static void initOutput(Layer l) {
        int i = l.index();
        l.set("result", new TensorVariable("layer" + i + "_out", l.outputShape(),
                l.model().resolveType(l, "result", "layer" + i + "_t", null)));
    }

    @Override
    protected void validateMore(List<String> problems) {
        super.validateMore(problems);
        if (inputs().size() != 2) {
            problems.add("has " + inputs().size() + " inputs; a merge takes exactly two");
            return;
        }
        if (!Arrays.equals(input(0).shape(), input(1).shape())) {
            problems.add("input shapes " + input(0).shapeList() + " and " + input(1).shapeList()
                    + " differ; an element-wise merge needs equal shapes (no broadcasting)");
        }
    }
}
