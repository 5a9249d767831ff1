package org.hls4ml.optimizer;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hls4ml.model.Layer;
import org.hls4ml.model.ModelGraph;

/**
 * Fills a layer's C++ text: its config struct ({@code config_cpp}), its function call ({@code function_cpp}) and the
 * layer library headers it needs ({@code include_header}). Subclasses give the layer classes they serve and the values
 * for the {@code {name}} placeholders of their templates.
 */
public abstract class TemplatePass implements LayerOptimizerPass {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_0-9]+)}");

    private final String name;
    private final List<Class<? extends Layer>> layerClasses;

    protected TemplatePass(String name, List<Class<? extends Layer>> layerClasses) {
        this.name = name;
        this.layerClasses = List.copyOf(layerClasses);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean match(Layer layer) {
        return layerClasses.stream().anyMatch(c -> c == layer.getClass());
    }

    @Override
    public final boolean transform(ModelGraph model, Layer layer) {
        apply(model, layer);
        return false;
    }

    /** Sets the layer's {@code config_cpp}, {@code function_cpp} and {@code include_header}. */
    protected abstract void apply(ModelGraph model, Layer layer);

    /** Replaces each {@code {name}} with its value; a placeholder without a value is a programming error. */
    public static String fill(String template, Map<String, ?> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Object v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("template placeholder {" + m.group(1) + "} has no value");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf(v)));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
