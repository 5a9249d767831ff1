package org.hls4ml.model.layers;

import java.util.List;

/** Keras' DepthwiseConv2D, channels last: input [in_height, in_width, n_chan], output [out_height, out_width, n_filt]. */
public final class DepthwiseConv2D extends DepthwiseConvolution {

    public DepthwiseConv2D(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "DepthwiseConv2D";
    }

    @Override
    public List<String> axes() {
        return List.of("height", "width");
    }
}
