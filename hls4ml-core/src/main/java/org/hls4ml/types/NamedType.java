package org.hls4ml.types;

import java.util.Objects;

/** A precision with a C++ typedef name, e.g. {@code typedef ap_fixed<16,6> layer2_t;}. */
public record NamedType(String name, PrecisionType precision) {

    public NamedType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(precision, "precision");
    }

    /** The C++ typedef line. */
    public String typedef() {
        return "typedef " + precision.cppType() + " " + name + ";";
    }

    public NamedType withPrecision(PrecisionType p) {
        return new NamedType(name, p);
    }
}
