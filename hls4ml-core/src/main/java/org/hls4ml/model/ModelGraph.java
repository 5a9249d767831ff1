package org.hls4ml.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.ModelException;
import org.hls4ml.config.HlsConfig;
import org.hls4ml.converters.ConvertedLayer;
import org.hls4ml.converters.ConvertedModel;
import org.hls4ml.types.NamedType;
import org.hls4ml.types.PrecisionType;

/**
 * The model: an ordered, named graph of {@link Layer}s connected by tensor names, with the configuration it was built
 * with. Passes change it through the surgery operations ({@link #insertAfter}, {@link #remove}, {@link #replace}).
 */
public final class ModelGraph {

    private final List<Layer> layers = new ArrayList<>();
    private final List<String> inputs;
    private final List<String> outputs;
    private final HlsConfig config;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private int nextIndex = 1;

    private ModelGraph(List<String> inputs, List<String> outputs, HlsConfig config) {
        this.inputs = new ArrayList<>(inputs);
        this.outputs = new ArrayList<>(outputs);
        this.config = config;
    }

    /**
     * Builds the graph: creates each layer, applies the configuration (LayerName &gt; LayerType &gt; Model), initializes
     * the layers in order (variables, weights, types) and validates them.
     */
    public static ModelGraph build(ConvertedModel converted, HlsConfig config) {
        ModelGraph g = new ModelGraph(converted.inputNames(), converted.outputNames(),
                config.withSplitLayers(splitLayers(converted)));
        for (ConvertedLayer c : converted.layers()) {
            Layer l = LayerFactory.create(c);
            l.attach(g, g.nextIndex++);
            g.layers.add(l);
        }
        g.checkConnections();
        g.checkConfigNames();
        for (Layer l : g.layers) {
            g.applyConfig(l);
            l.initialize();
        }
        g.validate();
        return g;
    }

    /** The layers the converter split in two as hls4ml does: K_depthwise followed by K_pointwise, by K. */
    private static Map<String, List<String>> splitLayers(ConvertedModel converted) {
        Map<String, List<String>> splits = new LinkedHashMap<>();
        List<String> names = converted.layers().stream().map(ConvertedLayer::name).toList();
        for (String n : names) {
            if (n.endsWith("_depthwise")) {
                String base = n.substring(0, n.length() - "_depthwise".length());
                if (names.contains(base + "_pointwise") && !names.contains(base)) {
                    splits.put(base, List.of("depthwise", "pointwise"));
                }
            }
        }
        return splits;
    }

    private void checkConnections() {
        List<String> known = new ArrayList<>();
        for (Layer l : layers) {
            for (String in : l.inputs()) {
                if (!known.contains(in)) {
                    throw new ModelException("layer '" + l.name() + "' reads tensor '" + in
                            + "', which no earlier layer produces; the model file's layers are not connected in order");
                }
            }
            known.addAll(l.outputs());
        }
        for (String o : outputs) {
            if (!known.contains(o)) {
                throw new ModelException("model output '" + o + "' is produced by no layer");
            }
        }
    }

    private void checkConfigNames() {
        List<String> names = layers.stream().map(l -> l.name().toLowerCase(Locale.ROOT)).toList();
        for (String n : config.layerNameSection().keySet()) {
            if (!names.contains(n.toLowerCase(Locale.ROOT))
                    && !names.contains((n + "_depthwise").toLowerCase(Locale.ROOT))) {
                warnings.add(config.origin() + ": HLSConfig.LayerName." + n + " matches no layer of the model; layers are "
                        + layers.stream().map(Layer::name).toList());
            }
        }
    }

    /** Applies Model, then LayerType, then LayerName settings to the layer's configurable attributes. */
    private void applyConfig(Layer l) {
        for (Map.Entry<String, Object> e : config.modelSection().entrySet()) {
            String attr = snake(e.getKey());
            if (l.spec(attr) != null && l.spec(attr).configurable()) {
                l.configure(attr, e.getValue(), config.origin() + ": HLSConfig.Model." + e.getKey());
            }
        }
        applySection(l, config.forLayerType(l.className()), "HLSConfig.LayerType." + l.className());
        applySection(l, config.forLayerName(l.name()), "HLSConfig.LayerName." + l.name());
    }

    private void applySection(Layer l, Map<String, Object> section, String where) {
        for (Map.Entry<String, Object> e : section.entrySet()) {
            String key = e.getKey();
            if (key.equals("Precision")) {
                if (e.getValue() instanceof Map<?, ?> m) {
                    for (Object var : m.keySet()) {
                        String v = String.valueOf(var);
                        if (!v.equals("default") && l.spec(v + "_t") == null) {
                            throw new ConfigurationException(config.origin() + ": " + where + ".Precision." + v
                                    + ": layer '" + l.name() + "' (" + l.className() + ") has no variable '" + v
                                    + "'; its precisions are " + typeVars(l));
                        }
                    }
                }
                continue;
            }
            String attr = snake(key);
            if (attr.endsWith("_t") && l.spec(attr) != null && l.spec(attr).isType()) {
                continue; // a precision given by type name; resolveType reads it
            }
            l.configure(attr, e.getValue(), config.origin() + ": " + where + "." + key);
        }
    }

    private static List<String> typeVars(Layer l) {
        return l.expectedAttributes().stream().filter(AttributeSpec::isType)
                .map(s -> s.name().substring(0, s.name().length() - 2)).toList();
    }

    /** hls4ml's conversion of configuration keys: {@code ReuseFactor} -> {@code reuse_factor}. */
    public static String snake(String key) {
        if (key.equals(key.toLowerCase(Locale.ROOT))) {
            return key;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && key.charAt(i - 1) != '_' && !Character.isUpperCase(key.charAt(i - 1))) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * The named type of variable {@code var} of a layer. The precision comes from the configuration (LayerName &gt;
     * LayerType &gt; Model); a type with its own default ({@code ownDefault} non-null, e.g. a table) takes only
     * precisions given for that variable explicitly. Model outputs are typed {@code result_t}.
     */
    public NamedType resolveType(Layer layer, String var, String typeName, PrecisionType ownDefault) {
        HlsConfig.PrecisionLookup p = config.precision(layer.name(), layer.className(), var, ownDefault != null);
        PrecisionType precision = p == null ? ownDefault : p.precision();
        // A QKeras quantizer's precision (set by the converter) wins over Model and LayerType defaults, as in hls4ml;
        // only an explicit LayerName setting for this very variable overrides it.
        if (layer.get(var + "_quantizer_precision") instanceof String q) {
            boolean explicit = p != null && p.perVariable()
                    && (p.where().startsWith("HLSConfig.LayerName.") || p.where().equals(var + "_t"));
            if (!explicit) {
                precision = org.hls4ml.types.PrecisionParser.parse(q);
            }
        }
        String name = typeName;
        if (var.equals("result") && !(layer instanceof org.hls4ml.model.layers.InputLayer)
                && layer.outputs().stream().anyMatch(outputs::contains)) {
            int k = outputs.indexOf(layer.outputs().get(0));
            name = k <= 0 ? "result_t" : "result" + (k + 1) + "_t";
        }
        return new NamedType(name, precision);
    }

    /** Validates every layer. */
    public void validate() {
        for (Layer l : layers) {
            l.validate();
        }
    }

    // ---- queries ----

    public HlsConfig config() {
        return config;
    }

    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    public List<String> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    public List<String> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    /**
     * Whole-model attributes set by passes for the later stages (e.g. the FIFO depth optimization request, which the
     * co-simulation carries out); layer state stays on the layers.
     */
    public Map<String, Object> attributes() {
        return attributes;
    }

    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    public void warn(String message) {
        warnings.add(message);
    }

    public Layer layer(String name) {
        for (Layer l : layers) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return null;
    }

    /** The layer whose output is the tensor. */
    public Layer producer(String tensor) {
        for (Layer l : layers) {
            if (l.outputs().contains(tensor)) {
                return l;
            }
        }
        throw new IllegalStateException("no layer produces tensor '" + tensor + "'");
    }

    /** The variable of a tensor (its producer's output). */
    public TensorVariable variable(String tensor) {
        return producer(tensor).output();
    }

    /** Layers that read the tensor. */
    public List<Layer> consumers(String tensor) {
        return layers.stream().filter(l -> l.inputs().contains(tensor)).toList();
    }

    public List<Layer> inputLayers() {
        return inputs.stream().map(this::producer).toList();
    }

    public List<Layer> outputLayers() {
        return outputs.stream().map(this::producer).toList();
    }

    public List<TensorVariable> inputVariables() {
        return inputs.stream().map(this::variable).toList();
    }

    public List<TensorVariable> outputVariables() {
        return outputs.stream().map(this::variable).toList();
    }

    /** Every variable that connects two layers (not a model input or output). */
    public List<TensorVariable> internalVariables() {
        List<TensorVariable> out = new ArrayList<>();
        for (Layer l : layers) {
            if (l instanceof org.hls4ml.model.layers.InputLayer) {
                continue;
            }
            String t = l.outputs().get(0);
            if (!outputs.contains(t)) {
                out.add(l.output());
            }
        }
        return out;
    }

    /** Distinct named types in use, in layer order (for defines.h). */
    public Map<String, NamedType> namedTypes() {
        Map<String, NamedType> out = new LinkedHashMap<>();
        for (Layer l : layers) {
            TensorVariable r = l.output();
            if (r != null) {
                out.putIfAbsent(r.type().name(), r.type());
            }
            l.types().values().forEach(t -> out.putIfAbsent(t.name(), t));
            l.weights().values().forEach(w -> out.putIfAbsent(w.type().name(), w.type()));
        }
        return out;
    }

    // ---- surgery ----

    /** Removes a single-input layer, rewiring its consumers (and the model outputs) to its input. */
    public void remove(Layer layer) {
        if (layer.inputs().size() != 1 || layer.outputs().size() != 1) {
            throw new IllegalStateException("can only remove a layer with one input and one output: " + layer);
        }
        String in = layer.inputs().get(0);
        String out = layer.outputs().get(0);
        for (Layer c : consumers(out)) {
            c.replaceInput(out, in);
        }
        outputs.replaceAll(o -> o.equals(out) ? in : o);
        layers.remove(layer);
        if (outputs.contains(in)) {
            Layer p = producer(in);
            if (!(p instanceof org.hls4ml.model.layers.InputLayer)) {
                TensorVariable v = p.output();
                int k = outputs.indexOf(in);
                p.set("result", renamed(v, k <= 0 ? "result_t" : "result" + (k + 1) + "_t"));
            }
        }
    }

    private static TensorVariable renamed(TensorVariable v, String typeName) {
        TensorVariable n = new TensorVariable(v.name(), v.shape(), new NamedType(typeName, v.type().precision()));
        n.setStreamDepth(v.streamDepth());
        return n;
    }

    /**
     * Inserts a new single-input layer after {@code existing}: it reads existing's output and every former consumer
     * reads the new layer's output. The new layer is initialized and gets the next free index.
     */
    public void insertAfter(Layer existing, Layer added) {
        String out = existing.outputs().get(0);
        String addedOut = added.outputs().get(0);
        for (Layer c : consumers(out)) {
            c.replaceInput(out, addedOut);
        }
        added.attach(this, nextIndex++);
        layers.add(layers.indexOf(existing) + 1, added);
        boolean wasOutput = outputs.contains(out);
        outputs.replaceAll(o -> o.equals(out) ? addedOut : o);
        applyConfig(added);
        added.initialize();
        if (wasOutput && !(existing instanceof org.hls4ml.model.layers.InputLayer)) {
            TensorVariable v = existing.output();
            existing.set("result", renamed(v, "layer" + existing.index() + "_t"));
        }
    }

    /** Replaces a layer by another with the same inputs and outputs; the new one keeps the old index. */
    public void replace(Layer old, Layer replacement) {
        int pos = layers.indexOf(old);
        if (pos < 0) {
            throw new IllegalStateException(old + " is not in the model");
        }
        replacement.attach(this, old.index());
        layers.set(pos, replacement);
    }

    /** A text dump of the graph, one layer a line (for golden tests and the dump-after-every-pass switch). */
    public String dump() {
        StringBuilder sb = new StringBuilder();
        for (Layer l : layers) {
            sb.append(l.index()).append(' ').append(l.className()).append(' ').append(l.name())
                    .append(" in=").append(l.inputs()).append(" out=").append(l.output());
            if (l.output() != null && l.output().type() != null) {
                sb.append(':').append(l.output().type().precision()); // the output precision lives on the variable
            }
            l.attributes().forEach((k, v) -> {
                if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                    if (!k.endsWith("_cpp")) {
                        sb.append(' ').append(k).append('=').append(v);
                    }
                } else if (v instanceof NamedType t) {
                    sb.append(' ').append(k).append('=').append(t.name()).append(':').append(t.precision());
                } else if (v instanceof WeightVariable w) {
                    sb.append(' ').append(k).append('=').append(w);
                }
            });
            sb.append('\n');
        }
        sb.append("outputs=").append(outputs).append('\n');
        return sb.toString();
    }
}
