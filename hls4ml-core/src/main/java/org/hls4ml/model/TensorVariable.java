package org.hls4ml.model;

import java.util.Arrays;
import java.util.List;
import org.hls4ml.types.NamedType;

/**
 * A tensor passed between layers: the C++ array (io_parallel) or stream (io_stream) variable, its shape (without the
 * batch dimension) and its named type. For io_stream, {@code pragma} holds the stream depth.
 */
public final class TensorVariable {
    private final String name;
    private final int[] shape;
    private NamedType type;
    private int streamDepth;

    public TensorVariable(String name, int[] shape, NamedType type) {
        this.name = name;
        this.shape = shape.clone();
        this.type = type;
        this.streamDepth = 1;
    }

    /** The C++ variable name, e.g. {@code layer2_out}. */
    public String name() {
        return name;
    }

    public int[] shape() {
        return shape.clone();
    }

    public List<Integer> shapeList() {
        return Arrays.stream(shape).boxed().toList();
    }

    /** Number of elements. */
    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    public NamedType type() {
        return type;
    }

    public void setType(NamedType type) {
        this.type = type;
    }

    /** Depth of the FIFO implementing this tensor in io_stream designs. */
    public int streamDepth() {
        return streamDepth;
    }

    public void setStreamDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("stream depth of " + name + " must be at least 1, got " + depth);
        }
        this.streamDepth = depth;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + ":" + (type == null ? "?" : type.name());
    }
}
