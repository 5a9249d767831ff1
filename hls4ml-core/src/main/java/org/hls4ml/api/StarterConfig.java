package org.hls4ml.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.hls4ml.config.HlsConfig;
import org.hls4ml.model.AttributeSpec;
import org.hls4ml.model.Layer;
import org.hls4ml.model.ModelGraph;
import org.hls4ml.types.PrecisionType;

/**
 * A starter configuration for a model, as hls4ml's {@code config_from_keras_model} writes one: the top-level settings
 * and {@code HLSConfig.Model}, plus {@code LayerType} (granularity {@code type}) or {@code LayerName} (granularity
 * {@code name}) listing every configurable attribute of the layers (their {@link Layer#configurableAttributes()}) with
 * the value it takes when the configuration does not set it. Fed back unchanged, it produces the same project as the
 * settings it was made from.
 *
 * @param granularity how detailed the {@code HLSConfig} section is
 * @param dictionary  hls4ml's configuration dictionary
 * @param yaml        the dictionary as YAML, with a header comment
 */
public record StarterConfig(Granularity granularity, Map<String, Object> dictionary, String yaml) {

    /** How detailed the {@code HLSConfig} section is: hls4ml's {@code granularity} argument. */
    public enum Granularity {
        /** {@code Model} only. */
        MODEL,
        /** {@code Model} and one {@code LayerType} entry per layer class. */
        TYPE,
        /** {@code Model} and one {@code LayerName} entry per layer. */
        NAME;

        /**
         * The granularity named {@code s} (case-insensitive).
         *
         * @throws ConfigurationException naming the setting and the allowed values when {@code s} is none of them
         */
        public static Granularity parse(String s) {
            for (Granularity g : values()) {
                if (g.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
                    return g;
                }
            }
            throw new ConfigurationException("granularity '" + s + "' is not valid; use model, type or name"
                    + " (<granularity> / -Dhls4ml.granularity)");
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Builds the starter configuration of a converted (not yet optimized) model.
     *
     * @param top          top-level settings, in the order to write them (null values are left out)
     * @param config       the configuration the model was built with (for {@code Model} and {@code PassConfig})
     * @param model        the model graph built with {@code config}, before any optimizer pass
     * @param modelFile    the model file, for the header
     */
    static StarterConfig of(Granularity granularity, Map<String, Object> top, HlsConfig config, ModelGraph model,
                            Path modelFile) {
        Map<String, Object> dict = new LinkedHashMap<>();
        top.forEach((k, v) -> {
            if (v != null) {
                dict.put(k, v);
            }
        });
        Map<String, Object> hls = new LinkedHashMap<>();
        Map<String, Object> modelSection = new LinkedHashMap<>();
        modelSection.put("Precision", Map.of("default", config.modelDefaultPrecision().toString()));
        modelSection.put("ReuseFactor", config.modelValue("ReuseFactor") == null ? 1 : config.modelValue("ReuseFactor"));
        modelSection.put("Strategy", config.modelValue("Strategy") == null ? "Latency" : config.modelValue("Strategy"));
        for (String k : HlsConfig.MODEL_KEYS) {
            if (!modelSection.containsKey(k) && config.modelValue(k) != null) {
                modelSection.put(k, config.modelValue(k));
            }
        }
        hls.put("Model", modelSection);
        if (granularity == Granularity.TYPE) {
            Map<String, List<Layer>> byClass = new LinkedHashMap<>();
            model.layers().forEach(l -> byClass.computeIfAbsent(l.className(), k -> new ArrayList<>()).add(l));
            Map<String, Object> types = new LinkedHashMap<>();
            byClass.forEach((cls, layers) -> types.put(cls, common(layers)));
            hls.put("LayerType", types);
        } else if (granularity == Granularity.NAME) {
            Map<String, Object> names = new LinkedHashMap<>();
            model.layers().forEach(l -> names.put(l.name(), settings(l)));
            hls.put("LayerName", names);
        }
        dict.put("HLSConfig", hls);
        if (!config.passConfig().isEmpty()) {
            dict.put("PassConfig", config.passConfig());
        }
        String header = "# hls4ml configuration of " + modelFile.getFileName() + " at granularity '"
                + granularity.label() + "' (hls4ml's config_from_keras_model), written by hls4ml:config.\n"
                + "# Every configurable attribute is listed with the value it takes by default; edit what you need\n"
                + "# and pass the file with <config> / -Dhls4ml.config. Precedence: LayerName > LayerType > Model.\n";
        return new StarterConfig(granularity, dict, header + toYaml(dict));
    }

    /** The settings of one layer: {@code Precision} by variable, then the other configurable attributes. */
    private static Map<String, Object> settings(Layer l) {
        Map<String, Object> precision = new LinkedHashMap<>();
        Map<String, Object> others = new LinkedHashMap<>();
        for (AttributeSpec s : l.configurableAttributes()) {
            if (s.isType()) {
                String var = s.name().substring(0, s.name().length() - 2);
                precision.put(var, precision(l, s).toString());
            } else {
                Object v = l.get(s.name()) != null ? l.get(s.name()) : s.defaultValue();
                if (v != null) {
                    others.put(configKey(s.name()), v);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (!precision.isEmpty()) {
            out.put("Precision", precision);
        }
        out.putAll(others);
        return out;
    }

    /** The precision a type attribute resolved to; one the layer did not set takes its default or the model's. */
    private static PrecisionType precision(Layer l, AttributeSpec s) {
        if (s.name().equals("result_t") && l.output() != null) {
            return l.output().type().precision();
        }
        if (l.type(s.name()) != null) {
            return l.type(s.name()).precision();
        }
        return s.defaultValue() instanceof PrecisionType p ? p : l.model().config().modelDefaultPrecision();
    }

    /**
     * The settings all layers of one class share. A value that differs between them (such as a type derived from
     * each layer's input) is left out, so each layer keeps its own.
     */
    private static Map<String, Object> common(List<Layer> layers) {
        Map<String, Object> first = settings(layers.get(0));
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : first.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m) {
                Map<Object, Object> shared = new LinkedHashMap<>();
                m.forEach((k, v) -> {
                    if (layers.stream().allMatch(l -> settings(l).get(e.getKey()) instanceof Map<?, ?> o
                            && Objects.equals(o.get(k), v))) {
                        shared.put(k, v);
                    }
                });
                if (!shared.isEmpty()) {
                    out.put(e.getKey(), shared);
                }
            } else if (layers.stream().allMatch(l -> Objects.equals(settings(l).get(e.getKey()), e.getValue()))) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** hls4ml's configuration key of an attribute: {@code reuse_factor} -> {@code ReuseFactor}. */
    static String configKey(String attr) {
        StringBuilder sb = new StringBuilder();
        for (String part : attr.split("_")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        String key = sb.toString();
        // the reader turns the key back into the attribute name; keep the name itself where that would not work
        return ModelGraph.snake(key).equals(attr) ? key : attr;
    }

    private static String toYaml(Map<String, Object> dict) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));
        try {
            return mapper.writeValueAsString(dict);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the configuration as YAML: " + e.getMessage(), e);
        }
    }
}
