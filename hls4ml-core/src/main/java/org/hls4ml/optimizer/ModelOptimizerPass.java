package org.hls4ml.optimizer;

import org.hls4ml.model.ModelGraph;

/** A pass over the whole model, applied once per flow run. */
public interface ModelOptimizerPass extends OptimizerPass {

    /** Returns true when the model changed. */
    boolean transform(ModelGraph model);
}
