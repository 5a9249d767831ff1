package org.hls4ml.model.layers;

import java.util.List;

/** Keras' Conv2D, channels last, over two axes: input [in_height, in_width, n_chan], output [out_height, out_width, n_filt]. */
public final class Conv2D extends Convolution {

    public Conv2D(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "Conv2D";
    }

    @Override
    public List<String> axes() {
        return List.of("height", "width");
    }
}
