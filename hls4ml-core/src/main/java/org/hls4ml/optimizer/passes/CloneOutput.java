package org.hls4ml.optimizer.passes;

import java.util.ArrayList;
import java.util.List;
import org.hls4ml.model.Layer;
import org.hls4ml.model.ModelGraph;
import org.hls4ml.model.layers.Clone;
import org.hls4ml.optimizer.LayerOptimizerPass;

/**
 * hls4ml's {@code clone_output} (io_stream only): a stream can be read once, so a tensor read more than once (by
 * several layers, twice by one layer, or by a layer and as a model output) gets a {@link Clone} right after its producer
 * with one copy per read, {@code <tensor>_cpy<k>}. With io_parallel the array is simply read again.
 */
public final class CloneOutput implements LayerOptimizerPass {

    /** nnet::clone_stream's overloads. */
    static final int MAX_COPIES = 4;

    @Override
    public String name() {
        return "clone_output";
    }

    @Override
    public String summary() {
        return "io_stream: a Clone (nnet::clone_stream) for every tensor read more than once";
    }

    @Override
    public boolean match(Layer layer) {
        return "io_stream".equals(layer.model().config().ioType()) && !(layer instanceof Clone)
                && reads(layer.model(), layer.outputs().get(0)) > 1;
    }

    /** How often a tensor is read: every input position of every consumer, and every model output it is. */
    static int reads(ModelGraph model, String tensor) {
        int n = 0;
        for (Layer c : model.consumers(tensor)) {
            n += (int) c.inputs().stream().filter(tensor::equals).count();
        }
        return n + (int) model.outputs().stream().filter(tensor::equals).count();
    }

    @Override
    public boolean transform(ModelGraph model, Layer layer) {
        String tensor = layer.outputs().get(0);
        int n = reads(model, tensor);
        if (n > MAX_COPIES) {
            throw new org.hls4ml.api.ModelException("layer '" + layer.name() + "' (" + layer.className()
                    + "): its output is read " + n + " times; io_stream clones a stream into at most " + MAX_COPIES
                    + " copies (read it through fewer layers, or use io_parallel)");
        }
        List<String> copies = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            copies.add(tensor + "_cpy" + k);
        }
        model.insertFanOut(tensor, new Clone("clone_" + layer.name(), List.of(tensor), copies));
        return true;
    }
}
