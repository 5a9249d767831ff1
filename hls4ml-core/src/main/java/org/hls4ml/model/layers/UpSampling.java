package org.hls4ml.model.layers;

import java.util.ArrayList;
import java.util.List;
import org.hls4ml.model.AttributeSpec;

/**
 * Keras' UpSampling1D/2D with nearest interpolation: output pixel (r, c) is input pixel
 * (r / height_factor, c / width_factor).
 */
public abstract class UpSampling extends Margins {

    protected UpSampling(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    protected String prefix() {
        return "";
    }

    @Override
    protected List<AttributeSpec> moreAttributes() {
        List<AttributeSpec> a = new ArrayList<>();
        for (String axis : axes()) {
            a.add(AttributeSpec.required(axis + "_factor", Integer.class, "repetitions along the " + axis));
        }
        a.add(new AttributeSpec("algorithm", String.class, "nearest", false, List.of("nearest"),
                "interpolation (only nearest)"));
        return a;
    }

    @Override
    protected int expectedOut(String axis) {
        return getInt("in_" + axis) * getInt(axis + "_factor");
    }
}
