package org.hls4ml.model.layers;

import java.util.List;

/** Keras' Conv1D, channels last, along one axis: input [in_width, n_chan], output [out_width, n_filt]. */
public final class Conv1D extends Convolution {

    public Conv1D(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "Conv1D";
    }

    @Override
    public List<String> axes() {
        return List.of("width");
    }
}
