package org.hls4ml.model.layers;

import java.util.ArrayList;
import java.util.List;
import org.hls4ml.model.AttributeSpec;
import org.hls4ml.model.Layer;

/**
 * Keras' GlobalMaxPooling / GlobalAveragePooling over one or two spatial axes (GlobalPooling1D, GlobalPooling2D): per
 * channel, the maximum or the average of every input pixel; output {@code [n_filt]}. Computed as a {@link Pooling}
 * whose window is the whole input.
 */
public abstract class GlobalPooling extends Layer {

    protected GlobalPooling(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    /** The spatial axes, outermost first: {@code [width]} or {@code [height, width]}. */
    public abstract List<String> axes();

    @Override
    protected final List<AttributeSpec> ownAttributes() {
        List<AttributeSpec> a = new ArrayList<>();
        for (String axis : axes()) {
            a.add(AttributeSpec.required("in_" + axis, Integer.class, "input " + axis));
        }
        a.add(AttributeSpec.required("n_filt", Integer.class, "channels"));
        a.add(AttributeSpec.choice("pool_op", "max", Pooling.OPS, "max or average"));
        a.add(AttributeSpec.type("accum_t", null, "precision of the sum of an average"));
        return a;
    }

    @Override
    public int[] outputShape() {
        return new int[] {getInt("n_filt")};
    }

    @Override
    protected void initialize() {
        Pooling.initVariables(this);
    }

    @Override
    protected void validateMore(List<String> problems) {
        super.validateMore(problems);
        Pooling.checkInput(this, axes(), problems);
    }
}
