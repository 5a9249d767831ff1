package org.hls4ml.model.layers;

import java.util.List;

/** hls4ml's GlobalPooling2D: a channels-last GlobalPooling over the height and width axes. */
public final class GlobalPooling2D extends GlobalPooling {

    public GlobalPooling2D(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "GlobalPooling2D";
    }

    @Override
    public List<String> axes() {
        return List.of("height", "width");
    }
}
