package org.hls4ml.optimizer.passes;

import java.util.Arrays;
import org.hls4ml.model.Layer;
import org.hls4ml.model.ModelGraph;
import org.hls4ml.model.layers.InputLayer;
import org.hls4ml.model.layers.Reshape;
import org.hls4ml.optimizer.LayerOptimizerPass;

/**
 * Removes a Reshape (or Flatten) that does not change the memory layout: always with io_parallel (arrays are flat),
 * and with io_stream when the stream element (the last dimension) stays the same.
 */
public final class RemoveUselessReshape implements LayerOptimizerPass {

    @Override
    public String name() {
        return "remove_useless_reshape";
    }

    @Override
    public String summary() {
        return "removes Reshape/Flatten layers that leave the data layout unchanged";
    }

    @Override
    public boolean match(Layer layer) {
        if (!(layer instanceof Reshape)) {
            return false;
        }
        // keep a reshape that is the whole model's only operation on an input (it then defines the output)
        if (layer.inputLayer(0) instanceof InputLayer && layer.model().outputs().contains(layer.outputs().get(0))) {
            return false;
        }
        int[] in = layer.input().shape();
        int[] out = layer.outputShape();
        boolean parallel = "io_parallel".equals(layer.model().config().ioType());
        return parallel || in[in.length - 1] == out[out.length - 1] || Arrays.equals(in, out);
    }

    @Override
    public boolean transform(ModelGraph model, Layer layer) {
        int[] out = layer.outputShape();
        Layer producer = layer.inputLayer(0);
        model.remove(layer);
        // the producer's tensor now carries the reshaped shape for its consumers
        if (producer.output().size() == product(out) && producer.output().shape().length != out.length) {
            producer.set("result", reshaped(producer, out));
        }
        return true;
    }

    private static org.hls4ml.model.TensorVariable reshaped(Layer producer, int[] shape) {
        org.hls4ml.model.TensorVariable v = producer.output();
        org.hls4ml.model.TensorVariable n = new org.hls4ml.model.TensorVariable(v.name(), shape, v.type());
        n.setStreamDepth(v.streamDepth());
        return n;
    }

    private static int product(int[] s) {
        int n = 1;
        for (int d : s) {
            n *= d;
        }
        return n;
    }
}
