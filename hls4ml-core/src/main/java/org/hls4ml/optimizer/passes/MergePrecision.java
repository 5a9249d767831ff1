package org.hls4ml.optimizer.passes;

import org.hls4ml.api.ConfigurationException;
import org.hls4ml.model.Layer;
import org.hls4ml.model.layers.Merge;
import org.hls4ml.types.FixedPrecisionType;
import org.hls4ml.types.IntegerPrecisionType;
import org.hls4ml.types.PrecisionType;

/**
 * hls4ml's inferred result precision of a two-input layer whose result is {@code auto}: add, subtract, average: one
 * integer bit more than the wider input (an unsigned input counting one bit more when the other is signed), the larger
 * fractional part, signed if either input is (subtract: always); multiply: the widths and integer bits added;
 * maximum, minimum and Concatenate: the larger integer part (an unsigned input counting one more bit when the result is
 * signed) and the larger fractional part. Rounding TRN, overflow WRAP, as hls4ml's FixedPrecisionType defaults.
 */
final class MergePrecision {

    private MergePrecision() {
    }

    static PrecisionType of(Layer l) {
        FixedPrecisionType a = fixed(l, 0);
        FixedPrecisionType b = fixed(l, 1);
        String op = l instanceof Merge m ? m.op() : "concatenate";
        boolean signed = a.signed() || b.signed();
        int frac = Math.max(a.fractional(), b.fractional());
        int integer;
        int width;
        switch (op) {
            case "add", "subtract", "average" -> {
                signed = signed || op.equals("subtract");
                integer = Math.max(a.integer() + (b.signed() && !a.signed() ? 1 : 0),
                        b.integer() + (a.signed() && !b.signed() ? 1 : 0)) + 1;
                width = integer + frac;
            }
            case "multiply" -> {
                integer = a.integer() + b.integer();
                width = a.width() + b.width();
            }
            default -> {
                integer = Math.max(a.integer() + (signed && !a.signed() ? 1 : 0),
                        b.integer() + (signed && !b.signed() ? 1 : 0));
                width = integer + frac;
            }
        }
        return new FixedPrecisionType(Math.min(FixedPrecisionType.MAX_WIDTH, width), integer, signed,
                org.hls4ml.types.RoundingMode.TRN, org.hls4ml.types.SaturationMode.WRAP, 0);
    }

    private static FixedPrecisionType fixed(Layer l, int k) {
        PrecisionType p = l.input(k).type().precision();
        if (p instanceof FixedPrecisionType f) {
            return f;
        }
        if (p instanceof IntegerPrecisionType i) {
            return i.asFixed();
        }
        throw new ConfigurationException("layer '" + l.name() + "': the precision of input " + (k + 1)
                + " must be known to infer its 'auto' result type");
    }
}
