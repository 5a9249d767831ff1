package org.hls4ml.model.layers;

import java.util.List;

/** hls4ml's ZeroPadding1D (zeros around the width axis). */
public final class ZeroPadding1D extends Margins.Border {

    public ZeroPadding1D(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "ZeroPadding1D";
    }

    @Override
    public List<String> axes() {
        return List.of("width");
    }

    @Override
    protected String prefix() {
        return "pad_";
    }
}
