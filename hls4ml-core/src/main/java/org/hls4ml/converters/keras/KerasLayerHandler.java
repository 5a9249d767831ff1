package org.hls4ml.converters.keras;

/**
 * Converts one Keras layer (one {@code class_name}) into zero or more hls4ml layers.
 *
 * <p>A handler reads the layer's config, input shapes and weight arrays from the {@link KerasLayerContext} and calls
 * {@link KerasLayerContext#emit}, {@link KerasLayerContext#splitActivation()} or {@link KerasLayerContext#passThrough()}.
 * Handlers are registered by Keras class name in {@link KerasLayerHandlers}.
 */
@FunctionalInterface
public interface KerasLayerHandler {

    void convert(KerasLayerContext layer);
}
