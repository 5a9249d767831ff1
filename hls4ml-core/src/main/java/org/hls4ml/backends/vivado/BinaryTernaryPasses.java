package org.hls4ml.backends.vivado;

import java.util.List;
import org.hls4ml.model.Layer;
import org.hls4ml.model.ModelGraph;
import org.hls4ml.model.TensorVariable;
import org.hls4ml.model.WeightVariable;
import org.hls4ml.model.layers.Activation;
import org.hls4ml.model.layers.BatchNormalization;
import org.hls4ml.model.layers.BatchNormalizationQuantizedTanh;
import org.hls4ml.model.layers.Dense;
import org.hls4ml.optimizer.LayerOptimizerPass;
import org.hls4ml.types.IntegerPrecisionType;
import org.hls4ml.types.NamedType;

/**
 * hls4ml's quantization passes of the Vivado backend for binary and ternary networks: {@link MergeBatchNormQuantizedTanh}
 * and {@link QuantizeDenseOutput}.
 */
final class BinaryTernaryPasses {

    private BinaryTernaryPasses() {
    }

    static final IntegerPrecisionType INT2 = new IntegerPrecisionType(2, true);

    /**
     * {@code merge_batch_norm_quantized_tanh}: a BatchNormalization whose only consumer is a binary_tanh or
     * ternary_tanh activation becomes one {@link BatchNormalizationQuantizedTanh} named {@code bnbt_<bn>} with the
     * thresholds -bias/scale (and, ternary, +-threshold/scale around them). Differences from hls4ml: a normalization
     * with a non-positive scale is left unfused (a negative scale flips the comparison, which hls4ml's thresholds
     * ignore), and the producer of the normalization's input must have no other consumer.
     */
    static final class MergeBatchNormQuantizedTanh implements LayerOptimizerPass {
        @Override
        public String name() {
            return "merge_batch_norm_quantized_tanh";
        }

        @Override
        public String summary() {
            return "folds BatchNormalization + binary_tanh/ternary_tanh into per-channel thresholds";
        }

        @Override
        public boolean match(Layer l) {
            if (l.getClass() != Activation.class) {
                return false;
            }
            String fn = l.getString("activation");
            if (!fn.equals("binary_tanh") && !fn.equals("ternary_tanh")) {
                return false;
            }
            Layer bn = l.inputLayer(0);
            if (!(bn instanceof BatchNormalization) || l.model().consumers(bn.outputs().get(0)).size() != 1
                    || l.model().consumers(bn.inputs().get(0)).size() != 1 || bn.inputLayer(0) == null) {
                return false;
            }
            WeightVariable s = bn.get("scale", WeightVariable.class);
            if (s == null || bn.get("bias", WeightVariable.class) == null) {
                return false;
            }
            for (double v : s.data().data()) {
                if (!(v > 0)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean transform(ModelGraph model, Layer act) {
            Layer bn = act.inputLayer(0);
            Layer producer = bn.inputLayer(0);
            double[] scale = bn.get("scale", WeightVariable.class).data().data();
            double[] bias = bn.get("bias", WeightVariable.class).data().data();
            double[] t = new double[scale.length];
            for (int k = 0; k < t.length; k++) {
                t[k] = -bias[k] / scale[k];
            }
            boolean binary = act.getString("activation").equals("binary_tanh");
            String name = "bnbt_" + bn.name();
            BatchNormalizationQuantizedTanh q = new BatchNormalizationQuantizedTanh(name, List.of(bn.inputs().get(0)),
                    List.of(name));
            q.set("n_filt", bn.getInt("n_filt"));
            q.set("quantize", binary ? 2 : 3);
            q.set("threshold_real", t);
            q.set("scale_real", scale.clone());
            q.set("ternary_threshold", binary ? 0.5 : act.get("activ_param", Double.class));
            q.set("reuse_factor", bn.getInt("reuse_factor"));
            model.remove(act);
            model.remove(bn);
            model.insertAfter(producer, q);
            TensorVariable out = q.output();
            int[] shape = out.shape();
            out.setStreamDepth(Math.max(1, out.size() / shape[shape.length - 1]));
            return true;
        }
    }

    /**
     * {@code quantize_dense_output}: a Dense with binary or ternary weights ({@code ap_int<2>}, no bias) reading a
     * {@link BatchNormalizationQuantizedTanh} sums integers: its accumulator and result become
     * {@code ap_int<ceil(log2(n_in)) + 2>}, which holds every sum of n_in products in {-1, 0, 1} exactly, and the
     * thresholds of a BatchNormalizationQuantizedTanh reading it are floored to integers of that type.
     */
    static final class QuantizeDenseOutput implements LayerOptimizerPass {
        @Override
        public String name() {
            return "quantize_dense_output";
        }

        @Override
        public String summary() {
            return "integer accumulator and result for a binary/ternary Dense after a BatchNormalizationQuantizedTanh";
        }

        @Override
        public boolean match(Layer l) {
            if (!(l instanceof Dense) || !(l.inputLayer(0) instanceof BatchNormalizationQuantizedTanh)) {
                return false;
            }
            WeightVariable w = l.get("weight", WeightVariable.class);
            WeightVariable b = l.get("bias", WeightVariable.class);
            if (w == null || !INT2.equals(w.type().precision()) || l.output().type().precision().equals(outType(l))) {
                return false;
            }
            for (double v : b == null ? new double[0] : b.data().data()) {
                if (v != 0) {
                    return false;
                }
            }
            return true;
        }

        static IntegerPrecisionType outType(Layer l) {
            int nIn = l.getInt("n_in");
            int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, nIn - 1)) + 2; // ceil(log2(n_in)) + 2
            return new IntegerPrecisionType(bits, true);
        }

        @Override
        public boolean transform(ModelGraph model, Layer l) {
            IntegerPrecisionType t = outType(l);
            l.set("accum_t", new NamedType(l.type("accum_t").name(), t));
            TensorVariable out = l.output();
            out.setType(out.type().withPrecision(t));
            WeightVariable b = l.get("bias", WeightVariable.class);
            if (b != null) {
                b.setType(new NamedType(b.type().name(), INT2));
                l.set("bias_t", new NamedType(l.type("bias_t").name(), INT2));
            }
            for (Layer c : model.consumers(l.outputs().get(0))) {
                if (c instanceof BatchNormalizationQuantizedTanh q) {
                    q.setThresholdType(t);
                }
            }
            return true;
        }
    }
}
