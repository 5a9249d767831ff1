package org.hls4ml.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hls4ml.api.ConfigurationException;

/** Reads an hls4ml configuration from a YAML or JSON file, or from a map, checking its structure. */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** Reads a YAML ({@code .yml}/{@code .yaml}) or JSON file exactly as hls4ml writes them. */
    public static HlsConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("configuration file " + file + " does not exist; check <config> / -Dhls4ml.config");
        } catch (IOException e) {
            throw new ConfigurationException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = lower.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        Object root;
        try {
            root = text.isBlank() ? Map.of() : mapper.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            String loc = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new ConfigurationException("configuration file " + file + " is not valid "
                    + (lower.endsWith(".json") ? "JSON" : "YAML") + loc + ": " + e.getOriginalMessage(), e);
        }
        if (root == null) {
            root = Map.of();
        }
        if (!(root instanceof Map<?, ?> m)) {
            throw new ConfigurationException("configuration file " + file
                    + " must hold a dictionary (keys such as IOType, HLSConfig), not a " + root.getClass().getSimpleName());
        }
        return fromMap(stringKeys(m), file.toString());
    }

    /** Builds a configuration from hls4ml's dictionary. */
    public static HlsConfig fromMap(Map<String, Object> dict, String origin) {
        List<String> warnings = new ArrayList<>();
        Map<String, Object> top = new LinkedHashMap<>();
        Map<String, Object> model = new LinkedHashMap<>();
        Map<String, Map<String, Object>> layerType = new LinkedHashMap<>();
        Map<String, Map<String, Object>> layerName = new LinkedHashMap<>();
        Map<String, Map<String, Object>> passConfig = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : dict.entrySet()) {
            String key = e.getKey();
            if (!HlsConfig.TOP_LEVEL_KEYS.contains(key)) {
                warnings.add(origin + ": unknown top-level key '" + key + "' ignored; known keys are " + HlsConfig.TOP_LEVEL_KEYS);
                continue;
            }
            if (key.equals("HLSConfig")) {
                Map<String, Object> hls = map(e.getValue(), origin, "HLSConfig");
                for (Map.Entry<String, Object> h : hls.entrySet()) {
                    switch (h.getKey()) {
                        case "Model" -> model.putAll(map(h.getValue(), origin, "HLSConfig.Model"));
                        case "LayerType" -> layerType.putAll(mapOfMaps(h.getValue(), origin, "HLSConfig.LayerType"));
                        case "LayerName" -> layerName.putAll(mapOfMaps(h.getValue(), origin, "HLSConfig.LayerName"));
                        default -> throw new ConfigurationException(origin + ": unknown key HLSConfig." + h.getKey()
                                + "; HLSConfig holds Model, LayerType and LayerName");
                    }
                }
            } else if (key.equals("PassConfig")) {
                passConfig.putAll(mapOfMaps(e.getValue(), origin, "PassConfig"));
            } else {
                top.put(key, e.getValue());
            }
        }
        for (String k : model.keySet()) {
            if (!HlsConfig.MODEL_KEYS.contains(k)) {
                throw new ConfigurationException(origin + ": unknown key HLSConfig.Model." + k + "; Model accepts "
                        + HlsConfig.MODEL_KEYS);
            }
        }
        HlsConfig c = new HlsConfig(top, model, layerType, layerName, passConfig, origin, warnings);
        c.ioType();
        c.projectName();
        c.clockPeriod();
        c.modelDefaultPrecision();
        return c;
    }

    static Map<String, Object> map(Object v, String origin, String where) {
        if (v == null) {
            return new LinkedHashMap<>();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new ConfigurationException(origin + ": " + where + " must be a dictionary, got '" + v + "'");
        }
        return stringKeys(m);
    }

    static Map<String, Map<String, Object>> mapOfMaps(Object v, String origin, String where) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        map(v, origin, where).forEach((k, x) -> out.put(k, map(x, origin, where + "." + k)));
        return out;
    }

    static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
