package org.hls4ml.model.layers;

import java.util.List;

/** hls4ml's ZeroPadding2D (zeros around the height and width axes). */
public final class ZeroPadding2D extends Margins.Border {

    public ZeroPadding2D(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "ZeroPadding2D";
    }

    @Override
    public List<String> axes() {
        return List.of("height", "width");
    }

    @Override
    protected String prefix() {
        return "pad_";
    }
}
