package org.hls4ml.converters;

import java.util.Arrays;

/**
 * A dense row-major (C order) array of numbers as read from a model file, e.g. a Keras kernel of shape [n_in, n_out].
 * Values are kept as doubles; float32 weights convert to double exactly.
 */
public record NDArray(int[] shape, double[] data) {

    public NDArray {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
        shape = shape.clone();
    }

    public int size() {
        return data.length;
    }

    public int rank() {
        return shape.length;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }

    /** The 2-D transpose of a rank-2 array. */
    public NDArray transpose2d() {
        if (shape.length != 2) {
            throw new IllegalStateException("transpose2d needs a rank-2 array, shape is " + shapeString());
        }
        int r = shape[0];
        int c = shape[1];
        double[] out = new double[data.length];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[j * r + i] = data[i * c + j];
            }
        }
        return new NDArray(new int[] {c, r}, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NDArray a && Arrays.equals(shape, a.shape) && Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NDArray" + shapeString();
    }
}
