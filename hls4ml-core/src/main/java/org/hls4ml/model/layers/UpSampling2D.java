package org.hls4ml.model.layers;

import java.util.List;

/** hls4ml's UpSampling2D (nearest, along the height and width axes). */
public final class UpSampling2D extends UpSampling {

    public UpSampling2D(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "UpSampling2D";
    }

    @Override
    public List<String> axes() {
        return List.of("height", "width");
    }
}
