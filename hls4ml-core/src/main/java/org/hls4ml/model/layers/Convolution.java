package org.hls4ml.model.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hls4ml.model.AttributeSpec;
import org.hls4ml.model.Layer;
import org.hls4ml.model.WeightVariable;

/**
 * A channels-last convolution over one or two spatial axes (Conv1D, Conv2D): for every output pixel and filter,
 * {@code bias + sum over the kernel window and the input channels of x * weight}, with zeros where the window reaches
 * into the padding. Its geometry is hls4ml's attributes: {@code in_<axis>}, {@code filt_<axis>},
 * {@code stride_<axis>}, {@code out_<axis>} for each axis (height, width) and {@code pad_top}/{@code pad_bottom},
 * {@code pad_left}/{@code pad_right}; the kernel has Keras' shape {@code [filt_height, filt_width, n_chan, n_filt]}
 * (without the height for Conv1D).
 */
public abstract class Convolution extends Layer {
    // DepthwiseConvolution refines the kernel shape and the sums of products (one per channel); the geometry is shared.

    /** The paddings the converter resolves to pad_* attributes. */
    public static final List<String> PADDINGS = List.of("valid", "same");

    protected Convolution(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    /** The spatial axes, outermost first: {@code [width]} or {@code [height, width]}. */
    public abstract List<String> axes();

    /** The two pad attributes of an axis: before and after. */
    public static List<String> pads(String axis) {
        return axis.equals("height") ? List.of("pad_top", "pad_bottom") : List.of("pad_left", "pad_right");
    }

    /**
     * The geometry attributes of a window sliding over {@code axes}: {@code in_}, {@code <prefix>} (the window),
     * {@code stride_} and {@code out_} of each axis and its two pads.
     */
    static List<AttributeSpec> windowAttributes(List<String> axes, String prefix, String window) {
        List<AttributeSpec> a = new ArrayList<>();
        for (String axis : axes) {
            a.add(AttributeSpec.required("in_" + axis, Integer.class, "input " + axis));
            a.add(AttributeSpec.required(prefix + axis, Integer.class, window + " " + axis));
            a.add(AttributeSpec.required("stride_" + axis, Integer.class, "stride along the " + axis));
            a.add(AttributeSpec.required("out_" + axis, Integer.class, "output " + axis));
            for (String p : pads(axis)) {
                a.add(AttributeSpec.required(p, Integer.class, "padding along the " + axis));
            }
        }
        return a;
    }

    /** Adds a problem for each axis whose padded input, window and stride do not give its out_ size. */
    static void checkWindow(Layer l, List<String> axes, String prefix, List<String> problems) {
        for (String axis : axes) {
            int padded = l.getInt("in_" + axis) + l.getInt(pads(axis).get(0)) + l.getInt(pads(axis).get(1));
            int filt = l.getInt(prefix + axis);
            int stride = l.getInt("stride_" + axis);
            int out = l.getInt("out_" + axis);
            if (filt < 1 || stride < 1 || padded < filt || out != (padded - filt) / stride + 1) {
                problems.add(axis + ": input " + l.getInt("in_" + axis) + " padded to " + padded + ", window " + filt
                        + " and stride " + stride + " do not give out_" + axis + " = " + out);
            }
        }
    }

    /** The shape {@code [<prefix><axis>..., <channels>]}. */
    static int[] shape(Layer l, List<String> axes, String prefix, String channels) {
        int[] s = new int[axes.size() + 1];
        for (int k = 0; k < axes.size(); k++) {
            s[k] = l.getInt(prefix + axes.get(k));
        }
        s[axes.size()] = l.getInt(channels);
        return s;
    }

    @Override
    protected List<AttributeSpec> ownAttributes() {
        List<AttributeSpec> a = windowAttributes(axes(), "filt_", "kernel");
        a.add(AttributeSpec.required("n_chan", Integer.class, "input channels"));
        a.add(AttributeSpec.required("n_filt", Integer.class, "filters (output channels)"));
        a.add(new AttributeSpec("padding", String.class, "valid", false, List.copyOf(PADDINGS),
                "Keras padding the pad_* attributes come from"));
        a.add(AttributeSpec.choice("strategy", "latency", Dense.STRATEGIES,
                "latency: all multipliers in parallel; resource: reuse them"));
        a.add(AttributeSpec.weight("weight", "kernel, Keras shape [filt_..., n_chan, n_filt]"));
        a.add(AttributeSpec.weight("bias", "bias, shape [n_filt]"));
        a.add(AttributeSpec.type("weight_t", null, "precision of the weights"));
        a.add(AttributeSpec.type("bias_t", null, "precision of the biases"));
        a.add(AttributeSpec.type("accum_t", null, "precision of the accumulator"));
        return a;
    }

    /** Products summed per output value: the kernel window times the input channels. */
    public int nProducts() {
        return windowSize() * getInt("n_chan");
    }

    /** Cells of the kernel window: the product of the filt_ sizes. */
    public final int windowSize() {
        int n = 1;
        for (String axis : axes()) {
            n *= getInt("filt_" + axis);
        }
        return n;
    }

    /**
     * Outputs of one call of the Dense each output pixel is made of (hls4ml's {@code mult_config}): all n_filt filters
     * over the whole window for an ordinary convolution.
     */
    public int denseOutputs() {
        return getInt("n_filt");
    }

    /** The kernel's Keras shape: {@code [filt_..., n_chan, n_filt]}. */
    protected int[] kernelShape() {
        int[] kernel = new int[axes().size() + 2];
        for (int k = 0; k < axes().size(); k++) {
            kernel[k] = getInt("filt_" + axes().get(k));
        }
        kernel[axes().size()] = getInt("n_chan");
        kernel[axes().size() + 1] = getInt("n_filt");
        return kernel;
    }

    @Override
    public int[] outputShape() {
        return shape("out_", "n_filt");
    }

    private int[] shape(String prefix, String channels) {
        return shape(this, axes(), prefix, channels);
    }

    @Override
    protected void initialize() {
        WeightsAndBias.initialize(this);
    }

    @Override
    protected void validateMore(List<String> problems) {
        super.validateMore(problems);
        int[] in = shape("in_", "n_chan");
        if (!Arrays.equals(input().shape(), in)) {
            problems.add("input shape " + input().shapeList() + " differs from " + Arrays.toString(in)
                    + " (in_..., n_chan)");
        }
        checkWindow(this, axes(), "filt_", problems);
        int[] kernel = kernelShape();
        WeightVariable w = get("weight", WeightVariable.class);
        if (w != null && !Arrays.equals(w.data().shape(), kernel)) {
            problems.add("weight has shape " + w.data().shapeString() + ", expected " + Arrays.toString(kernel));
        }
        WeightVariable b = get("bias", WeightVariable.class);
        if (b != null && (b.data().rank() != 1 || b.data().dim(0) != getInt("n_filt"))) {
            problems.add("bias has shape " + b.data().shapeString() + ", expected [" + getInt("n_filt") + "]");
        }
    }
}
