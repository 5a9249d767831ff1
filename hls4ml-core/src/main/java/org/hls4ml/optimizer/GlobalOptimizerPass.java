package org.hls4ml.optimizer;

import org.hls4ml.model.Layer;

/** A pass applied to every layer of the model. */
public interface GlobalOptimizerPass extends LayerOptimizerPass {

    @Override
    default boolean match(Layer layer) {
        return true;
    }
}
