package org.hls4ml.model.layers;

import java.util.List;

/** hls4ml's Pooling1D: a channels-last Pooling over the width axes. */
public final class Pooling1D extends Pooling {

    public Pooling1D(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "Pooling1D";
    }

    @Override
    public List<String> axes() {
        return List.of("width");
    }
}
