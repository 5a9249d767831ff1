package org.hls4ml.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.types.FixedPrecisionType;
import org.hls4ml.types.NamedType;
import org.hls4ml.types.PrecisionType;

/**
 * A node of the {@link ModelGraph}: inputs and outputs by tensor name, and attributes. Everything else (shapes,
 * weights, tensor variables, precision types, reuse factor, strategy, generated code) is an attribute. Each layer
 * class declares its expected attributes; {@link #validate()} checks them after initialization.
 */
public abstract class Layer {

    /** Attributes every layer has. */
    private static final List<AttributeSpec> BASE = List.of(
            AttributeSpec.configurable("reuse_factor", Integer.class, 1,
                    "how many clock cycles a multiplier is reused; 1 = fully parallel"),
            AttributeSpec.configurable("trace", Boolean.class, Boolean.FALSE,
                    "write this layer's output during C simulation"),
            AttributeSpec.type("result_t", null, "precision of the layer's output (held by its output variable)"),
            AttributeSpec.variable("result", "the layer's output tensor"),
            AttributeSpec.withDefault("function_cpp", String.class, "", "generated C++ call (set by templates)"),
            AttributeSpec.withDefault("config_cpp", String.class, "", "generated C++ config struct (set by templates)"),
            AttributeSpec.withDefault("include_header", List.class, List.of(), "layer library headers it needs"));

    private final String name;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private int index;
    private ModelGraph model;

    protected Layer(String name, List<String> inputs, List<String> outputs) {
        this.name = name;
        this.inputs = new ArrayList<>(inputs);
        this.outputs = new ArrayList<>(outputs);
    }

    /** hls4ml's class name of this layer (e.g. {@code Dense}); what {@code LayerType} in the configuration matches. */
    public abstract String className();

    /** Attributes specific to this layer class. */
    protected abstract List<AttributeSpec> ownAttributes();

    /**
     * Creates the output variable and the weight variables from the attributes the converter and configuration set;
     * called once by the model graph in topological order, so the input variables exist.
     */
    protected abstract void initialize();

    /** Output shape given the input shapes (without the batch dimension). */
    public abstract int[] outputShape();

    /** Every expected attribute: the common ones, then the class's own. */
    public final List<AttributeSpec> expectedAttributes() {
        List<AttributeSpec> all = new ArrayList<>(BASE);
        all.addAll(ownAttributes());
        return Collections.unmodifiableList(all);
    }

    /** The attributes a configuration may set for this layer (hls4ml's configurable attributes). */
    public final List<AttributeSpec> configurableAttributes() {
        return expectedAttributes().stream().filter(AttributeSpec::configurable).toList();
    }

    public AttributeSpec spec(String attr) {
        for (AttributeSpec s : expectedAttributes()) {
            if (s.name().equals(attr)) {
                return s;
            }
        }
        return null;
    }

    public final String name() {
        return name;
    }

    /** Position in the model, 1 for the first input; used in C++ names (layer2_out, w2, config2). */
    public final int index() {
        return index;
    }

    final void attach(ModelGraph model, int index) {
        this.model = model;
        this.index = index;
    }

    public final ModelGraph model() {
        return model;
    }

    public final List<String> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    public final List<String> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    void replaceInput(String oldName, String newName) {
        inputs.replaceAll(s -> s.equals(oldName) ? newName : s);
    }

    /** Makes input position {@code slot} read {@code newName} (one read of a tensor the layer may read twice). */
    void replaceInput(int slot, String newName) {
        inputs.set(slot, newName);
    }

    // ---- attributes ----

    public final Map<String, Object> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public final boolean has(String attr) {
        return attributes.containsKey(attr);
    }

    public final Object get(String attr) {
        return attributes.get(attr);
    }

    public final <T> T get(String attr, Class<T> type) {
        Object v = attributes.get(attr);
        if (v == null) {
            AttributeSpec s = spec(attr);
            if (s != null && s.defaultValue() != null && type.isInstance(s.defaultValue())) {
                return type.cast(s.defaultValue());
            }
            return null;
        }
        if (!type.isInstance(v)) {
            throw new IllegalStateException("layer '" + name + "' attribute '" + attr + "' is " + v.getClass().getSimpleName()
                    + ", not " + type.getSimpleName());
        }
        return type.cast(v);
    }

    public final int getInt(String attr) {
        Integer v = get(attr, Integer.class);
        if (v == null) {
            throw new IllegalStateException("layer '" + name + "' has no attribute '" + attr + "'");
        }
        return v;
    }

    public final String getString(String attr) {
        return get(attr, String.class);
    }

    public final boolean getBool(String attr) {
        Boolean b = get(attr, Boolean.class);
        return b != null && b;
    }

    /** Sets an attribute (no validation; {@link #validate()} checks the whole layer). */
    public final void set(String attr, Object value) {
        if (value == null) {
            attributes.remove(attr);
        } else {
            attributes.put(attr, value);
        }
    }

    /**
     * Sets a configurable attribute from a configuration value, converting it to the attribute's type.
     *
     * @param origin where the value came from, for the error message (e.g. "HLSConfig.LayerName.fc1")
     */
    public final void configure(String attr, Object value, String origin) {
        AttributeSpec s = spec(attr);
        if (s == null || !s.configurable()) {
            throw new ConfigurationException(origin + ": '" + attr + "' is not a configurable attribute of layer '" + name
                    + "' (" + className() + "); configurable attributes are " + configurableNames());
        }
        Object v = s.coerce(value);
        String err = v == null ? "must be " + s.typeName() + ", got '" + value + "'" : s.check(v);
        if (err != null) {
            throw new ConfigurationException(origin + ": attribute '" + attr + "' of layer '" + name + "' " + err);
        }
        set(attr, v);
    }

    public final List<String> configurableNames() {
        return configurableAttributes().stream().map(AttributeSpec::name).toList();
    }

    /** Weight arrays of this layer, by attribute name. */
    public final Map<String, WeightVariable> weights() {
        return view(WeightVariable.class);
    }

    /** Tensor variables of this layer, by attribute name. */
    public final Map<String, TensorVariable> variables() {
        return view(TensorVariable.class);
    }

    /** Named precision types of this layer, by attribute name (e.g. {@code accum_t}). */
    public final Map<String, NamedType> types() {
        return view(NamedType.class);
    }

    private <T> Map<String, T> view(Class<T> type) {
        Map<String, T> out = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if (type.isInstance(v)) {
                out.put(k, type.cast(v));
            }
        });
        return Collections.unmodifiableMap(out);
    }

    public final NamedType type(String attr) {
        return get(attr, NamedType.class);
    }

    /** The fixed-point precision of a type attribute (integers are widened to fixed). */
    public final FixedPrecisionType fixed(String attr) {
        NamedType t = type(attr);
        if (t == null) {
            throw new IllegalStateException("layer '" + name + "' has no type '" + attr + "'");
        }
        PrecisionType p = t.precision();
        if (p instanceof FixedPrecisionType f) {
            return f;
        }
        if (p instanceof org.hls4ml.types.IntegerPrecisionType i) {
            return i.asFixed();
        }
        throw new IllegalStateException("layer '" + name + "' type '" + attr + "' is still 'auto'");
    }

    /** The output tensor of this layer. */
    public final TensorVariable output() {
        return get("result", TensorVariable.class);
    }

    /**
     * The variable of one of this layer's output tensors; layers with several outputs (Clone) override it, for the
     * others it is {@link #output()}.
     */
    public TensorVariable outputVariable(String tensor) {
        return output();
    }

    /** The tensor this layer reads at input position {@code i}. */
    public final TensorVariable input(int i) {
        return model.variable(inputs.get(i));
    }

    public final TensorVariable input() {
        return input(0);
    }

    /** The layer producing input {@code i}. */
    public final Layer inputLayer(int i) {
        return model.producer(inputs.get(i));
    }

    /** Checks every expected attribute is present with a valid value; throws one error listing all problems. */
    public final void validate() {
        List<String> problems = new ArrayList<>();
        for (AttributeSpec s : expectedAttributes()) {
            // the output precision lives on the output variable
            Object v = s.name().equals("result_t") && output() != null ? output().type() : attributes.get(s.name());
            if (v == null) {
                if (s.defaultValue() == null && s.valueType() != String.class && s.valueType() != List.class) {
                    problems.add("'" + s.name() + "' is missing (" + s.description() + ")");
                }
                continue;
            }
            String err = s.check(v);
            if (err != null) {
                problems.add("'" + s.name() + "' " + err);
            }
        }
        validateMore(problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("layer '" + name + "' (" + className() + ") is not valid: "
                    + String.join("; ", problems));
        }
    }

    /** Class-specific checks (e.g. weight shapes); add problem texts. */
    protected void validateMore(List<String> problems) {
        int rf = getInt("reuse_factor");
        if (rf < 1) {
            problems.add("'reuse_factor' must be at least 1, got " + rf);
        }
    }

    @Override
    public String toString() {
        return className() + " " + name;
    }
}
