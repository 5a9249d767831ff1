package org.hls4ml.model.layers;

import java.util.List;

/** hls4ml's UpSampling1D (nearest, along the width axis). */
public final class UpSampling1D extends UpSampling {

    public UpSampling1D(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "UpSampling1D";
    }

    @Override
    public List<String> axes() {
        return List.of("width");
    }
}
