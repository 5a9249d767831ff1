package org.hls4ml.model;

import org.hls4ml.converters.NDArray;
import org.hls4ml.types.NamedType;

/**
 * A constant array of a layer (weights, biases, batch-norm scale...): C++ name (e.g. {@code w2}), data and named type.
 */
public final class WeightVariable {
    private final String name;
    private NDArray data;
    private NamedType type;

    public WeightVariable(String name, NDArray data, NamedType type) {
        this.name = name;
        this.data = data;
        this.type = type;
    }

    public String name() {
        return name;
    }

    public NDArray data() {
        return data;
    }

    public void setData(NDArray data) {
        this.data = data;
    }

    public NamedType type() {
        return type;
    }

    public void setType(NamedType type) {
        this.type = type;
    }

    public int size() {
        return data.size();
    }

    @Override
    public String toString() {
        return name + data.shapeString() + ":" + (type == null ? "?" : type.name());
    }
}
