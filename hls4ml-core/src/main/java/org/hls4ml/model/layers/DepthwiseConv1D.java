package org.hls4ml.model.layers;

import java.util.List;

/** Keras' DepthwiseConv1D, channels last: input [in_width, n_chan], output [out_width, n_filt]. */
public final class DepthwiseConv1D extends DepthwiseConvolution {

    public DepthwiseConv1D(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "DepthwiseConv1D";
    }

    @Override
    public List<String> axes() {
        return List.of("width");
    }
}
