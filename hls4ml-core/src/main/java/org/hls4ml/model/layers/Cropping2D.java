package org.hls4ml.model.layers;

import java.util.List;

/** hls4ml's Cropping2D (pixels removed from the borders of the height and width axes). */
public final class Cropping2D extends Margins.Border {

    public Cropping2D(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "Cropping2D";
    }

    @Override
    public List<String> axes() {
        return List.of("height", "width");
    }

    @Override
    protected String prefix() {
        return "crop_";
    }
}
