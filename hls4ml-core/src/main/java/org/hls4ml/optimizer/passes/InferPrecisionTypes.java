package org.hls4ml.optimizer.passes;

import java.util.Map;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.model.Layer;
import org.hls4ml.model.ModelGraph;
import org.hls4ml.model.TensorVariable;
import org.hls4ml.model.WeightVariable;
import org.hls4ml.model.layers.Clone;
import org.hls4ml.model.layers.Concatenate;
import org.hls4ml.model.layers.Convolution;
import org.hls4ml.model.layers.Merge;
import org.hls4ml.model.layers.Dense;
import org.hls4ml.optimizer.LayerOptimizerPass;
import org.hls4ml.types.AutoPrecisionType;
import org.hls4ml.types.FixedPoint;
import org.hls4ml.types.FixedPrecisionType;
import org.hls4ml.types.NamedType;
import org.hls4ml.types.PrecisionType;

/**
 * Replaces {@code auto} precisions with concrete ones: a Dense or convolution accumulator gets the exact width of the
 * sum of its products; a result gets the accumulator's (Dense, convolutions), hls4ml's merge type (Merge, Concatenate:
 * see {@link MergePrecision}) or the input's type (other layers); a Clone's copies get its input's named type. Weights cannot be inferred
 * without quantizer information and fail with a message naming the layer.
 */
public final class InferPrecisionTypes implements LayerOptimizerPass {

    @Override
    public String name() {
        return "infer_precision_types";
    }

    @Override
    public String summary() {
        return "replaces 'auto' precisions with inferred ones";
    }

    @Override
    public boolean match(Layer layer) {
        return layer.types().values().stream().anyMatch(t -> t.precision() instanceof AutoPrecisionType)
                || layer.variables().values().stream().anyMatch(v -> v.type().precision() instanceof AutoPrecisionType)
                || layer.weights().values().stream().anyMatch(w -> w.type().precision() instanceof AutoPrecisionType);
    }

    @Override
    public boolean transform(ModelGraph model, Layer layer) {
        for (Map.Entry<String, WeightVariable> w : layer.weights().entrySet()) {
            if (w.getValue().type().precision() instanceof AutoPrecisionType) {
                throw new ConfigurationException("layer '" + layer.name() + "': precision 'auto' for " + w.getKey()
                        + " cannot be inferred (no quantizer); set HLSConfig.LayerName." + layer.name() + ".Precision."
                        + w.getKey() + " to a fixed-point type");
            }
        }
        boolean sumOfProducts = layer instanceof Dense || layer instanceof Convolution;
        if (sumOfProducts && layer.type("accum_t").precision() instanceof AutoPrecisionType) {
            FixedPrecisionType in = fixed(layer.input().type().precision(), layer, "input");
            FixedPrecisionType w = fixed(layer.type("weight_t").precision(), layer, "weight");
            FixedPrecisionType b = fixed(layer.type("bias_t").precision(), layer, "bias");
            FixedPrecisionType prod = FixedPoint.productType(in, w);
            int nIn = layer instanceof Convolution c ? c.nProducts() : layer.getInt("n_in");
            int grow = 32 - Integer.numberOfLeadingZeros(Math.max(1, nIn - 1)) + 1;
            int frac = Math.max(prod.fractional(), b.fractional());
            int integer = Math.max(prod.integer(), b.integer()) + grow;
            FixedPrecisionType acc = new FixedPrecisionType(Math.min(FixedPrecisionType.MAX_WIDTH, integer + frac), integer,
                    true, org.hls4ml.types.RoundingMode.TRN, org.hls4ml.types.SaturationMode.WRAP, 0);
            layer.set("accum_t", layer.type("accum_t").withPrecision(acc));
        }
        for (Map.Entry<String, NamedType> t : layer.types().entrySet()) {
            if (t.getValue().precision() instanceof AutoPrecisionType) {
                PrecisionType p = sumOfProducts ? layer.type("accum_t").precision() : layer.input().type().precision();
                layer.set(t.getKey(), t.getValue().withPrecision(p));
            }
        }
        if (layer instanceof Clone c) {
            for (TensorVariable copy : c.copies()) {
                copy.setType(layer.input().type()); // the copies keep the input's named type
            }
            return false;
        }
        TensorVariable out = layer.output();
        if (out != null && out.type().precision() instanceof AutoPrecisionType) {
            PrecisionType p = sumOfProducts ? layer.type("accum_t").precision()
                    : layer instanceof Merge || layer instanceof Concatenate ? MergePrecision.of(layer)
                    : layer.input().type().precision();
            out.setType(out.type().withPrecision(p));
        }
        return false;
    }

    private static FixedPrecisionType fixed(PrecisionType p, Layer layer, String what) {
        if (p instanceof FixedPrecisionType f) {
            return f;
        }
        if (p instanceof org.hls4ml.types.IntegerPrecisionType i) {
            return i.asFixed();
        }
        throw new ConfigurationException("layer '" + layer.name() + "': the " + what
                + " precision must be known to infer 'auto' types");
    }
}
