package org.hls4ml.testing;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Random;

/**
 * A float32 array of any shape for {@link KerasModelFiles#writeWeights}: {@code nested} is the Java array
 * ({@code float[][]...}), {@code flat} its values in C order as doubles (the float32 values exactly).
 */
public record RandomArray(Object nested, double[] flat) {

    /** Values uniform in [-scale, scale) from {@code r}. */
    public static RandomArray of(Random r, float scale, int... shape) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        double[] flat = new double[n];
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (r.nextFloat() * 2 - 1) * scale;
            flat[i] = f[i];
        }
        return new RandomArray(nest(f, 0, shape, 0), flat);
    }

    private static Object nest(float[] f, int offset, int[] shape, int dim) {
        if (dim == shape.length - 1) {
            return Arrays.copyOfRange(f, offset, offset + shape[dim]);
        }
        int stride = Arrays.stream(shape, dim + 1, shape.length).reduce(1, (a, b) -> a * b);
        Class<?> component = float.class;
        for (int d = shape.length - 1; d > dim; d--) {
            component = component.arrayType();
        }
        Object out = Array.newInstance(component, shape[dim]);
        for (int i = 0; i < shape[dim]; i++) {
            Array.set(out, i, nest(f, offset + i * stride, shape, dim + 1));
        }
        return out;
    }
}
