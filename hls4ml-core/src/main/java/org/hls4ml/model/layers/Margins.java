package org.hls4ml.model.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hls4ml.model.AttributeSpec;
import org.hls4ml.model.Layer;
import org.hls4ml.model.TensorVariable;

/**
 * A channels-last layer that adds zeros around the input (ZeroPadding1D/2D, attributes {@code pad_top},
 * {@code pad_bottom}, {@code pad_left}, {@code pad_right}) or removes its border (Cropping1D/2D, {@code crop_...}):
 * output pixel (r, c) is input pixel (r - pad_top, c - pad_left), resp. (r + crop_top, c + crop_left), or zero outside
 * the input. Also the base of the other pixel-moving layers ({@link UpSampling}): {@code in_<axis>},
 * {@code out_<axis>}, {@code n_chan} and an output {@code layer<i>_out} of type {@code layer<i>_t}.
 */
public abstract class Margins extends Layer {

    protected Margins(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    /** The spatial axes, outermost first: {@code [width]} or {@code [height, width]}. */
    public abstract List<String> axes();

    /** {@code pad_} (zero padding) or {@code crop_} (cropping); none for layers that are not margins. */
    protected abstract String prefix();

    /** The attributes of the amounts before and after an axis, e.g. {@code pad_top}, {@code pad_bottom}. */
    public final List<String> amounts(String axis) {
        return Convolution.pads(axis).stream().map(p -> prefix() + p.substring("pad_".length())).toList();
    }

    /** Attributes of the subclass beyond the sizes and channels. */
    protected abstract List<AttributeSpec> moreAttributes();

    @Override
    protected final List<AttributeSpec> ownAttributes() {
        List<AttributeSpec> a = new ArrayList<>();
        for (String axis : axes()) {
            a.add(AttributeSpec.required("in_" + axis, Integer.class, "input " + axis));
            a.add(AttributeSpec.required("out_" + axis, Integer.class, "output " + axis));
        }
        a.add(AttributeSpec.required("n_chan", Integer.class, "channels"));
        a.addAll(moreAttributes());
        return a;
    }

    @Override
    public int[] outputShape() {
        return Convolution.shape(this, axes(), "out_", "n_chan");
    }

    @Override
    protected void initialize() {
        int i = index();
        set("result", new TensorVariable("layer" + i + "_out", outputShape(),
                model().resolveType(this, "result", "layer" + i + "_t", null)));
    }

    /** The output size of an axis the attributes imply. */
    protected abstract int expectedOut(String axis);

    @Override
    protected void validateMore(List<String> problems) {
        super.validateMore(problems);
        int[] in = Convolution.shape(this, axes(), "in_", "n_chan");
        if (!Arrays.equals(input().shape(), in)) {
            problems.add("input shape " + input().shapeList() + " differs from " + Arrays.toString(in)
                    + " (in_..., n_chan)");
        }
        for (String axis : axes()) {
            if (getInt("out_" + axis) != expectedOut(axis) || getInt("out_" + axis) < 1) {
                problems.add("out_" + axis + " is " + getInt("out_" + axis) + ", expected " + expectedOut(axis));
            }
        }
    }

    /** ZeroPadding1D/2D and Cropping1D/2D: the amounts before and after each axis. */
    public abstract static class Border extends Margins {
        Border(String name, List<String> inputs, List<String> outputs) {
            super(name, inputs, outputs);
        }

        @Override
        protected List<AttributeSpec> moreAttributes() {
            List<AttributeSpec> a = new ArrayList<>();
            for (String axis : axes()) {
                for (String p : amounts(axis)) {
                    a.add(AttributeSpec.required(p, Integer.class, (prefix().equals("pad_") ? "zeros added" : "pixels removed")
                            + " along the " + axis));
                }
            }
            return a;
        }

        @Override
        protected int expectedOut(String axis) {
            int sign = prefix().equals("pad_") ? 1 : -1; // zeros added or pixels removed
            List<String> p = amounts(axis);
            int before = getInt(p.get(0));
            int after = getInt(p.get(1));
            if (before < 0 || after < 0) {
                return -1;
            }
            return getInt("in_" + axis) + sign * (before + after);
        }
    }
}
