package org.hls4ml.backends.vivado;

import java.util.ArrayList;
import java.util.List;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.backends.Backend;
import org.hls4ml.model.Layer;
import org.hls4ml.model.layers.Convolution;
import org.hls4ml.model.layers.Dense;
import org.hls4ml.model.layers.DepthwiseConvolution;
import org.hls4ml.model.layers.Softmax;
import org.hls4ml.optimizer.Flow;
import org.hls4ml.optimizer.LayerOptimizer;
import org.hls4ml.optimizer.OptimizerRegistry;
import org.hls4ml.optimizer.passes.EliminateLinearActivation;
import org.hls4ml.optimizer.passes.InferPrecisionTypes;
import org.hls4ml.optimizer.passes.OutputRoundingSaturationMode;
import org.hls4ml.optimizer.passes.RemoveUselessReshape;

/** The Vivado HLS backend: hls4ml's {@code vivado:*} passes and flows, with {@code vivado:ip} as the default flow. */
public class VivadoBackend implements Backend {

    @Override
    public String name() {
        return "Vivado";
    }

    @Override
    public String prefix() {
        return "vivado";
    }

    @Override
    public String hlsTool() {
        return "vivado_hls";
    }

    @Override
    public String defaultFlow() {
        return prefix() + ":ip";
    }

    @Override
    public void register(OptimizerRegistry r) {
        String p = prefix();
        // backend-independent passes and flows
        r.register("", new OutputRoundingSaturationMode());
        r.register("", new EliminateLinearActivation());
        r.register("", new RemoveUselessReshape());
        r.register("", new InferPrecisionTypes());
        r.register(new Flow("convert", List.of("output_rounding_saturation_mode"), List.of(),
                "settings that follow from the converted model"));
        r.register(new Flow("optimize", List.of("eliminate_linear_activation", "remove_useless_reshape"), List.of("convert"),
                "backend-independent graph simplifications"));

        // backend passes: annotated methods of this class, stream sizing and the C++ templates
        r.registerAnnotated(p, this);
        r.register(p, new SetStreamDepths());
        List<String> templates = new ArrayList<>();
        for (var t : VivadoTemplates.all()) {
            r.register(p, t);
            templates.add(p + ":" + t.name());
        }

        // Each flow requires the one before: layers are initialized on the simplified graph; stream depths need the
        // final set of tensors; 'auto' types are inferred once every layer knows its inputs; templates come last
        // because they print the final types and sizes.
        r.register(new Flow(p + ":init_layers", List.of(p + ":init_dense", p + ":init_conv", p + ":init_softmax"), List.of("optimize"),
                "backend settings per layer (reuse factor, strategy)"));
        r.register(new Flow(p + ":streaming", List.of(p + ":set_stream_depths"), List.of(p + ":init_layers"),
                "io_stream: FIFO depth of every inter-layer stream"));
        r.register(new Flow(p + ":quantization", List.of("infer_precision_types"), List.of(p + ":streaming"),
                "concrete types for 'auto' precisions"));
        r.register(new Flow(p + ":apply_templates", templates, List.of(p + ":quantization"),
                "C++ config structs and function calls of every layer"));
        r.register(new Flow(p + ":ip", List.of(), List.of(p + ":apply_templates"),
                "the default flow: everything the writer needs"));
        // hls4ml's FIFO sizing: the pass records the request; hls4ml:cosim profiles, resizes and re-verifies
        String fifoFlow = p + ":" + FifoDepthOptimization.NAME;
        r.register(p, new FifoDepthOptimization(fifoFlow));
        r.register(new Flow(fifoFlow, List.of(fifoFlow), List.of(p + ":ip"),
                "io_stream: size every inter-layer FIFO from a co-simulation at profiling_fifo_depth (max occupancy + 1)"));
    }

    /** Valid reuse factors of a Dense layer with these sizes (hls4ml's rule), ascending. */
    public static List<Integer> validReuseFactors(int nIn, int nOut) {
        List<Integer> out = new ArrayList<>();
        long total = (long) nIn * nOut;
        for (int rf = 1; rf <= total; rf++) {
            if (total % rf != 0) {
                continue;
            }
            int multfactor = Math.min(nIn, rf);
            long multiplierLimit = (total + multfactor - 1) / multfactor;
            boolean ok = (multiplierLimit % nOut == 0) || rf >= nIn;
            ok = ok && ((rf % nIn == 0) || rf < nIn);
            if (ok) {
                out.add(rf);
            }
        }
        return out;
    }

    /** The valid reuse factor nearest to the chosen one (ties go to the smaller). */
    public static int closestReuseFactor(List<Integer> valid, int chosen) {
        int best = valid.get(0);
        for (int v : valid) {
            if (Math.abs(v - chosen) < Math.abs(best - chosen)) {
                best = v;
            }
        }
        return best;
    }

    /** Checks the Dense reuse factor (nearest valid one with a warning) and counts the zero weights. */
    @LayerOptimizer(value = Dense.class, summary = "validates the reuse factor (nearest valid one, with a warning) and counts zero weights")
    public void initDense(Layer layer) {
        checkReuseFactor(layer, layer.getInt("n_in"), layer.getInt("n_out"));
        layer.set("n_zeros", zeroWeights(layer));
    }

    /**
     * Convolutions: each output pixel is a Dense over its window (n_in = filt_height * filt_width * n_chan products per
     * output value, n_out = n_filt; for a depthwise convolution one Dense per channel, n_in = filt_height * filt_width,
     * n_out = depth_multiplier), so the strategy and reuse factor are the Dense ones of that product, checked by the
     * same rule (hls4ml's), and counts the zero weights.
     */
    @LayerOptimizer(value = Convolution.class, summary = "validates the per-pixel dense reuse factor (nearest valid one, with a warning) and counts zero weights")
    public void initConv(Layer layer) {
        Convolution c = (Convolution) layer;
        checkReuseFactor(layer, c.nProducts(), c.denseOutputs());
        // a depthwise convolution's Dense is one channel's: its zero count would be per channel, so none is claimed
        layer.set("n_zeros", layer instanceof DepthwiseConvolution ? 0 : zeroWeights(layer));
    }

    /** Replaces an invalid reuse factor of a sum of products n_in x n_out by the nearest valid one, with a warning. */
    private static void checkReuseFactor(Layer layer, int nIn, int nOut) {
        int rf = layer.getInt("reuse_factor");
        List<Integer> valid = validReuseFactors(nIn, nOut);
        if (!valid.contains(rf)) {
            int closest = closestReuseFactor(valid, rf);
            layer.model().warn("layer '" + layer.name() + "': ReuseFactor " + rf + " is not valid for n_in=" + nIn + ", n_out="
                    + nOut + "; using " + closest + " instead. Valid values: " + valid);
            layer.set("reuse_factor", closest);
        }
    }

    private static int zeroWeights(Layer layer) {
        var w = layer.weights().get("weight");
        int zeros = 0;
        if (w != null) {
            for (double v : w.data().data()) {
                if (v == 0.0) {
                    zeros++;
                }
            }
        }
        return zeros;
    }

    /** Checks the softmax settings that hls4ml only finds at C++ compile time. */
    @LayerOptimizer(value = Softmax.class, summary = "checks the softmax implementation and table settings")
    public void initSoftmax(Layer layer) {
        String impl = layer.getString("implementation");
        if (impl == null) {
            layer.set("implementation", "stable");
        }
        int n = layer.getInt("table_size");
        for (String t : List.of("exp_table_t", "inv_table_t")) {
            if (layer.fixed(t).width() > 53) {
                throw new ConfigurationException("layer '" + layer.name() + "': " + t + " " + layer.fixed(t).cppType()
                        + " is wider than 53 bits; table values are emitted as doubles, use a narrower table type");
            }
        }
        if (Integer.bitCount(n) != 1) {
            throw new ConfigurationException("layer '" + layer.name() + "': table_size " + n + " must be a power of two");
        }
    }
}
