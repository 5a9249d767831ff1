package org.hls4ml.optimizer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.Hls4mlException;
import org.hls4ml.model.Layer;
import org.hls4ml.model.ModelGraph;

/**
 * All passes and flows of one conversion, keyed {@code backend:name} (backend-independent passes and flows have no
 * prefix). One registry is made per conversion, so configuring a pass never leaks into another build.
 */
public final class OptimizerRegistry {

    private final Map<String, OptimizerPass> passes = new LinkedHashMap<>();
    private final Map<String, Flow> flows = new LinkedHashMap<>();

    /** Registers a pass under {@code prefix:name} (or {@code name} when the prefix is empty). */
    public void register(String prefix, OptimizerPass pass) {
        String key = key(prefix, pass.name());
        if (passes.putIfAbsent(key, pass) != null) {
            throw new IllegalStateException("pass " + key + " registered twice");
        }
    }

    /**
     * Registers every method of {@code owner} annotated with {@link LayerOptimizer} as a layer pass named
     * {@code prefix:<method name in snake case>}, matching layers of the annotated class.
     */
    public void registerAnnotated(String prefix, Object owner) {
        for (Method m : owner.getClass().getMethods()) {
            LayerOptimizer a = m.getAnnotation(LayerOptimizer.class);
            if (a == null) {
                continue;
            }
            if (m.getParameterCount() != 1 || !Layer.class.isAssignableFrom(m.getParameterTypes()[0])) {
                throw new IllegalStateException("@LayerOptimizer method " + m + " must take one Layer parameter");
            }
            String name = ModelGraph.snake(m.getName());
            Class<? extends Layer> type = a.value();
            register(prefix, new LayerOptimizerPass() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public String summary() {
                    return a.summary();
                }

                @Override
                public boolean match(Layer layer) {
                    return type.isInstance(layer);
                }

                @Override
                public boolean transform(ModelGraph model, Layer layer) {
                    try {
                        Object r = m.invoke(owner, layer);
                        return r instanceof Boolean b && b;
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof RuntimeException re) {
                            throw re;
                        }
                        throw new Hls4mlException("pass " + key(prefix, name) + " failed on layer '" + layer.name() + "'", e.getCause());
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        }
    }

    public void register(Flow flow) {
        if (flows.putIfAbsent(flow.name(), flow) != null) {
            throw new IllegalStateException("flow " + flow.name() + " registered twice");
        }
    }

    private static String key(String prefix, String name) {
        return prefix == null || prefix.isEmpty() ? name : prefix + ":" + name;
    }

    /** The pass with this name; an unknown name fails with the list of known passes. */
    public OptimizerPass pass(String name) {
        OptimizerPass p = passes.get(name);
        if (p == null) {
            throw new ConfigurationException("unknown optimizer pass '" + name + "'; known passes are " + passes.keySet());
        }
        return p;
    }

    /** The flow with this name; an unknown name fails with the list of known flows. */
    public Flow flow(String name) {
        Flow f = flows.get(name);
        if (f == null) {
            throw new ConfigurationException("unknown flow '" + name + "'; known flows are " + flows.keySet());
        }
        return f;
    }

    public Map<String, OptimizerPass> passes() {
        return Collections.unmodifiableMap(passes);
    }

    public Map<String, Flow> flows() {
        return Collections.unmodifiableMap(flows);
    }

    /** Configures a configurable pass by name ({@code get_optimizer(name).configure(...)}). */
    public void configure(String passName, Map<String, Object> values) {
        OptimizerPass p = pass(passName);
        if (!(p instanceof ConfigurablePass c)) {
            List<String> configurable = new ArrayList<>();
            passes.forEach((k, v) -> {
                if (v instanceof ConfigurablePass) {
                    configurable.add(k);
                }
            });
            throw new ConfigurationException("optimizer pass '" + passName + "' takes no parameters; configurable passes are "
                    + configurable);
        }
        c.configure(values);
    }

    /** Every pass and flow with its summary, sorted, one a line (for docs and {@code hls4ml:help}). */
    public String describe() {
        StringBuilder sb = new StringBuilder("Passes:\n");
        new TreeMap<>(passes).forEach((k, v) -> sb.append("  ").append(k).append(" - ").append(v.summary()).append('\n'));
        sb.append("Flows:\n");
        new TreeMap<>(flows).forEach((k, v) -> sb.append("  ").append(k).append(" requires ").append(v.requires())
                .append(": ").append(v.passes()).append(" - ").append(v.summary()).append('\n'));
        return sb.toString();
    }
}
