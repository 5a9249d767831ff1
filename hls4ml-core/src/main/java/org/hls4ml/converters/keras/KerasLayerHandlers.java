package org.hls4ml.converters.keras;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry of Keras layer handlers, by Keras {@code class_name}.
 *
 * <p>To support more Keras classes, add a class like {@link KerasCoreLayers} with a {@code register(Map)} method and
 * call it from {@link #build()}.
 */
final class KerasLayerHandlers {

    private static final Map<String, KerasLayerHandler> HANDLERS = build();

    private KerasLayerHandlers() {
    }

    private static Map<String, KerasLayerHandler> build() {
        Map<String, KerasLayerHandler> handlers = new TreeMap<>();
        KerasCoreLayers.register(handlers);
        KerasConvolutionLayers.register(handlers);
        KerasPoolingLayers.register(handlers);
        KerasReshapingLayers.register(handlers);
        KerasQKerasLayers.register(handlers);
        KerasMergeLayers.register(handlers);
        return Collections.unmodifiableMap(handlers);
    }

    /** The handler for a Keras class, or null when the class is not supported. */
    static KerasLayerHandler get(String kerasClass) {
        return HANDLERS.get(kerasClass);
    }

    /** The supported Keras class names, sorted. */
    static List<String> supportedClasses() {
        return List.copyOf(new ArrayList<>(HANDLERS.keySet()));
    }
}
