package org.hls4ml.optimizer.passes;

import org.hls4ml.model.Layer;
import org.hls4ml.model.ModelGraph;
import org.hls4ml.model.layers.Activation;
import org.hls4ml.model.layers.InputLayer;
import org.hls4ml.optimizer.LayerOptimizerPass;

/** Removes a linear activation that does not change the precision (it would be a plain copy). */
public final class EliminateLinearActivation implements LayerOptimizerPass {

    @Override
    public String name() {
        return "eliminate_linear_activation";
    }

    @Override
    public String summary() {
        return "removes linear activations whose output precision equals their input's";
    }

    @Override
    public boolean match(Layer layer) {
        return layer.getClass() == Activation.class && "linear".equals(layer.getString("activation"))
                && layer.output() != null
                && layer.output().type().precision().equals(layer.input().type().precision())
                && !(layer.inputLayer(0) instanceof InputLayer && layer.model().outputs().contains(layer.outputs().get(0)));
    }

    @Override
    public boolean transform(ModelGraph model, Layer layer) {
        model.remove(layer);
        return true;
    }
}
