package org.hls4ml.converters.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hls4ml.api.ModelException;
import org.hls4ml.converters.ConvertedLayer;
import org.hls4ml.converters.NDArray;

/**
 * What a {@link KerasLayerHandler} sees of one Keras layer while the model is converted: its name, config, input
 * tensors and shapes, its weight arrays, and the methods that add hls4ml layers to the result.
 *
 * <p>Shapes never include the batch dimension; an unknown dimension ({@code None} in Keras) is {@code null}.
 */
public final class KerasLayerContext {

    private final KerasReader.Conversion conversion;
    private final String name;
    private final String kerasClass;
    private final JsonNode config;
    private final List<String> inputs;
    private final List<List<Integer>> inputShapes;
    private boolean emitted;
    private final Map<String, QKerasQuantizer.Bits> weightQuantizers = new LinkedHashMap<>();
    private final Map<String, Object> extraAttributes = new LinkedHashMap<>();

    KerasLayerContext(KerasReader.Conversion conversion, String name, String kerasClass, JsonNode config,
                      List<String> inputs, List<List<Integer>> inputShapes) {
        this.conversion = conversion;
        this.name = name;
        this.kerasClass = kerasClass;
        this.config = config;
        this.inputs = List.copyOf(inputs);
        this.inputShapes = inputShapes;
    }

    // ---------------------------------------------------------------- what the layer is

    public String name() {
        return name;
    }

    public String kerasClass() {
        return kerasClass;
    }

    /** The layer's Keras {@code config} object (never null; an empty object when the file has none). */
    public JsonNode config() {
        return config;
    }

    /** The names of the tensors the layer reads (after earlier activation splits and removed no-op layers). */
    public List<String> inputs() {
        return inputs;
    }

    public List<List<Integer>> inputShapes() {
        return inputShapes;
    }

    /** The shape of the layer's only input; fails when the layer has not exactly one input. */
    public List<Integer> inputShape() {
        if (inputShapes.size() != 1) {
            throw error("expects exactly one input, has " + inputShapes.size());
        }
        return inputShapes.get(0);
    }

    /** The shape of the only input, failing when a dimension is unknown. */
    public List<Integer> knownInputShape() {
        List<Integer> s = inputShape();
        if (s.contains(null)) {
            throw error("needs a fully known input shape, has " + shapeString(s)
                    + " (give the model's InputLayer a fixed shape)");
        }
        return s;
    }

    /** "KERAS_3layer.json layer 'fc1_relu' (Dense)". */
    public String source() {
        return conversion.fileLabel() + " layer '" + name + "' (" + kerasClass + ")";
    }

    // ---------------------------------------------------------------- config helpers

    public int intParam(String key) {
        JsonNode n = config.get(key);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
            throw error("config '" + key + "' must be an integer, found " + n);
        }
        return n.intValue();
    }

    public boolean boolParam(String key, boolean defaultValue) {
        JsonNode n = config.get(key);
        if (n == null || n.isNull()) {
            return defaultValue;
        }
        if (!n.isBoolean()) {
            throw error("config '" + key + "' must be true or false, found " + n);
        }
        return n.booleanValue();
    }

    public double doubleParam(String key, double defaultValue) {
        JsonNode n = config.get(key);
        if (n == null || n.isNull()) {
            return defaultValue;
        }
        if (!n.isNumber()) {
            throw error("config '" + key + "' must be a number, found " + n);
        }
        return n.doubleValue();
    }

    /** An integer list parameter; a single integer counts as a list of one. Null when absent. */
    public List<Integer> intListParam(String key) {
        JsonNode n = config.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        if (n.isIntegralNumber()) {
            out.add(n.intValue());
            return out;
        }
        if (!n.isArray()) {
            throw error("config '" + key + "' must be a list of integers, found " + n);
        }
        for (JsonNode e : n) {
            if (e.isNull()) {
                out.add(null);
            } else if (e.isIntegralNumber()) {
                out.add(e.intValue());
            } else {
                throw error("config '" + key + "' must be a list of integers, found " + n);
            }
        }
        return out;
    }

    /**
     * The Keras activation function named by a config value: a plain string ("relu"), or a serialized function
     * object ({"class_name": "function", "config": "relu"} and similar). Null when absent.
     */
    public String activationParam(String key) {
        return KerasReader.activationName(config.get(key));
    }

    // ---------------------------------------------------------------- weights

    /** All arrays the weights file holds for this layer, by short name (kernel, bias, gamma, ...). */
    public Map<String, NDArray> storedArrays() {
        return conversion.weights().layerArrays(name);
    }

    /**
     * A weight array that must be present with the given shape.
     *
     * @param key      the short name, e.g. "kernel"
     * @param shape    the expected shape
     * @param expected what the layer needs, for the message when the file has no arrays at all (e.g. "kernel and bias")
     */
    public NDArray weight(String key, int[] shape, String expected) {
        Map<String, NDArray> arrays = storedArrays();
        String file = conversion.weights().file().toString();
        if (arrays.isEmpty()) {
            throw new ModelException("weights file " + file + " has no arrays for layer '" + name + "' (expected "
                    + expected + "). Use the weights file saved from the same model as "
                    + conversion.fileLabel() + ".");
        }
        NDArray a = arrays.get(key);
        if (a == null) {
            throw new ModelException("weights file " + file + " has no '" + key + "' array for layer '" + name
                    + "' (expected " + expected + ", found " + arrays.keySet() + ")");
        }
        if (!Arrays.equals(a.shape(), shape)) {
            throw new ModelException("layer '" + name + "': " + key + " in " + file + " has shape " + a.shapeString()
                    + ", expected " + Arrays.toString(shape) + " (from " + conversion.fileLabel()
                    + "); the weights file does not belong to this model");
        }
        QKerasQuantizer.Bits q = weightQuantizers.get(key);
        return q == null ? a : q.quantize(a);
    }

    /**
     * Makes {@link #weight} return array {@code key} quantized as QKeras does (QKeras stores float weights; hls4ml
     * quantizes them when converting) and records the quantizer's precision as the converter attribute
     * {@code <variable>_quantizer_precision}, which the model graph uses for that variable's type.
     */
    void quantizeWeight(String key, String variable, QKerasQuantizer.Bits quantizer) {
        weightQuantizers.put(key, quantizer);
        extraAttributes.put(variable + "_quantizer_precision", quantizer.precision().toString());
    }

    /** An attribute added to whatever the handler emits for this layer (e.g. a quantizer's precision). */
    void addAttribute(String key, Object value) {
        extraAttributes.put(key, value);
    }

    /** An optional weight array: null when absent, checked against the shape when present. */
    public NDArray optionalWeight(String key, int[] shape) {
        NDArray a = storedArrays().get(key);
        if (a == null) {
            return null;
        }
        return weight(key, shape, key);
    }

    // ---------------------------------------------------------------- results

    /**
     * Adds the layer itself (named like the Keras layer, reading {@link #inputs()}) as an hls4ml layer of the given
     * class, whose output has the given shape.
     */
    public void emit(String hlsClass, Map<String, Object> attributes, Map<String, NDArray> weights,
                     List<Integer> outputShape) {
        if (emitted) {
            throw new IllegalStateException("layer '" + name + "' emitted twice");
        }
        emitted = true;
        Map<String, Object> all = new LinkedHashMap<>(attributes);
        all.putAll(extraAttributes);
        conversion.add(new ConvertedLayer(name, hlsClass, inputs, List.of(name), all,
                weights == null ? Map.of() : weights, source()), name, outputShape);
    }

    /**
     * Adds the layer as two hls4ml layers in a chain, {@code <name>_<first>} reading {@link #inputs()} and
     * {@code <name>_<second>} reading the first (as hls4ml splits a SeparableConv); consumers of the Keras layer read
     * the second.
     */
    public void emitSplit(String first, String firstClass, Map<String, Object> firstAttributes,
                          Map<String, NDArray> firstWeights, List<Integer> firstShape, String second,
                          String secondClass, Map<String, Object> secondAttributes, Map<String, NDArray> secondWeights,
                          List<Integer> secondShape) {
        if (emitted) {
            throw new IllegalStateException("layer '" + name + "' emitted twice");
        }
        emitted = true;
        String a = name + "_" + first;
        String b = name + "_" + second;
        Map<String, Object> attrsA = new LinkedHashMap<>(firstAttributes);
        attrsA.putAll(extraAttributes);
        Map<String, Object> attrsB = new LinkedHashMap<>(secondAttributes);
        attrsB.putAll(extraAttributes);
        conversion.add(new ConvertedLayer(a, firstClass, inputs, List.of(a), attrsA, firstWeights,
                source() + " (" + first + " part)"), name, firstShape);
        conversion.add(new ConvertedLayer(b, secondClass, List.of(a), List.of(b), attrsB, secondWeights,
                source() + " (" + second + " part)"), name, secondShape);
    }

    /**
     * Splits off the layer's {@code activation} argument as hls4ml does: a non-linear activation becomes an extra layer
     * {@code <name>_<activation>} reading this layer's output; consumers of the Keras layer then read that one.
     * Call after {@link #emit}.
     */
    public void splitActivation() {
        if (!emitted) {
            throw new IllegalStateException("splitActivation before emit for layer '" + name + "'");
        }
        String act = activationParam("activation");
        if (act == null || act.equals("linear")) {
            return;
        }
        String actName = name + "_" + act;
        Map<String, Object> attrs = KerasCoreLayers.activationAttributes(this, act);
        String hlsClass = act.equals("softmax") ? "Softmax" : "Activation";
        String current = conversion.tensorOf(name);
        conversion.add(new ConvertedLayer(actName, hlsClass, List.of(current), List.of(actName), attrs, Map.of(),
                source() + " activation '" + act + "'"), name, conversion.shapeOf(current));
    }

    /** Removes the layer (an inference no-op): consumers read its input instead. */
    public void passThrough() {
        if (inputs.size() != 1) {
            throw error("expects exactly one input, has " + inputs.size());
        }
        emitted = true;
        conversion.alias(name, inputs.get(0));
    }

    /** A ModelException about this layer. */
    public ModelException error(String problem) {
        return new ModelException(source() + ": " + problem);
    }

    /** A ModelException saying a configuration of this layer is not supported. */
    public ModelException unsupported(String what) {
        return new ModelException(source() + ": " + what + " is not supported. Supported Keras classes: "
                + KerasLayerHandlers.supportedClasses());
    }

    static String shapeString(List<Integer> shape) {
        List<String> parts = new ArrayList<>();
        for (Integer d : shape) {
            parts.add(d == null ? "None" : d.toString());
        }
        return "[" + String.join(", ", parts) + "]";
    }

    static Map<String, Object> attrs(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
