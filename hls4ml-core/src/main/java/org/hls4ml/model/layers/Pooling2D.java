package org.hls4ml.model.layers;

import java.util.List;

/** hls4ml's Pooling2D: a channels-last Pooling over the height and width axes. */
public final class Pooling2D extends Pooling {

    public Pooling2D(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "Pooling2D";
    }

    @Override
    public List<String> axes() {
        return List.of("height", "width");
    }
}
