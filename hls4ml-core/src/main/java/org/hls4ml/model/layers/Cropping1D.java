package org.hls4ml.model.layers;

import java.util.List;

/** hls4ml's Cropping1D (pixels removed from both ends of the width axis). */
public final class Cropping1D extends Margins.Border {

    public Cropping1D(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "Cropping1D";
    }

    @Override
    public List<String> axes() {
        return List.of("width");
    }

    @Override
    protected String prefix() {
        return "crop_";
    }
}
