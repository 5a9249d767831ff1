package org.hls4ml.converters.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hls4ml.api.ModelException;
import org.hls4ml.converters.ConvertedLayer;
import org.hls4ml.converters.ConvertedModel;

/**
 * Reads Keras 2 models without Python: an architecture JSON ({@code model.to_json()}) with its HDF5 weights
 * ({@code model.save_weights(...h5)}), or a full-model HDF5 file ({@code model.save(...h5)}).
 *
 * <p>The result lists hls4ml layer dicts in topological order. Layers whose Keras class has no handler fail with a
 * {@link ModelException} naming the file, the layer, its class and the supported classes.
 */
public final class KerasReader {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private static final Set<String> MODEL_CLASSES = Set.of("Sequential", "Functional", "Model");

    private KerasReader() {
    }

    /** Reads an architecture JSON with its HDF5 weights file (hls4ml's KerasJson + KerasH5). */
    public static ConvertedModel read(Path modelJson, Path weightsH5) {
        if (modelJson == null) {
            throw new ModelException("no Keras model JSON given; pass the file written by model.to_json()");
        }
        if (weightsH5 == null) {
            throw new ModelException("no weights file given for " + modelJson
                    + "; pass the HDF5 file written by model.save_weights(...)");
        }
        requireReadableFile(modelJson, "Keras model file", "pass the architecture JSON written by model.to_json()");
        String text;
        try {
            text = Files.readString(modelJson, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ModelException("Keras model file " + modelJson + " is not a text file (not valid UTF-8);"
                    + " pass the architecture JSON written by model.to_json()", e);
        } catch (IOException | RuntimeException e) {
            throw new ModelException("cannot read Keras model file " + modelJson + ": " + e.getMessage(), e);
        }
        JsonNode root = parseModelJson(text, modelJson.toString());
        try (KerasWeights weights = KerasWeights.open(weightsH5, "weights file", "")) {
            return convert(root, modelJson, weights);
        }
    }

    /** Reads a full-model HDF5 file: architecture in the root attribute {@code model_config}, weights under {@code model_weights}. */
    public static ConvertedModel readFullModel(Path modelH5) {
        if (modelH5 == null) {
            throw new ModelException("no Keras model file given; pass the .h5 file written by model.save(...)");
        }
        requireReadableFile(modelH5, "Keras model file", "pass the .h5 file written by model.save(...)");
        if (KerasWeights.looksLikeZip(modelH5)) {
            throw new ModelException("Keras model file " + modelH5 + " is a zip archive (the Keras 3 '.keras' format),"
                    + " not an HDF5 model; save the model with model.save('model.h5') under Keras 2, or export"
                    + " model.to_json() plus model.save_weights('weights.h5') and use read(json, weights)");
        }
        try (KerasWeights file = KerasWeights.open(modelH5, "Keras model file", "model_weights")) {
            String config = file.rootStringAttribute("model_config");
            if (config == null) {
                throw new ModelException("Keras model file " + modelH5 + " has no 'model_config' attribute, so it holds"
                        + " no architecture (a weights-only file from model.save_weights?); pass it together with the"
                        + " model's JSON to KerasReader.read(json, weights), or save the whole model with model.save(...)");
            }
            JsonNode root = parseModelJson(config, modelH5 + " (attribute model_config)");
            return convert(root, modelH5, file);
        }
    }

    /** The Keras class names this reader converts, sorted. */
    public static List<String> supportedClasses() {
        return KerasLayerHandlers.supportedClasses();
    }

    // ------------------------------------------------------------------------------------------ files and JSON

    static void requireReadableFile(Path file, String role, String hint) {
        if (!Files.exists(file)) {
            throw new ModelException(role + " " + file + " does not exist; " + hint);
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelException(role + " " + file + " is not a regular file; " + hint);
        }
        if (!Files.isReadable(file)) {
            throw new ModelException(role + " " + file + " is not readable (check its permissions)");
        }
    }

    private static JsonNode parseModelJson(String text, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String loc = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ModelException(where + " is not valid JSON" + loc + ": " + e.getOriginalMessage()
                    + "; expected a Keras model architecture as written by model.to_json()", e);
        }
        if (root == null || !root.isObject() || !root.hasNonNull("class_name") || !root.hasNonNull("config")) {
            throw new ModelException(where + " is not a Keras model: expected a JSON object with 'class_name' and"
                    + " 'config' as written by model.to_json()");
        }
        String cls = root.get("class_name").asText();
        if (!MODEL_CLASSES.contains(cls)) {
            throw new ModelException(where + " is not a Keras model: its class_name is '" + cls
                    + "', expected one of " + new java.util.TreeSet<>(MODEL_CLASSES)
                    + " (the JSON written by model.to_json())");
        }
        return root;
    }

    // ------------------------------------------------------------------------------------------ model structure

    /** One Keras layer of the architecture, with the names of the layers it reads. */
    record KerasLayer(String name, String kerasClass, JsonNode config, List<String> inbound) {
    }

    private record Structure(List<KerasLayer> layers, List<String> inputs, List<String> outputs) {
    }

    private static Structure structure(JsonNode root, String label) {
        String cls = root.get("class_name").asText();
        JsonNode config = root.get("config");
        return cls.equals("Sequential") ? sequential(config, label) : functional(config, label);
    }

    private static Structure sequential(JsonNode config, String label) {
        JsonNode layerList = config.isArray() ? config : config.get("layers");
        if (layerList == null || !layerList.isArray() || layerList.isEmpty()) {
            throw new ModelException(label + ": the Sequential model has no layers");
        }
        List<KerasLayer> layers = new ArrayList<>();
        String previous = null;
        for (JsonNode l : layerList) {
            String cls = textOf(l, "class_name", label);
            JsonNode cfg = configOf(l);
            String name = layerName(l, cfg, label);
            if (previous == null && !cls.equals("InputLayer")) {
                List<Integer> shape = batchShapeWithoutBatch(cfg);
                if (shape == null) {
                    throw new ModelException(label + ": the Sequential model has no InputLayer and its first layer '"
                            + name + "' has no batch_input_shape; build the model with an input shape");
                }
                ObjectNode inputCfg = JsonNodeFactory.instance.objectNode();
                inputCfg.set("batch_input_shape", batchShapeNode(cfg));
                String inputName = name + "_input";
                inputCfg.put("name", inputName);
                layers.add(new KerasLayer(inputName, "InputLayer", inputCfg, List.of()));
                previous = inputName;
            }
            layers.add(new KerasLayer(name, cls, cfg, previous == null ? List.of() : List.of(previous)));
            previous = name;
        }
        String first = layers.get(0).name();
        return new Structure(layers, List.of(first), List.of(previous));
    }

    private static Structure functional(JsonNode config, String label) {
        JsonNode layerList = config.get("layers");
        if (layerList == null || !layerList.isArray() || layerList.isEmpty()) {
            throw new ModelException(label + ": the model config has no 'layers' list");
        }
        List<KerasLayer> layers = new ArrayList<>();
        for (JsonNode l : layerList) {
            String cls = textOf(l, "class_name", label);
            JsonNode cfg = configOf(l);
            String name = layerName(l, cfg, label);
            JsonNode nodes = l.get("inbound_nodes");
            List<String> inbound = new ArrayList<>();
            if (nodes != null && nodes.isArray() && !nodes.isEmpty()) {
                if (nodes.size() > 1) {
                    throw new ModelException(label + ": layer '" + name + "' (" + cls + ") is called "
                            + nodes.size() + " times (a shared layer), which is not supported");
                }
                collectInbound(nodes.get(0), inbound);
            }
            layers.add(new KerasLayer(name, cls, cfg, inbound));
        }
        List<String> inputs = endpointNames(config.get("input_layers"));
        List<String> outputs = endpointNames(config.get("output_layers"));
        if (inputs.isEmpty()) {
            for (KerasLayer l : layers) {
                if (l.kerasClass().equals("InputLayer")) {
                    inputs.add(l.name());
                }
            }
        }
        if (outputs.isEmpty()) {
            throw new ModelException(label + ": the model config has no 'output_layers'");
        }
        return new Structure(layers, inputs, outputs);
    }

    /** Keras 2 nodes: [[name, node, tensor, kwargs], ...]; Keras 3 nodes: {"args": [... keras_history ...]}. */
    private static void collectInbound(JsonNode node, List<String> out) {
        if (node.isArray()) {
            if (node.size() >= 3 && node.get(0).isTextual() && node.get(1).isNumber()) {
                out.add(node.get(0).asText());
                return;
            }
            for (JsonNode e : node) {
                collectInbound(e, out);
            }
        } else if (node.isObject()) {
            JsonNode history = node.get("keras_history");
            if (history != null && history.isArray() && !history.isEmpty()) {
                out.add(history.get(0).asText());
                return;
            }
            for (JsonNode e : node) {
                collectInbound(e, out);
            }
        }
    }

    /** [[name, 0, 0], ...] or a single [name, 0, 0]. */
    private static List<String> endpointNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null || !n.isArray() || n.isEmpty()) {
            return out;
        }
        if (n.get(0).isTextual()) {
            out.add(n.get(0).asText());
            return out;
        }
        for (JsonNode e : n) {
            if (e.isArray() && !e.isEmpty()) {
                out.add(e.get(0).asText());
            }
        }
        return out;
    }

    private static String textOf(JsonNode l, String key, String label) {
        JsonNode n = l.get(key);
        if (n == null || !n.isTextual()) {
            throw new ModelException(label + ": a layer entry has no '" + key + "': " + abbreviate(l.toString()));
        }
        return n.asText();
    }

    private static JsonNode configOf(JsonNode l) {
        JsonNode cfg = l.get("config");
        return cfg != null && cfg.isObject() ? cfg : JsonNodeFactory.instance.objectNode();
    }

    private static String layerName(JsonNode l, JsonNode cfg, String label) {
        JsonNode n = l.get("name");
        if (n == null || !n.isTextual()) {
            n = cfg.get("name");
        }
        if (n == null || !n.isTextual() || n.asText().isEmpty()) {
            throw new ModelException(label + ": a layer entry has no name: " + abbreviate(l.toString()));
        }
        return n.asText();
    }

    private static JsonNode batchShapeNode(JsonNode cfg) {
        for (String key : List.of("batch_input_shape", "batch_shape")) {
            JsonNode n = cfg.get(key);
            if (n != null && n.isArray()) {
                return n;
            }
        }
        return null;
    }

    /** The layer's batch_input_shape (or Keras 3 batch_shape) without the batch dimension; null when absent. */
    static List<Integer> batchShapeWithoutBatch(JsonNode cfg) {
        JsonNode n = batchShapeNode(cfg);
        if (n == null || n.isEmpty()) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i < n.size(); i++) {
            JsonNode d = n.get(i);
            out.add(d == null || d.isNull() ? null : d.intValue());
        }
        return out;
    }

    /** The activation function named by a config value (string or serialized function object); null when absent. */
    static String activationName(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isObject()) {
            JsonNode cfg = n.get("config");
            if (cfg != null && cfg.isTextual()) {
                return cfg.asText();
            }
            JsonNode cls = n.get("class_name");
            if (cls != null && cls.isTextual()) {
                return cls.asText();
            }
        }
        return n.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    // ------------------------------------------------------------------------------------------ conversion

    private static ConvertedModel convert(JsonNode root, Path modelFile, KerasWeights weights) {
        String label = modelFile.getFileName().toString();
        Structure s = structure(root, label);
        List<KerasLayer> ordered = topologicalOrder(s, label);
        for (KerasLayer l : ordered) {
            if (KerasLayerHandlers.get(l.kerasClass()) == null) {
                throw new ModelException(label + ": layer '" + l.name() + "' has Keras class '" + l.kerasClass()
                        + "', which is not supported. Supported Keras classes: " + supportedClasses()
                        + ". Remove or replace the layer, or add a handler for it.");
            }
        }
        Conversion c = new Conversion(label, weights);
        for (KerasLayer l : ordered) {
            List<String> inputs = new ArrayList<>();
            List<List<Integer>> shapes = new ArrayList<>();
            for (String in : l.inbound()) {
                String tensor = c.tensorOf(in);
                inputs.add(tensor);
                shapes.add(c.shapeOf(tensor));
            }
            KerasLayerContext ctx = new KerasLayerContext(c, l.name(), l.kerasClass(), l.config(), inputs, shapes);
            KerasLayerHandlers.get(l.kerasClass()).convert(ctx);
            if (c.tensorOfOrNull(l.name()) == null) {
                throw new IllegalStateException("handler for " + l.kerasClass() + " produced nothing for " + l.name());
            }
        }
        List<String> inputNames = new ArrayList<>();
        for (String in : s.inputs()) {
            inputNames.add(c.tensorOf(in));
        }
        List<String> outputNames = new ArrayList<>();
        for (String out : s.outputs()) {
            outputNames.add(c.tensorOf(out));
        }
        return new ConvertedModel(c.layers, inputNames, outputNames, modelFile);
    }

    /** Kahn's algorithm, keeping the file's order among ready layers. */
    private static List<KerasLayer> topologicalOrder(Structure s, String label) {
        Map<String, KerasLayer> byName = new LinkedHashMap<>();
        for (KerasLayer l : s.layers()) {
            if (byName.put(l.name(), l) != null) {
                throw new ModelException(label + ": two layers are named '" + l.name() + "'");
            }
        }
        for (String endpoint : concat(s.inputs(), s.outputs())) {
            if (!byName.containsKey(endpoint)) {
                throw new ModelException(label + ": the model's input/output '" + endpoint + "' is not one of its layers");
            }
        }
        Map<String, Integer> pending = new HashMap<>();
        Map<String, List<String>> consumers = new HashMap<>();
        for (KerasLayer l : s.layers()) {
            Set<String> distinct = new HashSet<>(l.inbound());
            for (String in : distinct) {
                if (!byName.containsKey(in)) {
                    throw new ModelException(label + ": layer '" + l.name() + "' reads '" + in
                            + "', which is not a layer of the model");
                }
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(l.name());
            }
            pending.put(l.name(), distinct.size());
        }
        List<KerasLayer> order = new ArrayList<>();
        Deque<String> ready = new ArrayDeque<>();
        Set<String> done = new HashSet<>();
        while (order.size() < s.layers().size()) {
            ready.clear();
            for (KerasLayer l : s.layers()) {
                if (!done.contains(l.name()) && pending.get(l.name()) == 0) {
                    ready.add(l.name());
                    break;
                }
            }
            if (ready.isEmpty()) {
                throw new ModelException(label + ": the layers form a cycle; not a valid Keras model");
            }
            String next = ready.poll();
            done.add(next);
            order.add(byName.get(next));
            for (String consumer : consumers.getOrDefault(next, List.of())) {
                pending.merge(consumer, -1, Integer::sum);
            }
        }
        return order;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The state of one conversion: the layers so far, and which tensor (and shape) each Keras layer name stands for. */
    static final class Conversion {
        private final String fileLabel;
        private final KerasWeights weights;
        private final List<ConvertedLayer> layers = new ArrayList<>();
        private final Map<String, String> tensorOfKerasLayer = new HashMap<>();
        private final Map<String, List<Integer>> shapeOfTensor = new HashMap<>();
        private final Set<String> names = new HashSet<>();

        Conversion(String fileLabel, KerasWeights weights) {
            this.fileLabel = fileLabel;
            this.weights = weights;
        }

        String fileLabel() {
            return fileLabel;
        }

        KerasWeights weights() {
            return weights;
        }

        String tensorOfOrNull(String kerasLayer) {
            return tensorOfKerasLayer.get(kerasLayer);
        }

        String tensorOf(String kerasLayer) {
            String t = tensorOfKerasLayer.get(kerasLayer);
            if (t == null) {
                throw new IllegalStateException("layer '" + kerasLayer + "' used before it was converted");
            }
            return t;
        }

        List<Integer> shapeOf(String tensor) {
            return shapeOfTensor.get(tensor);
        }

        /** Adds a layer; the Keras layer {@code kerasLayer} now stands for its output. */
        void add(ConvertedLayer layer, String kerasLayer, List<Integer> outputShape) {
            if (!names.add(layer.name())) {
                throw new ModelException(fileLabel + ": two converted layers would be named '" + layer.name()
                        + "' (an activation split off '" + kerasLayer + "' clashes with another layer); rename the layer");
            }
            layers.add(layer);
            String out = layer.outputs().get(0);
            tensorOfKerasLayer.put(kerasLayer, out);
            shapeOfTensor.put(out, outputShape == null ? null : java.util.Collections.unmodifiableList(
                    new ArrayList<>(outputShape)));
        }

        void alias(String kerasLayer, String tensor) {
            tensorOfKerasLayer.put(kerasLayer, tensor);
        }
    }
}
