package org.hls4ml.types;

/** The {@code auto} precision: a pass infers the real type from the layer's inputs and weights. */
public record AutoPrecisionType() implements PrecisionType {

    public static final AutoPrecisionType INSTANCE = new AutoPrecisionType();

    @Override
    public String cppType() {
        throw new IllegalStateException("precision 'auto' has not been inferred yet; it has no C++ type");
    }

    @Override
    public int width() {
        return 0;
    }

    @Override
    public boolean signed() {
        return true;
    }

    @Override
    public String toString() {
        return "auto";
    }
}
