package org.hls4ml.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.types.PrecisionFormatException;
import org.hls4ml.types.PrecisionParser;
import org.hls4ml.types.PrecisionType;

/**
 * hls4ml's configuration dictionary: top-level keys ({@code Backend}, {@code IOType}, {@code Part},
 * {@code ClockPeriod}, {@code ProjectName}, {@code InputData}, {@code OutputPredictions}, {@code Flows}, ...) and
 * {@code HLSConfig} with {@code Model} / {@code LayerType} / {@code LayerName} sections (precedence LayerName &gt;
 * LayerType &gt; Model). Built by {@link ConfigLoader}; plugin parameters are merged in with {@link #withOverrides}.
 */
public final class HlsConfig {

    /** Top-level keys this product understands (others are reported as warnings). */
    public static final List<String> TOP_LEVEL_KEYS = List.of("KerasJson", "KerasH5", "KerasModel", "OnnxModel",
            "Backend", "IOType", "Part", "ClockPeriod", "ClockUncertainty", "ProjectName", "OutputDir", "InputData",
            "OutputPredictions", "Flows", "HLSConfig", "PassConfig", "WriterConfig", "Version", "Stamp");

    /** Keys of HLSConfig.Model. */
    public static final List<String> MODEL_KEYS = List.of("Precision", "ReuseFactor", "Strategy", "BramFactor",
            "TraceOutput", "Trace");

    private final Map<String, Object> top;
    private final Map<String, Object> model;
    private final Map<String, Map<String, Object>> layerType;
    private final Map<String, Map<String, Object>> layerName;
    private final Map<String, Map<String, Object>> passConfig;
    private final String origin;
    private final List<String> warnings;

    HlsConfig(Map<String, Object> top, Map<String, Object> model, Map<String, Map<String, Object>> layerType,
              Map<String, Map<String, Object>> layerName, Map<String, Map<String, Object>> passConfig, String origin,
              List<String> warnings) {
        this.top = top;
        this.model = model;
        this.layerType = layerType;
        this.layerName = layerName;
        this.passConfig = passConfig;
        this.origin = origin;
        this.warnings = warnings;
    }

    /** An empty configuration (all defaults). */
    public static HlsConfig empty() {
        return new HlsConfig(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                new LinkedHashMap<>(), "defaults", new ArrayList<>());
    }

    /** Where the configuration came from (a file path or "defaults"), for messages. */
    public String origin() {
        return origin;
    }

    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    // ---- top level ----

    public String string(String key) {
        Object v = top.get(key);
        return v == null ? null : String.valueOf(v);
    }

    public String backend() {
        String b = string("Backend");
        return b == null ? "Vivado" : b;
    }

    public String ioType() {
        String io = string("IOType");
        if (io == null) {
            return "io_parallel";
        }
        String t = io.trim().toLowerCase(Locale.ROOT);
        if (!t.equals("io_parallel") && !t.equals("io_stream")) {
            throw new ConfigurationException(origin + ": IOType '" + io + "' is not valid; use io_parallel or io_stream");
        }
        return t;
    }

    public String projectName() {
        String p = string("ProjectName");
        String name = p == null ? "myproject" : p;
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ConfigurationException(origin + ": ProjectName '" + name
                    + "' must be a C identifier (letters, digits, underscores, not starting with a digit)");
        }
        return name;
    }

    public String part() {
        String p = string("Part");
        return p == null ? "xcvu13p-flga2577-2-e" : p;
    }

    public double clockPeriod() {
        Object v = top.get("ClockPeriod");
        if (v == null) {
            return 5.0;
        }
        try {
            double d = v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v).trim());
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(origin + ": ClockPeriod '" + v + "' must be a positive number of nanoseconds");
        }
    }

    public String clockUncertainty() {
        String u = string("ClockUncertainty");
        return u == null ? "12.5%" : u;
    }

    /** The user's extra flows, in order (e.g. {@code vivado:fifo_depth_optimization}). */
    public List<String> flows() {
        Object v = top.get("Flows");
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).map(String::trim).toList();
        }
        String s = String.valueOf(v).trim();
        return s.isEmpty() ? List.of() : List.of(s.split("\\s*,\\s*"));
    }

    /** Parameters for configurable passes, by pass name: {@code PassConfig: {vivado:fifo_depth_optimization: {...}}}. */
    public Map<String, Map<String, Object>> passConfig() {
        return Collections.unmodifiableMap(passConfig);
    }

    // ---- HLSConfig ----

    /** The model-wide default precision ({@code Model: Precision}), default {@code ap_fixed<16,6>}. */
    public PrecisionType modelDefaultPrecision() {
        Object p = model.get("Precision");
        if (p instanceof Map<?, ?> m) {
            p = m.get("default");
        }
        return p == null ? PrecisionParser.parse("ap_fixed<16,6>") : parsePrecision(p, "HLSConfig.Model.Precision");
    }

    public Object modelValue(String key) {
        return model.get(key);
    }

    public Map<String, Object> modelSection() {
        return Collections.unmodifiableMap(model);
    }

    public Map<String, Map<String, Object>> layerTypeSection() {
        return Collections.unmodifiableMap(layerType);
    }

    public Map<String, Map<String, Object>> layerNameSection() {
        return Collections.unmodifiableMap(layerName);
    }

    /** LayerName section of a layer (case-insensitive on the name, as hls4ml), or an empty map. */
    public Map<String, Object> forLayerName(String name) {
        return findIgnoreCase(layerName, name);
    }

    /** LayerType section of a layer class (case-insensitive), or an empty map. */
    public Map<String, Object> forLayerType(String className) {
        return findIgnoreCase(layerType, className);
    }

    private static Map<String, Object> findIgnoreCase(Map<String, Map<String, Object>> m, String key) {
        Map<String, Object> v = m.get(key);
        if (v != null) {
            return v;
        }
        for (Map.Entry<String, Map<String, Object>> e : m.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return Map.of();
    }

    /**
     * The precision of variable {@code var} (e.g. {@code result}, {@code weight}, {@code accum}) of a layer, looked up
     * LayerName &gt; LayerType &gt; Model; at each level a per-variable map entry wins over a plain string. When
     * {@code explicitOnly} is set, plain strings and the model default are ignored (used for types that have their own
     * default, such as tables). Returns null when nothing applies.
     */
    public PrecisionLookup precision(String layer, String className, String var, boolean explicitOnly) {
        Object[][] levels = {
                {forLayerName(layer).get("Precision"), "HLSConfig.LayerName." + layer + ".Precision"},
                {forLayerType(className).get("Precision"), "HLSConfig.LayerType." + className + ".Precision"},
                {model.get("Precision"), "HLSConfig.Model.Precision"}};
        for (Object[] level : levels) {
            Object p = level[0];
            String where = (String) level[1];
            if (p instanceof Map<?, ?> m) {
                Object v = m.get(var);
                if (v != null) {
                    return new PrecisionLookup(parsePrecision(v, where + "." + var), true, where + "." + var);
                }
                if (!explicitOnly && m.get("default") != null && level != levels[2]) {
                    return new PrecisionLookup(parsePrecision(m.get("default"), where + ".default"), false, where + ".default");
                }
            } else if (p != null && !explicitOnly && level != levels[2]) {
                return new PrecisionLookup(parsePrecision(p, where), false, where);
            }
        }
        // a key named like the type itself, e.g. "exp_table_t: ap_fixed<18,8>" in a LayerName section
        for (Map<String, Object> section : List.of(forLayerName(layer), forLayerType(className))) {
            Object v = section.get(var + "_t");
            if (v != null) {
                return new PrecisionLookup(parsePrecision(v, "HLSConfig " + layer + "." + var + "_t"), true, var + "_t");
            }
        }
        if (explicitOnly) {
            return null;
        }
        return new PrecisionLookup(modelDefaultPrecision(), false, "HLSConfig.Model.Precision");
    }

    /** A precision found in the configuration and where it was found. */
    public record PrecisionLookup(PrecisionType precision, boolean perVariable, String where) {
    }

    PrecisionType parsePrecision(Object v, String where) {
        try {
            return PrecisionParser.parse(String.valueOf(v));
        } catch (PrecisionFormatException e) {
            throw new ConfigurationException(origin + ": " + where + ": " + e.getMessage());
        }
    }

    /** A copy with top-level keys and Model keys replaced by non-null overrides (plugin parameters win). */
    public HlsConfig withOverrides(Map<String, Object> topOverrides, Map<String, Object> modelOverrides,
                                   Map<String, Map<String, Object>> passOverrides) {
        Map<String, Object> t = new LinkedHashMap<>(top);
        topOverrides.forEach((k, v) -> {
            if (v != null) {
                t.put(k, v);
            }
        });
        Map<String, Object> m = new LinkedHashMap<>(model);
        modelOverrides.forEach((k, v) -> {
            if (v != null) {
                if (k.equals("Precision") && m.get("Precision") instanceof Map<?, ?> old) {
                    Map<String, Object> merged = new LinkedHashMap<>();
                    old.forEach((a, b) -> merged.put(String.valueOf(a), b));
                    merged.put("default", v);
                    m.put(k, merged);
                } else {
                    m.put(k, v);
                }
            }
        });
        Map<String, Map<String, Object>> pc = new LinkedHashMap<>();
        passConfig.forEach((k, v) -> pc.put(k, new LinkedHashMap<>(v)));
        passOverrides.forEach((k, v) -> pc.computeIfAbsent(k, x -> new LinkedHashMap<>()).putAll(v));
        String o = topOverrides.values().stream().anyMatch(v -> v != null) || !modelOverrides.isEmpty()
                ? origin + " + plugin parameters" : origin;
        return new HlsConfig(t, m, layerType, layerName, pc, o, new ArrayList<>(warnings));
    }

    /**
     * hls4ml's configuration of a layer it splits in two (a SeparableConv {@code K} into {@code K_depthwise} and
     * {@code K_pointwise}): for each LayerName section {@code K} of {@code splits} whose parts have no section of their
     * own, a copy for each part, with the part's precisions renamed ({@code depthwise} -&gt; {@code weight},
     * {@code depthwise_accum} -&gt; {@code accum}, {@code depthwise_result} -&gt; {@code result}, likewise for
     * {@code pointwise}) and the other part's removed.
     *
     * @param splits the split layer names to their part suffixes, e.g. {@code sep -> [depthwise, pointwise]}
     */
    public HlsConfig withSplitLayers(Map<String, List<String>> splits) {
        Map<String, Map<String, Object>> ln = new LinkedHashMap<>(layerName);
        boolean changed = false;
        for (Map.Entry<String, List<String>> split : splits.entrySet()) {
            Map<String, Object> section = forLayerName(split.getKey());
            if (section.isEmpty()) {
                continue;
            }
            for (String part : split.getValue()) {
                String name = split.getKey() + "_" + part;
                if (!forLayerName(name).isEmpty()) {
                    continue;
                }
                Map<String, Object> derived = new LinkedHashMap<>(section);
                if (section.get("Precision") instanceof Map<?, ?> p) {
                    Map<String, Object> precision = new LinkedHashMap<>();
                    p.forEach((k, v) -> {
                        String key = String.valueOf(k);
                        String owner = key.contains("_") ? key.substring(0, key.indexOf('_')) : key;
                        if (owner.equals(part)) {
                            precision.put(key.equals(part) ? "weight" : key.substring(part.length() + 1), v);
                        } else if (!split.getValue().contains(owner)) {
                            precision.putIfAbsent(key, v);
                        }
                    });
                    derived.put("Precision", precision);
                }
                ln.put(name, derived);
                changed = true;
            }
        }
        return changed ? new HlsConfig(top, model, layerType, ln, passConfig, origin, warnings) : this;
    }

    /** The configuration as hls4ml's dictionary (for writing {@code hls4ml_config.yml} into the project). */
    public Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>(top);
        Map<String, Object> hls = new LinkedHashMap<>();
        hls.put("Model", model);
        if (!layerType.isEmpty()) {
            hls.put("LayerType", layerType);
        }
        if (!layerName.isEmpty()) {
            hls.put("LayerName", layerName);
        }
        out.put("HLSConfig", hls);
        if (!passConfig.isEmpty()) {
            out.put("PassConfig", passConfig);
        }
        return out;
    }
}
