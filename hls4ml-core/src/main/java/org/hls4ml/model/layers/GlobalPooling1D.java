package org.hls4ml.model.layers;

import java.util.List;

/** hls4ml's GlobalPooling1D: a channels-last GlobalPooling over the width axes. */
public final class GlobalPooling1D extends GlobalPooling {

    public GlobalPooling1D(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "GlobalPooling1D";
    }

    @Override
    public List<String> axes() {
        return List.of("width");
    }
}
