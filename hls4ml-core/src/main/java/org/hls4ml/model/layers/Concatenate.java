package org.hls4ml.model.layers;

import java.util.List;
import org.hls4ml.model.AttributeSpec;
import org.hls4ml.model.Layer;

/**
 * hls4ml's Concatenate: two tensors of rank 1, 2 or 3 joined along {@code axis}, Keras' axis (counting the batch
 * dimension; negative from the end), which the C++ config carries as it is. Every other dimension must agree.
 */
public final class Concatenate extends Layer {

    public Concatenate(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "Concatenate";
    }

    @Override
    protected List<AttributeSpec> ownAttributes() {
        return List.of(AttributeSpec.withDefault("axis", Integer.class, -1,
                "Keras axis (1 = the first dimension after the batch; -1 = the last)"));
    }

    /** The concatenation axis as an index into the shape without the batch dimension (0 = outermost). */
    public int axisIndex() {
        int rank = input(0).shape().length;
        int axis = getInt("axis");
        return axis < 0 ? rank + axis : axis - 1;
    }

    @Override
    public int[] outputShape() {
        int[] s = input(0).shape();
        int a = axisIndex();
        if (a >= 0 && a < s.length && input(1).shape().length == s.length) {
            s[a] += input(1).shape()[a];
        }
        return s;
    }

    @Override
    protected void initialize() {
        Merge.initOutput(this);
    }

    @Override
    protected void validateMore(List<String> problems) {
        super.validateMore(problems);
        if (inputs().size() != 2) {
            problems.add("has " + inputs().size() + " inputs; a concatenation takes exactly two");
            return;
        }
        int[] a = input(0).shape();
        int[] b = input(1).shape();
        if (a.length != b.length || a.length < 1 || a.length > 3) {
            problems.add("input shapes " + input(0).shapeList() + " and " + input(1).shapeList()
                    + ": both must have the same rank, 1 to 3");
            return;
        }
        int axis = axisIndex();
        if (axis < 0 || axis >= a.length) {
            problems.add("axis " + getInt("axis") + " is outside the inputs' " + a.length + " dimensions (1.."
                    + a.length + " or -" + a.length + "..-1)");
            return;
        }
        for (int d = 0; d < a.length; d++) {
            if (d != axis && a[d] != b[d]) {
                problems.add("input shapes " + input(0).shapeList() + " and " + input(1).shapeList()
                        + " differ outside axis " + getInt("axis"));
                return;
            }
        }
    }
}
