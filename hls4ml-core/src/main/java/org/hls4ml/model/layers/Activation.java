package org.hls4ml.model.layers;

import java.util.List;
import org.hls4ml.model.AttributeSpec;
import org.hls4ml.model.Layer;
import org.hls4ml.model.TensorVariable;
import org.hls4ml.types.FixedPrecisionType;

/**
 * An element-wise activation. Exact in fixed point: linear, relu, leaky_relu (slope {@code activ_param} below zero),
 * thresholded_relu (zero up to {@code activ_param}), relu_max (relu clipped at {@code activ_param}), hard_sigmoid,
 * hard_tanh (clip to [-1, 1]), binary_tanh (x &gt; 0 ? 1 : -1), ternary_tanh (x &gt; t ? 1 : x &lt;= -t ? -1 : 0 with
 * t = {@code activ_param}), prelu ({@link PReLU}, one alpha per element).
 * By lookup table: sigmoid, tanh, softplus, softsign, elu ({@code activ_param} = alpha), selu.
 */
public class Activation extends Layer {

    public static final List<String> FUNCTIONS = List.of("linear", "relu", "sigmoid", "tanh", "leaky_relu",
            "thresholded_relu", "relu_max", "hard_sigmoid", "elu", "selu", "softplus", "softsign", "hard_tanh",
            "binary_tanh", "ternary_tanh", "prelu");

    /** The functions that take {@code activ_param}, held in {@code param_t} (elu: alpha, held in the result type). */
    public static final List<String> PARAMETRIZED = List.of("leaky_relu", "thresholded_relu", "relu_max", "elu",
            "ternary_tanh");

    public Activation(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "Activation";
    }

    @Override
    protected List<AttributeSpec> ownAttributes() {
        return List.of(
                new AttributeSpec("activation", String.class, null, false, List.copyOf(FUNCTIONS), "the function"),
                AttributeSpec.configurable("table_size", Integer.class, 1024,
                        "entries of the lookup table (sigmoid, tanh, softplus, softsign, elu, selu)"),
                AttributeSpec.withDefault("activ_param", Double.class, 0.0,
                        "alpha of leaky_relu and elu, theta of thresholded_relu, the maximum of relu_max, the"
                                + " threshold of ternary_tanh"),
                AttributeSpec.type("param_t", FixedPrecisionType.of(16, 6), "precision of activ_param"),
                AttributeSpec.type("table_t", FixedPrecisionType.of(18, 8), "precision of the lookup table"));
    }

    @Override
    public int[] outputShape() {
        return input().shape();
    }

    @Override
    protected void initialize() {
        int i = index();
        set("n_in", input().size());
        set("result", new TensorVariable("layer" + i + "_out", outputShape(),
                model().resolveType(this, "result", "layer" + i + "_t", null)));
        initTypes();
    }

    protected void initTypes() {
        set("table_t", model().resolveType(this, "table", name() + "_table_t", FixedPrecisionType.of(18, 8)));
        if (PARAMETRIZED.contains(getString("activation")) && !getString("activation").equals("elu")) {
            set("param_t", model().resolveType(this, "param", name() + "_param_t", null));
        }
    }

    @Override
    protected void validateMore(List<String> problems) {
        super.validateMore(problems);
        int t = getInt("table_size");
        if (t < 2 || Integer.bitCount(t) != 1) {
            problems.add("'table_size' must be a power of two of at least 2, got " + t);
        }
    }
}
