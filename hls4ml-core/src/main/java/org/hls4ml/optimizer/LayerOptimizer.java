package org.hls4ml.optimizer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hls4ml.model.Layer;

/**
 * Registers a backend method {@code void name(Layer layer)} as a layer pass named after the method (snake case) for
 * the given layer class: hls4ml's {@code @layer_optimizer(Dense)} decorator.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LayerOptimizer {
    Class<? extends Layer> value();

    /** One line for the registry. */
    String summary();
}
