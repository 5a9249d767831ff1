package org.hls4ml.optimizer;

import org.hls4ml.model.Layer;
import org.hls4ml.model.ModelGraph;

/** A pass that matches single layers and transforms them; its match and transform sit side by side. */
public interface LayerOptimizerPass extends OptimizerPass {

    boolean match(Layer layer);

    /** Transforms the matched layer; returns true when the graph's structure changed (the flow then starts over). */
    boolean transform(ModelGraph model, Layer layer);
}
