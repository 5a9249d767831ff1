package org.hls4ml.backends.rtl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.hls4ml.backends.rtl.LayerRtl.Unsupported;
import org.hls4ml.backends.rtl.Verilog.Val;
import org.hls4ml.model.WeightVariable;
import org.hls4ml.types.FixedPrecisionType;

/**
 * The time-multiplexed datapath of a sum of products at ReuseFactor &gt; 1 (the schedule of nnet::dense_resource,
 * bit-identical to dense_latency): iteration r of RF handles the block_factor = n_in*n_out/RF flat weights
 * r*bf .. r*bf+bf-1 with bf multipliers (one word of the weights per iteration, ARRAY_RESHAPE cyclic in the C++); for
 * every output the products are accumulated in increasing input index with accum_t's modes, in registers
 * {@code acc_<j>}. The caller owns the control: it latches the n_in inputs into the register {@code x}, loads
 * {@link #load()} and clears the iteration counter {@code r} to start, and on each step assigns {@link #step()} and
 * advances {@code r}; after the step with {@code r == RF-1} the {@link #results()} are the sums.
 */
final class ReuseDense {

    private final int nOut;
    private final int rf;
    private final int rw;
    private final List<String> results = new ArrayList<>();
    private final List<String> biasAcc;

    /**
     * Declares the iteration counter {@code r}, the accumulators, the weight word and input multiplexers in {@code v},
     * for inputs {@code x} (a register of nIn elements of inT, element 0 in the low bits).
     */
    ReuseDense(Verilog v, String x, int nIn, FixedPrecisionType inT, WeightVariable wv, FixedPrecisionType wT,
               List<String> biasAcc, FixedPrecisionType acc, int rf) {
        this.nOut = biasAcc.size();
        this.rf = rf;
        this.biasAcc = biasAcc;
        int n = nIn * nOut;
        if (rf < 2 || n % rf != 0) {
            throw new Unsupported("reuse factor " + rf + " does not divide n_in*n_out = " + n);
        }
        int bf = n / rf;
        boolean rows = bf % nOut == 0;
        if (!rows && nOut % bf != 0) {
            throw new Unsupported("reuse factor " + rf + " gives a block of " + bf
                    + " products that neither covers whole input rows nor divides n_out = " + nOut);
        }
        int xw = inT.width();
        int aw = acc.width();
        int ww = wT.width();
        this.rw = Math.max(1, Verilog.clog2(rf));
        StringBuilder d = v.decls();
        StringBuilder s = v.stmts();
        d.append("    reg [").append(rw - 1).append(":0] r;\n");
        for (int j = 0; j < nOut; j++) {
            d.append("    reg [").append(aw - 1).append(":0] acc_").append(j).append(";\n");
        }
        // the weights of iteration r: one word of bf weights
        d.append("    reg [").append(bf * ww - 1).append(":0] wword;\n");
        s.append("    always @* begin\n        case (r)\n");
        BigInteger mask = BigInteger.ONE.shiftLeft(ww).subtract(BigInteger.ONE);
        for (int r = 0; r < rf; r++) {
            BigInteger word = BigInteger.ZERO;
            for (int k = bf - 1; k >= 0; k--) {
                word = word.shiftLeft(ww).or(Verilog.weightRaw(wv, r * bf + k).and(mask));
            }
            s.append("            ").append(rw).append("'d").append(r).append(": wword = ").append(bf * ww)
                    .append("'h").append(word.toString(16)).append(";\n");
        }
        s.append("            default: wword = ").append(bf * ww).append("'h0;\n        endcase\n    end\n");
        // the inputs used in iteration r
        int nx = rows ? bf / nOut : 1;
        List<Val> xs = new ArrayList<>();
        for (int k = 0; k < nx; k++) {
            String xn = "xsel_" + k;
            d.append("    reg [").append(xw - 1).append(":0] ").append(xn).append(";\n");
            s.append("    always @* begin\n        case (r)\n");
            for (int r = 0; r < rf; r++) {
                int i = rows ? r * nx + k : r / (nOut / bf);
                s.append("            ").append(rw).append("'d").append(r).append(": ").append(xn).append(" = ")
                        .append(Verilog.slice(x, i, xw)).append(";\n");
            }
            s.append("            default: ").append(xn).append(" = {").append(xw)
                    .append("{1'b0}};\n        endcase\n    end\n");
            xs.add(Verilog.of(xn, inT));
        }
        boolean plainWrap = FixedCast.isPlainWrap(acc);
        int accRepr = Verilog.of("A", acc).width();
        if (rows) {
            for (int j = 0; j < nOut; j++) {
                List<String> terms = new ArrayList<>();
                for (int k = 0; k < nx; k++) {
                    Val p = v.mul(j + "_" + k, xs.get(k), Verilog.of(Verilog.slice("wword", k * nOut + j, ww), wT));
                    terms.add(v.wire("t" + j + "_" + k, aw, v.cast(p, acc)));
                }
                results.add(LayerRtl.accumulate(v, "acc" + j, "acc_" + j, terms, acc, plainWrap, accRepr));
            }
        } else {
            int parts = nOut / bf;
            List<String> terms = new ArrayList<>();
            for (int k = 0; k < bf; k++) {
                Val p = v.mul("k" + k, xs.get(0), Verilog.of(Verilog.slice("wword", k, ww), wT));
                terms.add(v.wire("t" + k, aw, v.cast(p, acc)));
            }
            int pw = Math.max(1, Verilog.clog2(parts));
            d.append("    reg [").append(pw - 1).append(":0] part;\n");
            s.append("    always @* begin\n        case (r)\n");
            for (int r = 0; r < rf; r++) {
                s.append("            ").append(rw).append("'d").append(r).append(": part = ").append(pw)
                        .append("'d").append(r % parts).append(";\n");
            }
            s.append("            default: part = ").append(pw).append("'d0;\n        endcase\n    end\n");
            for (int j = 0; j < nOut; j++) {
                String sum = LayerRtl.accumulate(v, "acc" + j, "acc_" + j, List.of(terms.get(j % bf)), acc,
                        plainWrap, accRepr);
                results.add(v.wire("an" + j, aw, "(part == " + pw + "'d" + (j / bf) + ") ? " + sum + " : acc_" + j));
            }
        }
    }

    /** The sums after the current iteration (accum_t wires), output 0 first. */
    List<String> results() {
        return results;
    }

    /** {@code r == RF-1}. */
    String last() {
        return "(r == " + rw + "'d" + (rf - 1) + ")";
    }

    /** Statements (one per line) that start a new vector: r cleared, the accumulators at the biases. */
    String load() {
        StringBuilder sb = new StringBuilder("r <= " + rw + "'d0;\n");
        for (int j = 0; j < nOut; j++) {
            sb.append("acc_").append(j).append(" <= ").append(biasAcc.get(j)).append(";\n");
        }
        return sb.toString();
    }

    /** Statements (one per line) of one iteration: the accumulators take the results, r advances (wrapping). */
    String step() {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < nOut; j++) {
            sb.append("acc_").append(j).append(" <= ").append(results.get(j)).append(";\n");
        }
        sb.append("r <= ").append(last()).append(" ? ").append(rw).append("'d0 : r + ").append(rw).append("'d1;\n");
        return sb.toString();
    }
}
