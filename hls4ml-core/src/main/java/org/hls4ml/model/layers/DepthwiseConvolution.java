package org.hls4ml.model.layers;

import java.util.List;
import org.hls4ml.model.AttributeSpec;

/**
 * Keras' DepthwiseConv1D/2D, channels last: every input channel is convolved on its own with {@code depth_multiplier}
 * kernels, so output channel {@code c * depth_multiplier + m} is {@code bias + sum over the window of x[c] *
 * kernel[..., c, m]}; {@code n_filt = n_chan * depth_multiplier}. The kernel has Keras' shape
 * {@code [filt_..., n_chan, depth_multiplier]}. Each output pixel is one Dense of {@code window} inputs and
 * {@code depth_multiplier} outputs per channel (hls4ml's {@code mult_config}). The geometry is Convolution's.
 */
public abstract class DepthwiseConvolution extends Convolution {

    protected DepthwiseConvolution(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    protected List<AttributeSpec> ownAttributes() {
        List<AttributeSpec> a = super.ownAttributes();
        a.add(AttributeSpec.required("depth_multiplier", Integer.class, "kernels per input channel"));
        return a;
    }

    /** Products summed per output value: the window of one channel. */
    @Override
    public int nProducts() {
        return windowSize();
    }

    @Override
    public int denseOutputs() {
        return getInt("depth_multiplier");
    }

    @Override
    protected int[] kernelShape() {
        int[] kernel = super.kernelShape();
        kernel[kernel.length - 1] = getInt("depth_multiplier");
        return kernel;
    }

    @Override
    protected void validateMore(List<String> problems) {
        super.validateMore(problems);
        if (getInt("depth_multiplier") < 1 || getInt("n_filt") != getInt("n_chan") * getInt("depth_multiplier")) {
            problems.add("n_filt " + getInt("n_filt") + " must be n_chan " + getInt("n_chan") + " x depth_multiplier "
                    + getInt("depth_multiplier"));
        }
    }
}
