package org.hls4ml.model.layers;

import java.util.List;
import org.hls4ml.model.AttributeSpec;
import org.hls4ml.types.FixedPrecisionType;
import org.hls4ml.types.RoundingMode;
import org.hls4ml.types.SaturationMode;

/** Softmax over the last axis, with hls4ml's implementations {@code stable}, {@code latency}, {@code legacy}, {@code argmax}. */
public final class Softmax extends Activation {

    public static final List<String> IMPLEMENTATIONS = List.of("stable", "latency", "legacy", "argmax");

    /** Default precision of the tables and of the inverse-table input: {@code ap_fixed<18,8,AP_RND,AP_SAT>}. */
    public static final FixedPrecisionType TABLE_DEFAULT =
            new FixedPrecisionType(18, 8, true, RoundingMode.RND, SaturationMode.SAT, 0);

    public Softmax(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "Softmax";
    }

    @Override
    protected List<AttributeSpec> ownAttributes() {
        return List.of(
                new AttributeSpec("activation", String.class, "softmax", false, List.of("softmax"), "the function"),
                AttributeSpec.choice("implementation", "stable", IMPLEMENTATIONS, "softmax implementation"),
                AttributeSpec.withDefault("axis", Integer.class, -1, "axis (only the last axis is supported)"),
                AttributeSpec.configurable("table_size", Integer.class, 1024, "entries of the exp and inverse tables"),
                AttributeSpec.type("exp_table_t", TABLE_DEFAULT, "precision of the exp table"),
                AttributeSpec.type("table_t", FixedPrecisionType.of(18, 8), "precision of both tables of the legacy implementation"),
                AttributeSpec.type("inv_table_t", TABLE_DEFAULT, "precision of the inverse table"),
                AttributeSpec.type("inv_inp_t", TABLE_DEFAULT, "precision of the sum that indexes the inverse table (stable)"),
                AttributeSpec.type("inp_norm_t", null, "precision of x_max - x_i (stable); default: the input type, unsigned, one bit less"),
                AttributeSpec.type("accum_t", null, "precision of the exp values and their sum"));
    }

    @Override
    protected void initTypes() {
        set("activation", "softmax");
        String n = name();
        set("exp_table_t", model().resolveType(this, "exp_table", n + "_exp_table_t", TABLE_DEFAULT));
        set("table_t", model().resolveType(this, "table", n + "_table_t", FixedPrecisionType.of(18, 8)));
        set("inv_table_t", model().resolveType(this, "inv_table", n + "_inv_table_t", TABLE_DEFAULT));
        set("inv_inp_t", model().resolveType(this, "inv_inp", n + "_inv_inp_t", TABLE_DEFAULT));
        FixedPrecisionType in = input().type().precision() instanceof FixedPrecisionType f ? f : FixedPrecisionType.of(16, 6);
        FixedPrecisionType norm = in.signed()
                ? FixedPrecisionType.unsigned(Math.max(1, in.width() - 1), in.integer() - 1)
                : FixedPrecisionType.unsigned(in.width(), in.integer());
        set("inp_norm_t", model().resolveType(this, "inp_norm", n + "_inp_norm_t", norm));
        set("accum_t", model().resolveType(this, "accum", n + "_accum_t", null));
    }

    @Override
    protected void validateMore(List<String> problems) {
        super.validateMore(problems);
        int axis = getInt("axis");
        if (axis != -1 && axis != input().shape().length - 1) {
            problems.add("softmax over axis " + axis + " is not supported; only the last axis");
        }
    }
}
