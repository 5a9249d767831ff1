package org.hls4ml.model.layers;

import java.util.Arrays;
import java.util.List;
import org.hls4ml.model.AttributeSpec;
import org.hls4ml.model.Layer;
import org.hls4ml.model.TensorVariable;

/**
 * A channels-last pooling over one or two spatial axes (Pooling1D, Pooling2D from Keras' MaxPooling and AveragePooling):
 * for every output pixel and channel, the maximum ({@code pool_op} Max) or the average ({@code pool_op} Average) of the
 * input values under the window. Cells of the window in the padding are left out, as Keras does: they never win the
 * maximum and do not count in the average (hls4ml's {@code count_pad} false, Keras' and TensorFlow's definition).
 * The average is hls4ml's: the sum in {@code accum_t}, then divided by the count with ap_fixed's division (truncated
 * toward zero to accum_t's fractional bits), then cast to the result type. The count is that of the cells inside the
 * input, divided by directly rather than rescaling a full-window average by a factor in the input type, which would
 * round twice. Its geometry is a convolution's with
 * {@code pool_<axis>} for the window; the channels are {@code n_filt} (hls4ml's name), the same in and out.
 */
public abstract class Pooling extends Layer {

    /** hls4ml's pool operations (its Max and Average, lower case like every choice attribute). */
    public static final List<String> OPS = List.of("max", "average");

    protected Pooling(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    /** The spatial axes, outermost first: {@code [width]} or {@code [height, width]}. */
    public abstract List<String> axes();

    @Override
    protected final List<AttributeSpec> ownAttributes() {
        List<AttributeSpec> a = Convolution.windowAttributes(axes(), "pool_", "pool");
        a.add(AttributeSpec.required("n_filt", Integer.class, "channels"));
        a.add(AttributeSpec.choice("pool_op", "max", OPS, "max or average"));
        a.add(new AttributeSpec("padding", String.class, "valid", false, List.copyOf(Convolution.PADDINGS),
                "Keras padding the pad_* attributes come from"));
        a.add(AttributeSpec.type("accum_t", null, "precision of the sum of an average"));
        return a;
    }

    /** Window cells: the product of the pool sizes. */
    public final int poolSize() {
        int n = 1;
        for (String axis : axes()) {
            n *= getInt("pool_" + axis);
        }
        return n;
    }

    @Override
    public int[] outputShape() {
        return Convolution.shape(this, axes(), "out_", "n_filt");
    }

    @Override
    protected void initialize() {
        initVariables(this);
    }

    /** The output {@code layer<i>_out} of type {@code layer<i>_t} and the accumulator type {@code <name>_accum_t}. */
    static void initVariables(Layer l) {
        int i = l.index();
        l.set("result", new TensorVariable("layer" + i + "_out", l.outputShape(),
                l.model().resolveType(l, "result", "layer" + i + "_t", null)));
        l.set("accum_t", l.model().resolveType(l, "accum", l.name() + "_accum_t", null));
    }

    @Override
    protected void validateMore(List<String> problems) {
        super.validateMore(problems);
        checkInput(this, axes(), problems);
        Convolution.checkWindow(this, axes(), "pool_", problems);
    }

    /** Adds a problem when the input's shape is not {@code [in_<axis>..., n_filt]}. */
    static void checkInput(Layer l, List<String> axes, List<String> problems) {
        int[] in = Convolution.shape(l, axes, "in_", "n_filt");
        if (!Arrays.equals(l.input().shape(), in)) {
            problems.add("input shape " + l.input().shapeList() + " differs from " + Arrays.toString(in)
                    + " (in_..., n_filt)");
        }
    }
}
