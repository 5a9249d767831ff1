package org.hls4ml.backends.vivado;

import org.hls4ml.model.Layer;
import org.hls4ml.model.ModelGraph;
import org.hls4ml.model.TensorVariable;
import org.hls4ml.optimizer.ModelOptimizerPass;

/**
 * io_stream: gives every stream its default depth, the number of transactions of its tensor (one transaction carries
 * the last dimension), hls4ml's conservative default.
 */
public final class SetStreamDepths implements ModelOptimizerPass {

    @Override
    public String name() {
        return "set_stream_depths";
    }

    @Override
    public String summary() {
        return "io_stream: default FIFO depth of every stream = transactions per sample";
    }

    @Override
    public boolean transform(ModelGraph model) {
        if (!"io_stream".equals(model.config().ioType())) {
            return false;
        }
        for (Layer l : model.layers()) {
            for (TensorVariable v : l.variables().values()) { // a Clone has one per copy
                int[] s = v.shape();
                v.setStreamDepth(Math.max(1, v.size() / s[s.length - 1]));
            }
        }
        return false;
    }
}
