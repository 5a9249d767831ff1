package org.hls4ml.backends.rtl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hls4ml.backends.rtl.Verilog.Val;
import org.hls4ml.backends.vivado.LookupTables;
import org.hls4ml.model.Layer;
import org.hls4ml.model.TensorVariable;
import org.hls4ml.model.WeightVariable;
import org.hls4ml.model.layers.Activation;
import org.hls4ml.model.layers.BatchNormalization;
import org.hls4ml.model.layers.BatchNormalizationQuantizedTanh;
import org.hls4ml.model.layers.Convolution;
import org.hls4ml.model.layers.Dense;
import org.hls4ml.model.layers.GlobalPooling;
import org.hls4ml.model.layers.Margins;
import org.hls4ml.model.layers.Pooling;
import org.hls4ml.model.layers.Reshape;
import org.hls4ml.model.layers.Softmax;
import org.hls4ml.types.FixedPoint;
import org.hls4ml.types.FixedPrecisionType;
import org.hls4ml.types.IntegerPrecisionType;
import org.hls4ml.types.PrecisionType;
import org.hls4ml.types.RoundingMode;
import org.hls4ml.types.SaturationMode;
import org.hls4ml.types.NamedType;

/**
 * The computed part of each layer module: the datapath and its control, as Verilog text. Every module has the same
 * ports ({@code ap_clk}, {@code ap_rst_n}, {@code in_data/in_valid/in_ready}, {@code out_data/out_valid/out_ready});
 * one stream transaction is one packed array of the layer's stream type, element 0 in the least significant bits.
 */
final class LayerRtl {

    /** A generated layer: module body text (declarations, logic), the ROM modules it uses and the stream widths. */
    record Module(List<Verilog.Rom> roms, String body, int inWidth, int outWidth, String description) {
    }

    /** Thrown for a layer (or layer setting) the RTL backend does not implement. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String msg) {
            super(msg);
        }
    }

    private LayerRtl() {
    }

    static FixedPrecisionType fixed(TensorVariable v) {
        return fixed(v.type().precision(), "tensor " + v.name());
    }

    /**
     * The fixed-point view of a type as a cast target: ap_fixed / ap_ufixed as they are; ap_int&lt;W&gt; /
     * ap_uint&lt;W&gt; as ap_(u)fixed&lt;W,W,AP_TRN_ZERO,AP_WRAP&gt;. The bundled ap types convert an ap value with
     * fractional bits into an integer type by truncation toward zero then wrapping (any other source is exact before
     * the wrap), and an integer takes part in products and sums as the ap_fixed&lt;W,W&gt; of the same value.
     */
    static FixedPrecisionType fixed(PrecisionType p, String what) {
        if (p instanceof FixedPrecisionType f) {
            return f;
        }
        if (p instanceof IntegerPrecisionType i) {
            return i.asFixed().withModes(RoundingMode.TRN_ZERO, SaturationMode.WRAP);
        }
        throw new Unsupported(what + " has non-fixed-point type " + p.cppType());
    }

    /** {@link #fixed(PrecisionType, String)} of type attribute {@code attr} of l. */
    static FixedPrecisionType fixed(Layer l, String attr) {
        NamedType t = l.type(attr);
        if (t == null) {
            throw new IllegalStateException("layer '" + l.name() + "' has no type '" + attr + "'");
        }
        return fixed(t.precision(), "type " + attr);
    }

    /**
     * Test bench view of a model input / output type: as {@link #fixed(PrecisionType, String)} but an integer
     * type converts a double with AP_TRN (the bundled ap types' constructor from double floors).
     */
    static FixedPrecisionType portFixed(TensorVariable v) {
        if (v.type().precision() instanceof IntegerPrecisionType i) {
            return i.asFixed();
        }
        return fixed(v);
    }

    /** Elements per stream transaction (the last dimension, as the HLS stream type). */
    static int packSize(TensorVariable v) {
        int[] s = v.shape();
        return s[s.length - 1];
    }

    /** The module of layer l, named {@code module} (its ROM modules are named after it). */
    static Module generate(Layer l, String module) {
        fixedPointOnly(l);
        if (l instanceof Dense) {
            return dense(l, module);
        }
        if (l instanceof Softmax) {
            return softmax(l, module);
        }
        if (l instanceof Activation) {
            return activation(l, module);
        }
        if (l instanceof BatchNormalization) {
            return batchnorm(l, module);
        }
        if (l instanceof BatchNormalizationQuantizedTanh) {
            return thresholds(l, module);
        }
        if (l instanceof Convolution) {
            return ConvRtl.conv(l, module);
        }
        if (l instanceof Reshape) {
            return ConvRtl.repack(l, module);
        }
        if (l instanceof Pooling) {
            return PoolingRtl.pooling(l, module);
        }
        if (l instanceof GlobalPooling) {
            return PoolingRtl.global(l, module);
        }
        if (l instanceof Margins) {
            return GatherRtl.gather(l, module);
        }
        throw new Unsupported("no RTL implementation");
    }

    /** Type attributes read only as constants quantized from doubles (tables, parameters): fixed point only. */
    private static final java.util.Set<String> TABLE_TYPES = java.util.Set.of("table_t", "exp_table_t",
            "inv_table_t", "inv_inp_t", "inp_norm_t", "param_t");

    /**
     * Refuses an integer (ap_int / ap_uint) table or parameter type: the C++ quantizes their double values with the
     * integer type's AP_TRN (floor) while the same type is a cast target with truncation toward zero; only tensor,
     * accumulator, weight, bias and scale types may be integers.
     */
    private static void fixedPointOnly(Layer l) {
        for (Map.Entry<String, NamedType> t : l.types().entrySet()) {
            PrecisionType p = t.getValue().precision();
            if (p instanceof IntegerPrecisionType && TABLE_TYPES.contains(t.getKey())) {
                throw new Unsupported("type " + t.getKey() + " is " + p.cppType()
                        + "; the RTL backend handles ap_fixed / ap_ufixed table and parameter types only");
            }
        }
    }

    // ------------------------------------------------------------------ Dense

    /**
     * Dense: the schedule of nnet::dense_resource for both strategies (they are bit-identical in C++): ReuseFactor 1
     * fully parallel ({@link #parallelDense}); RF &gt; 1 on {@link ReuseDense} (iteration r of RF handles the
     * block_factor = n_in*n_out/RF flat weights r*bf .. r*bf+bf-1 with bf multipliers); for every output the products
     * are accumulated in increasing input index with accum_t's modes. A new vector is accepted every RF cycles.
     */
    static Module dense(Layer l, String module) {
        int nIn = l.getInt("n_in");
        int nOut = l.getInt("n_out");
        int rf = l.getInt("reuse_factor");
        TensorVariable in = l.input();
        TensorVariable out = l.output();
        if (packSize(in) != in.size() || packSize(out) != out.size() || in.size() != nIn || out.size() != nOut) {
            throw new Unsupported("Dense on a multi-dimensional tensor (more than one stream transaction per sample)");
        }
        if (rf < 1) {
            throw new Unsupported("reuse factor " + rf);
        }
        FixedPrecisionType inT = fixed(in);
        FixedPrecisionType outT = fixed(out);
        FixedPrecisionType acc = fixed(l, "accum_t");
        FixedPrecisionType wT = fixed(l, "weight_t");
        FixedPrecisionType bT = fixed(l, "bias_t");
        WeightVariable wv = l.weights().get("weight");
        WeightVariable bv = l.weights().get("bias");
        int xw = inT.width();
        Verilog v = new Verilog(module);
        StringBuilder d = v.decls();
        StringBuilder s = v.stmts();

        // bias as accum_t
        List<String> biasAcc = new ArrayList<>();
        for (int j = 0; j < nOut; j++) {
            BigInteger b = Verilog.weightRaw(bv, j);
            biasAcc.add(Verilog.rawLiteral(FixedPoint.convert(b, bT.fractional(), acc), acc));
        }
        d.append("    reg [").append(nIn * xw - 1).append(":0] x_q;\n");
        d.append("    reg busy;\n    reg out_valid_q;\n    reg [").append(nOut * outT.width() - 1).append(":0] out_q;\n");
        List<String> results;
        ReuseDense rd = null;
        if (rf == 1) {
            List<Val> xs = new ArrayList<>();
            for (int i = 0; i < nIn; i++) {
                xs.add(Verilog.of(Verilog.slice("x_q", i, xw), inT));
            }
            results = parallelDense(v, xs, wv, wT, biasAcc, acc);
        } else {
            rd = new ReuseDense(v, "x_q", nIn, inT, wv, wT, biasAcc, acc, rf);
            results = rd.results();
        }
        s.append("    wire last = ").append(rd == null ? "1'b1" : rd.last()).append(";\n");
        s.append("    wire can_out = ~out_valid_q | out_ready;\n");
        s.append("    wire step = busy & (~last | can_out);\n");
        s.append("    assign in_ready = ~busy | (last & can_out);\n");
        s.append("    assign out_valid = out_valid_q;\n    assign out_data = out_q;\n");
        // result of the last iteration, cast to the output type
        List<String> outs = new ArrayList<>();
        for (int j = nOut - 1; j >= 0; j--) {
            outs.add(v.cast(Verilog.of(results.get(j), acc), outT));
        }
        openOutputRegister(s, "busy <= 1'b0;\n");
        s.append("            if (step) begin\n");
        if (rd != null) {
            for (String line : rd.step().split("\n")) {
                s.append("                ").append(line).append('\n');
            }
        }
        s.append("                if (last) begin\n                    out_q <= {").append(String.join(",\n                        ", outs))
                .append("};\n                    out_valid_q <= 1'b1;\n                    busy <= 1'b0;\n");
        s.append("                end\n            end\n");
        s.append("            if (in_valid & ~busy | in_valid & last & can_out) begin\n");
        s.append("                x_q <= in_data;\n                busy <= 1'b1;\n");
        if (rd != null) {
            for (String line : rd.load().split("\n")) {
                s.append("                ").append(line).append('\n');
            }
        }
        s.append("            end\n        end\n    end\n");
        int bf = nIn * nOut / rf;
        String desc = "Dense " + l.name() + ": " + nIn + " -> " + nOut + ", strategy " + l.getString("strategy")
                + ", reuse factor " + rf + " (" + bf + " multipliers, a new input every " + rf + " cycles); accum_t "
                + acc.cppType() + ", weight_t " + wT.cppType() + ", bias_t " + bT.cppType() + ", result "
                + outT.cppType();
        return new Module(v.roms(), d.toString() + s, nIn * xw, nOut * outT.width(), desc);
    }

    /**
     * nnet::dense with every product in parallel (ReuseFactor 1): output j is the bias {@code biasAcc[j]} (as accum_t)
     * plus (accum_t) (x_i * w[i * n_out + j]) for increasing i, in accum_t; returns the sums (accum_t wires).
     */
    static List<String> parallelDense(Verilog v, List<Val> xs, WeightVariable wv, FixedPrecisionType wT,
                                      List<String> biasAcc, FixedPrecisionType acc) {
        int nOut = biasAcc.size();
        boolean plainWrap = FixedCast.isPlainWrap(acc);
        int accRepr = Verilog.of("A", acc).width();
        List<String> sums = new ArrayList<>();
        for (int j = 0; j < nOut; j++) {
            List<String> terms = new ArrayList<>();
            for (int i = 0; i < xs.size(); i++) {
                BigInteger raw = Verilog.weightRaw(wv, i * nOut + j);
                if (raw.signum() != 0) { // a zero product adds nothing in every accum_t mode
                    Val p = v.mul(j + "_" + i, xs.get(i), Verilog.constant(raw, wT));
                    terms.add(v.wire("t" + j + "_" + i, acc.width(), v.cast(p, acc)));
                }
            }
            sums.add(accumulate(v, "acc" + j, biasAcc.get(j), terms, acc, plainWrap, accRepr));
        }
        return sums;
    }

    /**
     * Opens the clocked block of a module with an output register {@code out_valid_q}: on reset, clears it and runs
     * {@code resets} (statements, one per line); otherwise, clears it when the output is taken, then the caller's
     * statements follow, closed by {@code "        end\n    end\n"}.
     */
    static void openOutputRegister(StringBuilder s, String resets) {
        s.append("    always @(posedge ap_clk) begin\n        if (!ap_rst_n) begin\n            out_valid_q <= 1'b0;\n");
        for (String line : resets.split("\n")) {
            if (!line.isEmpty()) {
                s.append("            ").append(line).append('\n');
            }
        }
        s.append("        end else begin\n            if (out_valid_q & out_ready) out_valid_q <= 1'b0;\n");
    }

    /** start + terms with accum_t's semantics (each partial sum converted back to accum_t), as a wire name. */
    static String accumulate(Verilog v, String prefix, String start, List<String> terms, FixedPrecisionType acc,
                             boolean plainWrap, int accRepr) {
        if (terms.isEmpty()) {
            return v.wire(prefix, acc.width(), start);
        }
        if (plainWrap) {
            // wrapping is reduction modulo 2^W: any summation order gives the same bits
            List<String> all = new ArrayList<>();
            all.add(start);
            all.addAll(terms);
            return v.wire(prefix, acc.width(), Verilog.tree(all));
        }
        String a = v.wire(prefix, acc.width(), start);
        for (String t : terms) {
            Val sum = Verilog.add(Verilog.of(a, acc), Verilog.of(t, acc), false);
            a = v.wire(prefix, acc.width(), v.cast(sum, acc));
        }
        return a;
    }

    // ------------------------------------------------------------------ activations

    /** One register stage per stream transaction: out = f(in) element by element; II = 1. */
    static Module activation(Layer l, String module) {
        String fn = l.getString("activation");
        TensorVariable in = l.input();
        TensorVariable out = l.output();
        FixedPrecisionType inT = fixed(in);
        FixedPrecisionType outT = fixed(out);
        int p = packSize(in);
        if (packSize(out) != p) {
            throw new Unsupported("activation with different input and output pack sizes");
        }
        if (!Activation.FUNCTIONS.contains(fn)) {
            throw new Unsupported("activation '" + fn + "' has no RTL implementation");
        }
        Verilog v = new Verilog(module);
        List<String> outs = new ArrayList<>();
        int n = l.getInt("table_size");
        String rom = null;
        if (LookupTables.activation(fn, n, l.fixed("table_t")) != null) {
            rom = fn + "_rom";
            v.rom(rom, Verilog.clog2(n), romValues(l, fn, outT), outT, fn + " table (" + n + " entries of "
                    + l.fixed("table_t").cppType() + ", as " + outT.cppType() + ")");
        }
        int transactions = in.size() / p;
        if (fn.equals("prelu") && transactions > 1) {
            preluAlphaRoms(l, v, p, transactions);
        }
        for (int k = p - 1; k >= 0; k--) {
            String bits = Verilog.slice("in_data", k, inT.width());
            outs.add(fn.equals("prelu") ? preluValue(l, v, Verilog.of(bits, inT), outT, k, transactions, "e" + k)
                    : activationValue(l, v, fn, Verilog.of(bits, inT), outT, rom, "e" + k));
        }
        String body = registerStage(v, "{" + String.join(",\n        ", outs) + "}", p * outT.width());
        String desc = "Activation " + l.name() + ": " + fn + " on " + in.size() + " values, " + p
                + " per transaction; input " + inT.cppType() + ", result " + outT.cppType();
        return new Module(v.roms(), body, p * inT.width(), p * outT.width(), desc);
    }

    /** The ROM words of a table activation: the C++'s (res_T) table[i], for elu (res_T) (alpha * table[i]). */
    private static List<BigInteger> romValues(Layer l, String fn, FixedPrecisionType outT) {
        FixedPrecisionType tableT = l.fixed("table_t");
        List<BigInteger> res = new ArrayList<>();
        BigInteger alpha = FixedPoint.quantize(l.get("activ_param", Double.class), outT); // elu: alpha as res_T
        for (BigInteger t : LookupTables.activation(fn, l.getInt("table_size"), tableT)) {
            res.add(fn.equals("elu") ? FixedPoint.convert(alpha.multiply(t), outT.fractional() + tableT.fractional(), outT)
                    : FixedPoint.convert(t, tableT.fractional(), outT));
        }
        return res;
    }

    /** One element of an activation: the raw bits of the result type, as an expression (see nnet_activation.h). */
    private static String activationValue(Layer l, Verilog v, String fn, Val x, FixedPrecisionType outT, String rom,
                                          String prefix) {
        String zero = outT.width() + "'h0";
        String nonNegative = "~" + Verilog.signBit(x);
        return switch (fn) {
            case "linear" -> v.cast(x, outT);
            case "relu" -> positive(v, prefix + "_p", x) + " ? " + v.cast(x, outT) + " : " + zero;
            case "leaky_relu" -> positive(v, prefix + "_p", x) + " ? " + v.cast(x, outT) + " : "
                    + v.cast(v.mul(prefix, param(l), x), outT);
            case "thresholded_relu" -> positive(v, prefix + "_p", Verilog.add(x, param(l), true)) + " ? "
                    + v.cast(x, outT) + " : " + zero;
            case "relu_max" -> {
                Val max = param(l);
                String clipped = Verilog.rawLiteral(FixedPoint.convert(
                        FixedPoint.quantize(l.get("activ_param", Double.class), l.fixed("param_t")), max.frac(), outT),
                        outT);
                yield Verilog.signBit(x) + " ? " + zero + " : " + positive(v, prefix + "_p", Verilog.add(x, max, true))
                        + " ? " + clipped + " : " + v.cast(x, outT);
            }
            case "hard_sigmoid" -> {
                // slope 0.2 as ap_ufixed<16,0>, shift 0.5 as ap_ufixed<1,0>: y = slope * x + shift, exact
                FixedPrecisionType slopeT = FixedPrecisionType.unsigned(16, 0);
                FixedPrecisionType shiftT = FixedPrecisionType.unsigned(1, 0);
                Val prod = v.mul(prefix, Verilog.constant(FixedPoint.quantize(0.2, slopeT), slopeT), x);
                Val sum = Verilog.add(prod, Verilog.constant(FixedPoint.quantize(0.5, shiftT), shiftT), false);
                Val y = new Val(v.wire(prefix + "_y", sum.width(), sum.expr()), sum.width(), sum.frac());
                Val one = Verilog.constant(BigInteger.ONE, FixedPrecisionType.of(2, 2));
                yield positive(v, prefix + "_gt1", Verilog.add(y, one, true)) + " ? "
                        + Verilog.rawLiteral(FixedPoint.quantize(1.0, outT), outT) + " : " + Verilog.signBit(y)
                        + " ? " + zero + " : " + v.cast(y, outT);
            }
            case "elu", "selu" -> {
                Val neg = Verilog.add(new Val((x.width()) + "'h0", x.width(), x.frac()), x, true);
                Val negW = new Val(v.wire(prefix + "_neg", neg.width(), neg.expr()), neg.width(), neg.frac());
                String idx = tableIndex(v, prefix + "_idx", negW, l.getInt("table_size"), 8, 0);
                String positive = fn.equals("elu") ? v.cast(x, outT) : v.cast(v.mul(prefix, Verilog.constant(
                        FixedPoint.quantize(LookupTables.SELU_SCALE, outT), outT), x), outT);
                yield nonNegative + " ? " + positive + " : " + v.romRead(rom, idx);
            }
            // binary_tanh / ternary_tanh: the C++ ops' comparisons, the constants converted to the result type
            case "binary_tanh" -> positive(v, prefix + "_p", x) + " ? " + Verilog.rawLiteral(FixedPoint.quantize(1.0, outT),
                    outT) + " : " + Verilog.rawLiteral(FixedPoint.quantize(-1.0, outT), outT);
            case "ternary_tanh" -> positive(v, prefix + "_hi", Verilog.add(x, param(l), true)) + " ? "
                    + Verilog.rawLiteral(FixedPoint.quantize(1.0, outT), outT) + " : ~"
                    + positive(v, prefix + "_lo", Verilog.add(x, param(l), false)) + " ? "
                    + Verilog.rawLiteral(FixedPoint.quantize(-1.0, outT), outT) + " : " + zero;
            case "hard_tanh" -> {
                // x > 1 ? 1 : x < -1 ? -1 : x, as the C++ hard_tanh_op (then converted to the result type)
                Val one = Verilog.constant(BigInteger.ONE, FixedPrecisionType.of(2, 2));
                Val sum = Verilog.add(x, one, false);
                Val plusOne = new Val(v.wire(prefix + "_p1", sum.width(), sum.expr()), sum.width(), sum.frac());
                yield positive(v, prefix + "_gt1", Verilog.add(x, one, true)) + " ? "
                        + Verilog.rawLiteral(FixedPoint.quantize(1.0, outT), outT) + " : "
                        + Verilog.signBit(plusOne) + " ? "
                        + Verilog.rawLiteral(FixedPoint.quantize(-1.0, outT), outT) + " : " + v.cast(x, outT);
            }
            case "sigmoid", "softplus", "softsign", "tanh" ->
                    v.romRead(rom, symmetricIndex(v, prefix + "_idx", x, l.getInt("table_size"),
                            fn.equals("tanh") ? 8 : 16));
            default -> throw new Unsupported("activation '" + fn + "' has no RTL implementation");
        };
    }

    /**
     * PReLU element k of a transaction: x &gt; 0 ? (res_T) x : (res_T) (alpha * x), alpha of param_t: the constant
     * alpha[k] when the tensor is one transaction, else lane k's ROM read at the transaction counter (element
     * t * p + k of the tensor in transaction t).
     */
    private static String preluValue(Layer l, Verilog v, Val x, FixedPrecisionType outT, int k, int transactions,
                                     String prefix) {
        FixedPrecisionType t = l.fixed("param_t");
        Val a = transactions == 1 ? Verilog.constant(Verilog.weightRaw(l.weights().get("alpha"), k), t)
                : Verilog.of(v.romRead("alpha" + k, "tcount"), t);
        return positive(v, prefix + "_p", x) + " ? " + v.cast(x, outT) + " : " + v.cast(v.mul(prefix, a, x), outT);
    }

    /**
     * PReLU over several transactions per sample: a transaction counter {@code tcount} (0 after reset and after the
     * last transaction of a sample, advancing with every transaction taken by the register stage) and per lane k a
     * ROM of alpha[t * p + k] for t below {@code transactions}.
     */
    private static void preluAlphaRoms(Layer l, Verilog v, int p, int transactions) {
        FixedPrecisionType t = l.fixed("param_t");
        WeightVariable alpha = l.weights().get("alpha");
        int bits = Math.max(1, Verilog.clog2(transactions));
        for (int k = 0; k < p; k++) {
            List<BigInteger> words = new ArrayList<>();
            for (int tr = 0; tr < transactions; tr++) {
                words.add(Verilog.weightRaw(alpha, tr * p + k));
            }
            v.rom("alpha" + k, bits, words, t, "PReLU alpha of lane " + k + " by transaction (" + t.cppType() + ")");
        }
        transactionCounter(v, bits, transactions);
    }

    /**
     * A transaction counter {@code tcount} of {@code bits} bits for a {@link #registerStage} module: 0 after reset and
     * after the last of {@code transactions} transactions of a sample, advancing with every transaction taken.
     */
    private static void transactionCounter(Verilog v, int bits, int transactions) {
        v.decls().append("    reg [").append(bits - 1).append(":0] tcount;\n");
        v.stmts().append("    always @(posedge ap_clk) begin\n        if (!ap_rst_n) tcount <= ").append(bits)
                .append("'d0;\n        else if ((~out_valid_q | out_ready) & in_valid) tcount <= (tcount == ").append(bits)
                .append("'d").append(transactions - 1).append(") ? ").append(bits).append("'d0 : tcount + ").append(bits)
                .append("'d1;\n    end\n");
    }

    // ------------------------------------------------------------------ BatchNormalizationQuantizedTanh

    /**
     * hls4ml's fused BatchNormalization + binary_tanh / ternary_tanh (nnet::normalize_binary_tanh /
     * normalize_ternary_tanh, io_stream): element e = t * p + k (transaction t, lane k) uses threshold index
     * s = e % n_filt (n_filt -1: e); binary: res = x &gt; threshold[s] ? (res_T) 1 : (res_T) -1; ternary:
     * res = x &gt; threshold_hi[s] ? 1 : x &lt;= threshold_lo[s] ? -1 : 0, the comparisons exact. One register stage,
     * one transaction per cycle; a lane whose thresholds differ between transactions reads a ROM of them at the
     * transaction counter.
     */
    static Module thresholds(Layer l, String module) {
        TensorVariable in = l.input();
        TensorVariable out = l.output();
        FixedPrecisionType inT = fixed(in);
        FixedPrecisionType outT = fixed(out);
        int p = packSize(in);
        if (packSize(out) != p) {
            throw new Unsupported("thresholding with different input and output pack sizes");
        }
        int nFilt = l.getInt("n_filt");
        boolean binary = l.getInt("quantize") == 2;
        int transactions = in.size() / p;
        List<String> names = binary ? List.of("threshold") : List.of("threshold_hi", "threshold_lo");
        Verilog v = new Verilog(module);
        int bits = Math.max(1, Verilog.clog2(transactions));
        boolean counter = false;
        // per name and lane: the threshold as a signed value (a constant, or a ROM read at tcount)
        java.util.Map<String, Val[]> thr = new java.util.LinkedHashMap<>();
        for (String name : names) {
            WeightVariable w = l.weights().get(name);
            FixedPrecisionType t = fixed(w.type().precision(), "thresholds " + w.name());
            Val[] lanes = new Val[p];
            for (int k = 0; k < p; k++) {
                List<BigInteger> words = new ArrayList<>();
                for (int tr = 0; tr < transactions; tr++) {
                    int e = tr * p + k;
                    words.add(Verilog.weightRaw(w, nFilt == -1 ? e : e % nFilt));
                }
                if (words.stream().distinct().count() == 1) {
                    lanes[k] = Verilog.constant(words.get(0), t);
                } else {
                    String rom = name + "_l" + k;
                    v.rom(rom, bits, words, t, l.name() + " " + name + " of lane " + k + " by transaction ("
                            + t.cppType() + ")");
                    lanes[k] = Verilog.of(v.romRead(rom, "tcount"), t);
                    counter = true;
                }
            }
            thr.put(name, lanes);
        }
        if (counter) {
            transactionCounter(v, bits, transactions);
        }
        String one = Verilog.rawLiteral(FixedPoint.convert(BigInteger.ONE, 0, outT), outT);
        String minusOne = Verilog.rawLiteral(FixedPoint.convert(BigInteger.ONE.negate(), 0, outT), outT);
        String zero = Verilog.rawLiteral(FixedPoint.convert(BigInteger.ZERO, 0, outT), outT);
        List<String> outs = new ArrayList<>();
        for (int k = p - 1; k >= 0; k--) {
            Val x = Verilog.of(Verilog.slice("in_data", k, inT.width()), inT);
            if (binary) {
                outs.add(positive(v, "e" + k + "_gt", Verilog.add(x, thr.get("threshold")[k], true)) + " ? " + one
                        + " : " + minusOne);
            } else {
                outs.add(positive(v, "e" + k + "_hi", Verilog.add(x, thr.get("threshold_hi")[k], true)) + " ? "
                        + one + " : ~" + positive(v, "e" + k + "_lo", Verilog.add(x, thr.get("threshold_lo")[k], true))
                        + " ? " + minusOne + " : " + zero);
            }
        }
        String body = registerStage(v, "{" + String.join(",\n        ", outs) + "}", p * outT.width());
        String desc = "BatchNormalizationQuantizedTanh " + l.name() + ": " + (binary ? "binary" : "ternary")
                + " thresholds on " + in.size() + " values, " + p + " per transaction, n_filt " + nFilt + "; input "
                + inT.cppType() + ", result " + outT.cppType();
        return new Module(v.roms(), body, p * inT.width(), p * outT.width(), desc);
    }

    /** activ_param as a constant of param_t. */
    private static Val param(Layer l) {
        FixedPrecisionType t = l.fixed("param_t");
        return Verilog.constant(FixedPoint.quantize(l.get("activ_param", Double.class), t), t);
    }

    /** x &gt; 0, as a one-bit expression (x is wired first when it is an expression). */
    private static String positive(Verilog v, String prefix, Val x) {
        String w = x.expr().matches("[A-Za-z_][A-Za-z0-9_]*") ? x.expr() : v.wire(prefix, x.width(), x.expr());
        return "(~" + w + "[" + (x.width() - 1) + "] & (|" + w + "))";
    }

    /**
     * The table address of sigmoid/tanh: clamp(trunc_toward_zero(x * n / range) + n/2, 0, n-1), as a wire of
     * log2(n) bits.
     */
    static String symmetricIndex(Verilog v, String prefix, Val x, int n, int range) {
        return tableIndex(v, prefix, x, n, range, n / 2);
    }

    /**
     * clamp(trunc_toward_zero(x * n / range) + offset, 0, n-1) for power-of-two n and range, as a wire of log2(n)
     * bits: the C++ {@code (x * n / range).to_int() + offset}, whose product and quotient are exact up to the
     * quotient's truncation toward zero (the quotient keeps x's fractional bits), clamped.
     */
    static String tableIndex(Verilog v, String prefix, Val x, int n, int range, int offset) {
        int nb = Verilog.clog2(n);
        int sh = nb - Verilog.clog2(range); // x * 2^sh
        int e = x.frac() - sh; // fractional bits of x * 2^sh
        int w = x.width();
        String q;
        int qw;
        if (e <= 0) {
            qw = w - e + 2;
            q = Verilog.align(new Val(x.expr(), w, 0), -e, qw);
        } else {
            // floor(x / 2^e), plus one if negative and inexact (truncation toward zero)
            qw = Math.max(w - e, 1) + 2;
            String xw = v.wire(prefix + "_x", w, x.expr());
            String fl = e >= w ? "{" + qw + "{" + xw + "[" + (w - 1) + "]}}"
                    : "{{" + (qw - (w - e)) + "{" + xw + "[" + (w - 1) + "]}}, " + xw + "[" + (w - 1) + ":" + e + "]}";
            String inexact = "(|" + xw + "[" + (Math.min(e, w) - 1) + ":0])";
            q = "(" + fl + " + {{" + (qw - 1) + "{1'b0}}, " + xw + "[" + (w - 1) + "] & " + inexact + "})";
        }
        int tw = Math.max(qw, nb + 2) + 1;
        String qn = v.wire(prefix + "_q", qw, q);
        String t = v.wire(prefix + "_t", tw, "{{" + (tw - qw) + "{" + qn + "[" + (qw - 1) + "]}}, " + qn + "} + "
                + tw + "'d" + offset);
        // clamp to [0, n-1]
        String neg = t + "[" + (tw - 1) + "]";
        String big = "(|" + t + "[" + (tw - 2) + ":" + nb + "])";
        return v.wire(prefix, nb, neg + " ? " + nb + "'d0 : " + big + " ? " + nb + "'d" + (n - 1) + " : " + t + "["
                + (nb - 1) + ":0]");
    }

    /** A single pipeline register on the output: out = next(in) when it advances. */
    private static String registerStage(Verilog v, String next, int outWidth) {
        StringBuilder sb = new StringBuilder(v.decls());
        sb.append("    reg out_valid_q;\n    reg [").append(outWidth - 1).append(":0] out_q;\n");
        sb.append(v.stmts());
        sb.append("    wire adv = ~out_valid_q | out_ready;\n");
        sb.append("    assign in_ready = adv;\n    assign out_valid = out_valid_q;\n    assign out_data = out_q;\n");
        sb.append("    always @(posedge ap_clk) begin\n        if (!ap_rst_n) out_valid_q <= 1'b0;\n");
        sb.append("        else if (adv) out_valid_q <= in_valid;\n    end\n");
        sb.append("    always @(posedge ap_clk) begin\n        if (adv) out_q <= ").append(next).append(";\n    end\n");
        return sb.toString();
    }

    // ------------------------------------------------------------------ batch normalization

    static Module batchnorm(Layer l, String module) {
        TensorVariable in = l.input();
        TensorVariable out = l.output();
        FixedPrecisionType inT = fixed(in);
        FixedPrecisionType outT = fixed(out);
        int p = packSize(in);
        int nFilt = l.getInt("n_filt");
        boolean single = p == in.size();
        if (!single && nFilt != p) {
            throw new Unsupported("BatchNormalization with n_filt " + nFilt + " over several stream transactions of " + p);
        }
        FixedPrecisionType sT = fixed(l, "scale_t");
        FixedPrecisionType bT = fixed(l, "bias_t");
        WeightVariable sv = l.weights().get("scale");
        WeightVariable bv = l.weights().get("bias");
        Verilog v = new Verilog(module);
        List<String> outs = new ArrayList<>();
        for (int k = p - 1; k >= 0; k--) {
            int idx = nFilt == -1 ? k : k % nFilt;
            Val x = Verilog.of(Verilog.slice("in_data", k, inT.width()), inT);
            Val prod = v.mul("s" + k, x, Verilog.constant(Verilog.weightRaw(sv, idx), sT));
            Val sum = Verilog.add(prod, Verilog.constant(Verilog.weightRaw(bv, idx), bT), false);
            outs.add(v.cast(sum, outT));
        }
        String body = registerStage(v, "{" + String.join(",\n        ", outs) + "}", p * outT.width());
        String desc = "BatchNormalization " + l.name() + ": res = (res_T)(x * scale + bias), " + in.size()
                + " values, " + p + " per transaction; scale_t " + sT.cppType() + ", bias_t " + bT.cppType()
                + ", result " + outT.cppType();
        return new Module(v.roms(), body, p * inT.width(), p * outT.width(), desc);
    }

    // ------------------------------------------------------------------ softmax

    static Module softmax(Layer l, String module) {
        String impl = l.getString("implementation");
        TensorVariable in = l.input();
        TensorVariable out = l.output();
        int nIn = in.size();
        if (packSize(in) != nIn || packSize(out) != nIn) {
            throw new Unsupported("softmax over a multi-dimensional tensor");
        }
        FixedPrecisionType inT = fixed(in);
        FixedPrecisionType outT = fixed(out);
        return switch (impl) {
            case "stable", "latency" -> softmaxTable(l, module, impl, nIn, inT, outT);
            case "legacy" -> softmaxLegacy(l, module, nIn, inT, outT);
            case "argmax" -> softmaxArgmax(l, module, nIn, inT, outT);
            default -> throw new Unsupported("softmax implementation '" + impl + "' has no RTL implementation");
        };
    }

    /** stable / latency: stage 1 exp lookups, stage 2 sum and inverse lookup, stage 3 products and casts. */
    private static Module softmaxTable(Layer l, String module, String impl, int nIn, FixedPrecisionType inT,
                                       FixedPrecisionType outT) {
        int n = l.getInt("table_size");
        int nb = Verilog.clog2(n);
        FixedPrecisionType acc = fixed(l, "accum_t");
        FixedPrecisionType expT = l.fixed("exp_table_t");
        FixedPrecisionType invT = l.fixed("inv_table_t");
        FixedPrecisionType invInp = l.fixed("inv_inp_t");
        boolean stable = impl.equals("stable");
        FixedPrecisionType norm = stable ? l.fixed("inp_norm_t") : inT;
        if (norm.width() < nb || invInp.width() < nb) {
            throw new Unsupported("softmax table index wider than its type");
        }
        List<BigInteger> exp = stable ? LookupTables.softmaxStableExp(n, norm, expT)
                : LookupTables.softmaxLatencyExp(n, inT, expT);
        List<BigInteger> expAcc = new ArrayList<>();
        for (BigInteger e : exp) {
            expAcc.add(FixedPoint.convert(e, expT.fractional(), acc)); // exp_res[i] (accum_t) = exp_table[...]
        }
        List<BigInteger> inv = LookupTables.softmaxInvert(n, invInp, invT);
        Verilog v = new Verilog(module);
        v.rom("exp_rom", nb, expAcc, acc, "softmax (" + impl + ") exp table, " + n + " entries of " + expT.cppType()
                + ", as accum_t " + acc.cppType());
        v.rom("inv_rom", nb, inv, invT, "softmax inverse table, " + n + " entries of " + invT.cppType());
        StringBuilder d = v.decls();
        StringBuilder s = v.stmts();
        int xw = inT.width();
        int aw = acc.width();
        // stage 1
        String xmax = null;
        if (stable) {
            List<String> xsn = new ArrayList<>();
            for (int i = 0; i < nIn; i++) {
                xsn.add(Verilog.slice("in_data", i, xw));
            }
            xmax = maxTree(v, xsn, inT);
        }
        List<String> e1 = new ArrayList<>();
        for (int i = nIn - 1; i >= 0; i--) {
            String xi = Verilog.slice("in_data", i, xw);
            String idxSrc;
            if (stable) {
                Val diff = Verilog.add(Verilog.of(xmax, inT), Verilog.of(xi, inT), true);
                idxSrc = v.wire("d" + i, norm.width(), v.cast(diff, norm));
            } else {
                idxSrc = xi;
            }
            e1.add(v.romRead("exp_rom", idxSrc + "[" + (norm.width() - 1) + ":" + (norm.width() - nb) + "]"));
        }
        d.append("    reg [").append(nIn * aw - 1).append(":0] e1;\n    reg [").append(nIn * aw - 1).append(":0] e2;\n");
        d.append("    reg [").append(invT.width() - 1).append(":0] inv2;\n");
        d.append("    reg [").append(nIn * outT.width() - 1).append(":0] out_q;\n    reg [2:0] v;\n");
        // stage 2: the sum in accum_t (reduce's tree), (inv_inp_t) sum, inverse table
        List<String> es = new ArrayList<>();
        for (int i = 0; i < nIn; i++) {
            es.add(Verilog.slice("e1", i, aw));
        }
        String sum = reduceAdd(v, es, acc);
        String sumInv = v.wire("sinv", invInp.width(), v.cast(Verilog.of(sum, acc), invInp));
        String invLookup = v.romRead("inv_rom",
                sumInv + "[" + (invInp.width() - 1) + ":" + (invInp.width() - nb) + "]");
        // stage 3
        List<String> o = new ArrayList<>();
        for (int i = nIn - 1; i >= 0; i--) {
            Val prod = v.mul("o" + i, Verilog.of(Verilog.slice("e2", i, aw), acc), Verilog.of("inv2", invT));
            o.add(v.cast(prod, outT));
        }
        s.append("    wire adv = ~v[2] | out_ready;\n");
        s.append("    assign in_ready = adv;\n    assign out_valid = v[2];\n    assign out_data = out_q;\n");
        s.append("    always @(posedge ap_clk) begin\n        if (!ap_rst_n) v <= 3'b000;\n");
        s.append("        else if (adv) v <= {v[1:0], in_valid};\n    end\n");
        s.append("    always @(posedge ap_clk) begin\n        if (adv) begin\n");
        s.append("            e1 <= {").append(String.join(",\n                ", e1)).append("};\n");
        s.append("            e2 <= e1;\n            inv2 <= ").append(invLookup).append(";\n");
        s.append("            out_q <= {").append(String.join(",\n                ", o)).append("};\n");
        s.append("        end\n    end\n");
        String desc = "Softmax " + l.name() + " (" + impl + "): " + nIn + " values, table size " + n + "; accum_t "
                + acc.cppType() + ", exp_table_t " + expT.cppType() + ", inv_table_t " + invT.cppType()
                + ", inv_inp_t " + invInp.cppType() + (stable ? ", inp_norm_t " + norm.cppType() : "")
                + ", result " + outT.cppType() + "; 3 pipeline stages, II 1";
        return new Module(v.roms(), d.toString() + s, nIn * xw, nIn * outT.width(), desc);
    }

    /** Maximum of raw values of type t (any tree: max is associative), as a wire. */
    private static String maxTree(Verilog v, List<String> xs, FixedPrecisionType t) {
        if (xs.size() == 1) {
            return xs.get(0);
        }
        int h = xs.size() / 2;
        String a = maxTree(v, xs.subList(0, h), t);
        String b = maxTree(v, xs.subList(h, xs.size()), t);
        String ge = t.signed() ? "($signed(" + a + ") >= $signed(" + b + "))" : "(" + a + " >= " + b + ")";
        return v.wire("mx", t.width(), ge + " ? " + a + " : " + b);
    }

    /** nnet::reduce with Op_add<accum_t>: the same tree (left part = largest power of two below n). */
    private static String reduceAdd(Verilog v, List<String> xs, FixedPrecisionType acc) {
        if (xs.size() == 1) {
            return v.wire("sum", acc.width(), xs.get(0));
        }
        int left = xs.size() == 2 ? 1 : Integer.highestOneBit(xs.size() - 1);
        String a = reduceAdd(v, xs.subList(0, left), acc);
        String b = reduceAdd(v, xs.subList(left, xs.size()), acc);
        Val sum = Verilog.add(Verilog.of(a, acc), Verilog.of(b, acc), false);
        return v.wire("sum", acc.width(), v.cast(sum, acc));
    }

    /**
     * legacy: stage 1, the exp lookups e_ij = exp_table[clamp(trunc((x_j - x_i) * n / 16) + n/2)] for j != i (the
     * difference exact); stage 2, for every i the sum over j of e_ij in table_t (increasing j, each partial sum
     * converted to table_t, e_ii = (table_t) 1); stage 3, res_i = (res_T) invert_table[clamp(trunc(acc_i * n / 64))].
     * Both tables hold table_t values; every lookup is registered, so each can be a block RAM.
     */
    private static Module softmaxLegacy(Layer l, String module, int nIn, FixedPrecisionType inT,
                                        FixedPrecisionType outT) {
        int n = l.getInt("table_size");
        int nb = Verilog.clog2(n);
        FixedPrecisionType tt = l.fixed("table_t");
        List<BigInteger> exp = LookupTables.softmaxLegacyExp(n, tt);
        List<BigInteger> inv = new ArrayList<>();
        for (BigInteger e : LookupTables.softmaxLegacyInvert(n, tt)) {
            inv.add(FixedPoint.convert(e, tt.fractional(), outT)); // (res_T) invert_table[index]
        }
        Verilog v = new Verilog(module);
        v.rom("exp_rom", nb, exp, tt, "softmax (legacy) exp table over [-8, 8), " + n + " entries of "
                + tt.cppType());
        v.rom("inv_rom", nb, inv, outT, "softmax (legacy) inverse table over [0, 64), " + n + " entries of "
                + tt.cppType() + ", as " + outT.cppType());
        StringBuilder d = v.decls();
        StringBuilder s = v.stmts();
        int xw = inT.width();
        int aw = tt.width();
        int ne = nIn * (nIn - 1);
        // stage 1: the exp lookups, e_q slice k = (i, j) in row-major order without the diagonal
        List<String> lookups = new ArrayList<>();
        for (int i = 0; i < nIn; i++) {
            Val xi = Verilog.of(Verilog.slice("in_data", i, xw), inT);
            for (int j = 0; j < nIn; j++) {
                if (j != i) {
                    Val diff = Verilog.add(Verilog.of(Verilog.slice("in_data", j, xw), inT), xi, true);
                    String dn = v.wire("d" + i + "_" + j, diff.width(), diff.expr());
                    String idx = tableIndex(v, "ix" + i + "_" + j, new Val(dn, diff.width(), diff.frac()), n, 16,
                            n / 2);
                    lookups.add(0, v.romRead("exp_rom", idx));
                }
            }
        }
        // stage 2: the row sums
        String one = Verilog.rawLiteral(FixedPoint.convert(BigInteger.ONE, 0, tt), tt);
        List<String> sums = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < nIn; i++) {
            String acc = null;
            for (int j = 0; j < nIn; j++) {
                String e = j == i ? one : Verilog.slice("e_q", k++, aw);
                if (acc == null) {
                    acc = v.wire("acc" + i, aw, e); // (table_t) (0 + e) is e
                } else {
                    String en = j == i ? e : v.wire("e" + i + "_" + j, aw, e);
                    Val sum = Verilog.add(Verilog.of(acc, tt), Verilog.of(en, tt), false);
                    acc = v.wire("acc" + i, aw, v.cast(sum, tt));
                }
            }
            sums.add(0, acc);
        }
        // stage 3: the inverse lookups
        List<String> o = new ArrayList<>();
        for (int i = nIn - 1; i >= 0; i--) {
            String a = v.wire("a" + i, aw, Verilog.slice("acc_q", i, aw));
            String idx = tableIndex(v, "iv" + i, Verilog.of(a, tt), n, 64, 0);
            o.add(v.romRead("inv_rom", idx));
        }
        if (ne > 0) {
            d.append("    reg [").append(ne * aw - 1).append(":0] e_q;\n");
        }
        d.append("    reg [").append(nIn * aw - 1).append(":0] acc_q;\n");
        d.append("    reg [").append(nIn * outT.width() - 1).append(":0] out_q;\n    reg [2:0] v;\n");
        s.append("    wire adv = ~v[2] | out_ready;\n");
        s.append("    assign in_ready = adv;\n    assign out_valid = v[2];\n    assign out_data = out_q;\n");
        s.append("    always @(posedge ap_clk) begin\n        if (!ap_rst_n) v <= 3'b000;\n");
        s.append("        else if (adv) v <= {v[1:0], in_valid};\n    end\n");
        s.append("    always @(posedge ap_clk) begin\n        if (adv) begin\n");
        if (ne > 0) {
            s.append("            e_q <= {").append(String.join(",\n                ", lookups)).append("};\n");
        }
        s.append("            acc_q <= {").append(String.join(", ", sums)).append("};\n");
        s.append("            out_q <= {").append(String.join(",\n                ", o)).append("};\n");
        s.append("        end\n    end\n");
        String desc = "Softmax " + l.name() + " (legacy): " + nIn + " values, table size " + n + "; table_t "
                + tt.cppType() + ", result " + outT.cppType() + "; 3 pipeline stages, II 1";
        return new Module(v.roms(), d.toString() + s, nIn * xw, nIn * outT.width(), desc);
    }

    private static Module softmaxArgmax(Layer l, String module, int nIn, FixedPrecisionType inT,
                                        FixedPrecisionType outT) {
        Verilog v = new Verilog(module);
        int xw = inT.width();
        int iw = Math.max(1, Verilog.clog2(nIn));
        String best = Verilog.slice("in_data", 0, xw);
        String bestIdx = iw + "'d0";
        for (int i = 1; i < nIn; i++) {
            String xi = Verilog.slice("in_data", i, xw);
            String gt = inT.signed() ? "($signed(" + xi + ") > $signed(" + best + "))" : "(" + xi + " > " + best + ")";
            String g = v.wire("gt", 1, gt);
            best = v.wire("best", xw, g + " ? " + xi + " : " + best);
            bestIdx = v.wire("bidx", iw, g + " ? " + iw + "'d" + i + " : " + bestIdx);
        }
        String one = Verilog.rawLiteral(FixedPoint.convert(BigInteger.ONE, 0, outT), outT);
        String zero = Verilog.rawLiteral(FixedPoint.convert(BigInteger.ZERO, 0, outT), outT);
        List<String> outs = new ArrayList<>();
        for (int i = nIn - 1; i >= 0; i--) {
            outs.add("(" + bestIdx + " == " + iw + "'d" + i + ") ? " + one + " : " + zero);
        }
        String body = registerStage(v, "{" + String.join(",\n        ", outs) + "}", nIn * outT.width());
        return new Module(v.roms(), body, nIn * xw, nIn * outT.width(),
                "Softmax " + l.name() + " (argmax): one-hot of the first maximum, " + nIn + " values");
    }
}
