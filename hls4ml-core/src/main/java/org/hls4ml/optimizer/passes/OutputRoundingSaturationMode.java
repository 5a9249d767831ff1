package org.hls4ml.optimizer.passes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.model.Layer;
import org.hls4ml.model.ModelGraph;
import org.hls4ml.optimizer.ConfigurablePass;
import org.hls4ml.optimizer.LayerOptimizerPass;
import org.hls4ml.types.FixedPrecisionType;
import org.hls4ml.types.NamedType;
import org.hls4ml.types.RoundingMode;
import org.hls4ml.types.SaturationMode;

/**
 * Sets the rounding and saturation mode of the output type of the configured layers (by class or name), as hls4ml's
 * {@code output_rounding_saturation_mode}: parameters {@code layers}, {@code rounding_mode}, {@code saturation_mode},
 * {@code saturation_bits}. With no layers configured it does nothing.
 */
public final class OutputRoundingSaturationMode implements LayerOptimizerPass, ConfigurablePass {

    private List<String> layers = List.of();
    private RoundingMode rounding;
    private SaturationMode saturation;
    private Integer saturationBits;

    @Override
    public String name() {
        return "output_rounding_saturation_mode";
    }

    @Override
    public String summary() {
        return "sets rounding/saturation modes of the output types of chosen layers (configurable)";
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("layers", "layer classes or names whose output type is changed (list or comma-separated)");
        p.put("rounding_mode", "TRN, TRN_ZERO, RND, RND_ZERO, RND_INF, RND_MIN_INF or RND_CONV (AP_ prefix optional)");
        p.put("saturation_mode", "WRAP, SAT, SAT_ZERO or SAT_SYM (AP_ prefix optional)");
        p.put("saturation_bits", "number of saturation bits N");
        return p;
    }

    @Override
    public void configure(Map<String, Object> values) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String v = String.valueOf(e.getValue());
            switch (e.getKey()) {
                case "layers" -> {
                    List<String> l = new ArrayList<>();
                    if (e.getValue() instanceof List<?> list) {
                        list.forEach(x -> l.add(String.valueOf(x).trim()));
                    } else {
                        for (String s : v.split(",")) {
                            if (!s.isBlank()) {
                                l.add(s.trim());
                            }
                        }
                    }
                    layers = List.copyOf(l);
                }
                case "rounding_mode" -> {
                    rounding = RoundingMode.parse(v);
                    if (rounding == null) {
                        throw bad(e.getKey(), v);
                    }
                }
                case "saturation_mode" -> {
                    saturation = SaturationMode.parse(v);
                    if (saturation == null) {
                        throw bad(e.getKey(), v);
                    }
                }
                case "saturation_bits" -> {
                    try {
                        saturationBits = Integer.parseInt(v.trim());
                    } catch (NumberFormatException ex) {
                        throw bad(e.getKey(), v);
                    }
                    if (saturationBits < 0) {
                        throw bad(e.getKey(), v);
                    }
                }
                default -> throw new ConfigurationException("optimizer pass '" + name() + "' has no parameter '" + e.getKey()
                        + "'; its parameters are " + parameters().keySet());
            }
        }
    }

    private ConfigurationException bad(String key, String value) {
        return new ConfigurationException("optimizer pass '" + name() + "': " + key + " '" + value + "' is not valid; expected "
                + parameters().get(key));
    }

    @Override
    public Map<String, Object> configuration() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layers", layers);
        m.put("rounding_mode", rounding);
        m.put("saturation_mode", saturation);
        m.put("saturation_bits", saturationBits);
        return m;
    }

    @Override
    public boolean match(Layer layer) {
        if (layers.isEmpty() || layer.output() == null) {
            return false;
        }
        boolean named = layers.stream().anyMatch(s -> s.equalsIgnoreCase(layer.className()) || s.equals(layer.name()));
        if (!named || !(layer.output().type().precision() instanceof FixedPrecisionType f)) {
            return false;
        }
        return target(f) != null && !target(f).equals(f);
    }

    private FixedPrecisionType target(FixedPrecisionType f) {
        return new FixedPrecisionType(f.width(), f.integer(), f.signed(), rounding == null ? f.rounding() : rounding,
                saturation == null ? f.saturation() : saturation,
                saturationBits == null ? f.saturationBits() : Math.min(saturationBits, f.width()));
    }

    @Override
    public boolean transform(ModelGraph model, Layer layer) {
        NamedType t = layer.output().type();
        layer.output().setType(t.withPrecision(target((FixedPrecisionType) t.precision())));
        return false;
    }
}
