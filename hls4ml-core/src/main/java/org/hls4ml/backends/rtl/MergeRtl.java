package org.hls4ml.backends.rtl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.hls4ml.backends.rtl.LayerRtl.Unsupported;
import org.hls4ml.backends.rtl.Verilog.Val;
import org.hls4ml.model.Layer;
import org.hls4ml.model.TensorVariable;
import org.hls4ml.model.layers.Clone;
import org.hls4ml.model.layers.Concatenate;
import org.hls4ml.model.layers.Merge;
import org.hls4ml.types.FixedPoint;
import org.hls4ml.types.FixedPrecisionType;

/**
 * The layers with several streams: Merge and Concatenate read two ({@code in1_*}, {@code in2_*}), Clone writes one
 * per copy ({@code out1_*}, {@code out2_*}, ...). Each moves one stream transaction per cycle, like nnet_merge_stream.h
 * and nnet::clone_stream, and computes bit for bit what the C++ does.
 */
final class MergeRtl {

    /**
     * A generated module with named stream ports: the ports {@code <name>_data/_valid/_ready} of {@code inputs} and
     * {@code outputs} (name to transaction width), the body and its ROM modules.
     */
    record Ports(List<Verilog.Rom> roms, String body, List<Port> inputs, List<Port> outputs, String description) {
    }

    /** A stream port of a module: its name prefix and transaction width. */
    record Port(String name, int width) {
    }

    private MergeRtl() {
    }

    static boolean handles(Layer l) {
        return l instanceof Merge || l instanceof Concatenate || l instanceof Clone;
    }

    static Ports generate(Layer l, String module) {
        if (l instanceof Clone c) {
            return clone(c);
        }
        if (l instanceof Merge m) {
            return merge(m, module);
        }
        return concatenate((Concatenate) l, module);
    }

    /** A module of the usual single-stream layers in the same form (ports {@code in} and {@code out}). */
    static Ports of(LayerRtl.Module m) {
        return new Ports(m.roms(), m.body(), List.of(new Port("in", m.inWidth())), List.of(new Port("out", m.outWidth())),
                m.description());
    }

    // ------------------------------------------------------------------ Merge

    private static Ports merge(Merge l, String module) {
        TensorVariable a = l.input(0);
        TensorVariable b = l.input(1);
        TensorVariable out = l.output();
        FixedPrecisionType at = LayerRtl.fixed(a);
        FixedPrecisionType bt = LayerRtl.fixed(b);
        FixedPrecisionType ot = LayerRtl.fixed(out);
        int p = LayerRtl.packSize(a);
        if (LayerRtl.packSize(b) != p || LayerRtl.packSize(out) != p) {
            throw new Unsupported("merge of streams with different pack sizes");
        }
        String op = l.op();
        if (op.equals("average")) {
            // (res_T) 2 must be 2 for the quotient to be the sum halved toward zero
            if (ot.fractional() < 0 || !FixedPoint.quantize(2.0, ot).equals(BigInteger.TWO.shiftLeft(ot.fractional()))) {
                throw new Unsupported("average with result type " + ot.cppType() + ", which cannot hold the divisor 2");
            }
        }
        Verilog v = new Verilog(module);
        List<String> outs = new ArrayList<>();
        for (int k = p - 1; k >= 0; k--) {
            Val x = Verilog.of(Verilog.slice("in1_data", k, at.width()), at);
            Val y = Verilog.of(Verilog.slice("in2_data", k, bt.width()), bt);
            outs.add(element(v, op, x, y, ot, "e" + k));
        }
        String body = pairStage(v, "{" + String.join(",\n        ", outs) + "}", p * ot.width());
        String desc = "Merge " + l.name() + " (" + op + "): " + a.size() + " values, " + p + " per transaction; inputs "
                + at.cppType() + ", " + bt.cppType() + ", result " + ot.cppType();
        return new Ports(v.roms(), body, List.of(new Port("in1", p * at.width()), new Port("in2", p * bt.width())),
                List.of(new Port("out", p * ot.width())), desc);
    }

    /** One element of nnet_merge.h: the exact result of the two values converted to the result type. */
    private static String element(Verilog v, String op, Val x, Val y, FixedPrecisionType ot, String prefix) {
        switch (op) {
            case "add", "subtract" -> {
                return v.cast(Verilog.add(x, y, op.equals("subtract")), ot);
            }
            case "multiply" -> {
                return v.cast(v.mul(prefix, x, y), ot);
            }
            case "average" -> {
                // ap_fixed's division by 2: the exact sum halved, truncated toward zero at the sum's fraction
                Val sum = Verilog.add(x, y, false);
                int w = sum.width();
                String s = v.wire(prefix + "_s", w, sum.expr());
                String t = v.wire(prefix + "_t", w, s + " + {{" + (w - 1) + "{1'b0}}, " + s + "[" + (w - 1) + "]}");
                String q = v.wire(prefix + "_q", w, "{" + t + "[" + (w - 1) + "], " + t + "[" + (w - 1) + ":1]}");
                return v.cast(new Val(q, w, sum.frac()), ot);
            }
            case "maximum", "minimum" -> {
                Val diff = Verilog.add(x, y, true);
                int w = diff.width();
                String d = v.wire(prefix + "_d", w, diff.expr());
                String first = op.equals("maximum") ? "(~" + d + "[" + (w - 1) + "] & |" + d + ")" // x > y
                        : d + "[" + (w - 1) + "]"; // x < y
                return "(" + first + " ? " + v.cast(x, ot) + " : " + v.cast(y, ot) + ")";
            }
            default -> throw new Unsupported("merge operation '" + op + "'");
        }
    }

    /** One transaction of each input makes one output transaction {@code next}: a register stage, II 1. */
    private static String pairStage(Verilog v, String next, int outWidth) {
        StringBuilder sb = new StringBuilder(v.decls());
        sb.append("    reg out_valid_q;\n    reg [").append(outWidth - 1).append(":0] out_q;\n");
        sb.append(v.stmts());
        sb.append("    wire adv = ~out_valid_q | out_ready;\n    wire both = in1_valid & in2_valid;\n");
        sb.append("    assign in1_ready = adv & in2_valid;\n    assign in2_ready = adv & in1_valid;\n");
        sb.append("    assign out_valid = out_valid_q;\n    assign out_data = out_q;\n");
        sb.append("    always @(posedge ap_clk) begin\n        if (!ap_rst_n) out_valid_q <= 1'b0;\n");
        sb.append("        else if (adv) out_valid_q <= both;\n    end\n");
        sb.append("    always @(posedge ap_clk) begin\n        if (adv & both) out_q <= ").append(next)
                .append(";\n    end\n");
        return sb.toString();
    }

    // ------------------------------------------------------------------ Concatenate

    /**
     * Along the last axis (and for 1-D tensors) one transaction of each input makes one output transaction, input 1's
     * values in the low elements; along an outer axis the transactions pass through, converted: blocks of t1 from
     * input 1 then t2 from input 2, repeated for every index before the axis.
     */
    private static Ports concatenate(Concatenate l, String module) {
        TensorVariable a = l.input(0);
        TensorVariable b = l.input(1);
        TensorVariable out = l.output();
        FixedPrecisionType at = LayerRtl.fixed(a);
        FixedPrecisionType bt = LayerRtl.fixed(b);
        FixedPrecisionType ot = LayerRtl.fixed(out);
        int pa = LayerRtl.packSize(a);
        int pb = LayerRtl.packSize(b);
        int po = LayerRtl.packSize(out);
        int[] s1 = a.shape();
        int axis = l.axisIndex();
        Verilog v = new Verilog(module);
        List<Port> ins = List.of(new Port("in1", pa * at.width()), new Port("in2", pb * bt.width()));
        List<Port> outs = List.of(new Port("out", po * ot.width()));
        String desc = "Concatenate " + l.name() + ": " + a.shapeList() + " and " + b.shapeList() + " along axis "
                + l.getInt("axis") + "; inputs " + at.cppType() + ", " + bt.cppType() + ", result " + ot.cppType();
        if (axis == s1.length - 1) {
            List<String> cast = new ArrayList<>();
            for (int k = pb - 1; k >= 0; k--) {
                cast.add(v.cast(Verilog.of(Verilog.slice("in2_data", k, bt.width()), bt), ot));
            }
            for (int k = pa - 1; k >= 0; k--) {
                cast.add(v.cast(Verilog.of(Verilog.slice("in1_data", k, at.width()), at), ot));
            }
            return new Ports(v.roms(), pairStage(v, "{" + String.join(",\n        ", cast) + "}", po * ot.width()), ins,
                    outs, desc + "; one transaction of each per output transaction");
        }
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= s1[d];
        }
        int t1 = a.size() / pa / outer;
        int t2 = b.size() / pb / outer;
        int t = t1 + t2;
        int cw = Math.max(1, Verilog.clog2(t));
        List<String> x1 = new ArrayList<>();
        List<String> x2 = new ArrayList<>();
        for (int k = po - 1; k >= 0; k--) {
            x1.add(v.cast(Verilog.of(Verilog.slice("in1_data", k, at.width()), at), ot));
            x2.add(v.cast(Verilog.of(Verilog.slice("in2_data", k, bt.width()), bt), ot));
        }
        StringBuilder sb = new StringBuilder(v.decls());
        sb.append("    reg out_valid_q;\n    reg [").append(po * ot.width() - 1).append(":0] out_q;\n");
        sb.append("    reg [").append(cw - 1).append(":0] cnt;\n");
        sb.append(v.stmts());
        sb.append("    wire from1 = (cnt < ").append(cw).append("'d").append(t1).append(");\n");
        sb.append("    wire adv = ~out_valid_q | out_ready;\n");
        sb.append("    wire take = from1 ? in1_valid : in2_valid;\n");
        sb.append("    assign in1_ready = adv & from1;\n    assign in2_ready = adv & ~from1;\n");
        sb.append("    assign out_valid = out_valid_q;\n    assign out_data = out_q;\n");
        sb.append("    always @(posedge ap_clk) begin\n        if (!ap_rst_n) begin\n");
        sb.append("            out_valid_q <= 1'b0;\n            cnt <= ").append(cw).append("'d0;\n");
        sb.append("        end else if (adv) begin\n            out_valid_q <= take;\n            if (take) begin\n");
        sb.append("                out_q <= from1 ? {").append(String.join(", ", x1)).append("}\n");
        sb.append("                               : {").append(String.join(", ", x2)).append("};\n");
        sb.append("                cnt <= (cnt == ").append(cw).append("'d").append(t - 1).append(") ? ").append(cw)
                .append("'d0 : cnt + ").append(cw).append("'d1;\n");
        sb.append("            end\n        end\n    end\n");
        return new Ports(v.roms(), sb.toString(), ins, outs, desc + "; blocks of " + t1 + " then " + t2
                + " transactions, " + outer + " times");
    }

    // ------------------------------------------------------------------ Clone

    /** nnet::clone_stream: one data register, one valid bit per copy; a new transaction once every copy is taken. */
    private static Ports clone(Clone l) {
        TensorVariable in = l.input();
        int w = LayerRtl.packSize(in) * LayerRtl.fixed(in).width();
        int n = l.outputs().size();
        StringBuilder sb = new StringBuilder();
        sb.append("    reg [").append(w - 1).append(":0] out_q;\n    reg [").append(n - 1).append(":0] vq;\n");
        List<String> ready = new ArrayList<>();
        List<Port> outs = new ArrayList<>();
        for (int k = n; k >= 1; k--) {
            ready.add("out" + k + "_ready");
        }
        sb.append("    wire [").append(n - 1).append(":0] rdy = {").append(String.join(", ", ready)).append("};\n");
        sb.append("    wire adv = &(~vq | rdy);\n    assign in_ready = adv;\n");
        for (int k = 1; k <= n; k++) {
            sb.append("    assign out").append(k).append("_data = out_q;\n    assign out").append(k)
                    .append("_valid = vq[").append(k - 1).append("];\n");
            outs.add(new Port("out" + k, w));
        }
        sb.append("    always @(posedge ap_clk) begin\n        if (!ap_rst_n) vq <= ").append(n).append("'d0;\n");
        sb.append("        else if (in_valid & adv) vq <= {").append(n).append("{1'b1}};\n");
        sb.append("        else vq <= vq & ~rdy;\n    end\n");
        sb.append("    always @(posedge ap_clk) begin\n        if (in_valid & adv) out_q <= in_data;\n    end\n");
        return new Ports(List.of(), sb.toString(), List.of(new Port("in", w)), outs, "Clone " + l.name() + ": "
                + in.name() + " into " + n + " copies, " + in.size() + " values, " + LayerRtl.packSize(in)
                + " per transaction");
    }
}
