package org.hls4ml.backends.rtl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.hls4ml.backends.rtl.ConvRtl.Cell;
import org.hls4ml.backends.rtl.ConvRtl.Window;
import org.hls4ml.backends.rtl.LayerRtl.Module;
import org.hls4ml.backends.rtl.LayerRtl.Unsupported;
import org.hls4ml.backends.rtl.Verilog.Val;
import org.hls4ml.model.Layer;
import org.hls4ml.model.TensorVariable;
import org.hls4ml.types.FixedPrecisionType;

/**
 * The io_stream poolings of nnet_pooling_stream.h: Pooling1D / Pooling2D on the line buffer of nnet::window_stream
 * ({@link ConvRtl#windowStream}, one output pixel per cycle) and GlobalPooling1D / GlobalPooling2D (a running maximum
 * and sum per channel over the pixels of a sample). The numbers are nnet::pool_add and nnet::pool_result's: the window
 * cells inside the input in row-major order (cells in the padding are left out); the maximum is the first value, then
 * any larger one (compared as the input type), cast to the result type; the average is the sum in accum_t (from 0,
 * every partial sum converted to accum_t with its modes) divided by the number of cells with ap_fixed's division (the
 * raw sum divided by the count, truncated toward zero, still accum_t), cast to the result type.
 */
final class PoolingRtl {

    private PoolingRtl() {
    }

    static Module pooling(Layer l, String module) {
        TensorVariable in = l.input();
        TensorVariable out = l.output();
        Window g = Window.of(l, "pool_", "n_filt");
        int nChan = g.nChan();
        if (LayerRtl.packSize(in) != nChan || LayerRtl.packSize(out) != nChan) {
            throw new Unsupported("pooling with stream packs other than n_filt in and out");
        }
        FixedPrecisionType inT = LayerRtl.fixed(in);
        FixedPrecisionType outT = LayerRtl.fixed(out);
        FixedPrecisionType acc = LayerRtl.fixed(l, "accum_t");
        boolean max = l.getString("pool_op").equals("max");
        TreeSet<Integer> counts = windowCounts(g);
        int xw = inT.width();
        String desc = l.className() + " " + l.name() + " (" + l.getString("pool_op") + "): " + g.describe()
                + "; line buffer, one output pixel per cycle; " + (max ? "" : "accum_t " + acc.cppType()
                + ", cells per window " + counts + ", ") + "result " + outT.cppType();
        ConvRtl.PixelOp op = (v, cells) -> {
            List<String> outs = new ArrayList<>();
            String count = null;
            if (!max && counts.size() > 1) {
                List<String> flags = new ArrayList<>();
                for (Cell c : cells) {
                    flags.add(c.inside());
                }
                count = countWire(v, flags);
            }
            for (int ch = nChan - 1; ch >= 0; ch--) {
                List<String> xs = new ArrayList<>();
                List<String> inside = new ArrayList<>();
                for (Cell c : cells) {
                    xs.add(Verilog.slice(c.pixel(), ch, xw));
                    inside.add(c.inside());
                }
                outs.add(max ? maximum(v, "m" + ch, xs, inside, inT, outT)
                        : average(v, "a" + ch, xs, inside, inT, acc, outT, count,
                        Verilog.clog2(cells.size() + 1), counts));
            }
            return "{" + String.join(",\n                    ", outs) + "}";
        };
        return ConvRtl.windowStream(new Verilog(module), g, xw, nChan * outT.width(), op, null, desc);
    }

    /**
     * GlobalPooling1D / GlobalPooling2D (nnet::global_pooling2d_cl): per channel a running maximum (the first pixel's
     * value, then any larger one) and a running sum in accum_t from 0, updated as each input pixel is accepted; with the
     * last pixel of the sample the result (the maximum, or the sum divided by the pixel count) goes to the output
     * register. One input pixel per cycle.
     */
    static Module global(Layer l, String module) {
        TensorVariable in = l.input();
        TensorVariable out = l.output();
        int nChan = l.getInt("n_filt");
        int nPix = (l.has("in_height") ? l.getInt("in_height") : 1) * l.getInt("in_width");
        if (LayerRtl.packSize(in) != nChan || LayerRtl.packSize(out) != nChan) {
            throw new Unsupported("global pooling with stream packs other than n_filt in and out");
        }
        FixedPrecisionType inT = LayerRtl.fixed(in);
        FixedPrecisionType outT = LayerRtl.fixed(out);
        FixedPrecisionType acc = LayerRtl.fixed(l, "accum_t");
        boolean max = l.getString("pool_op").equals("max");
        int xw = inT.width();
        int aw = acc.width();
        int pcw = Math.max(1, Verilog.clog2(nPix));
        Verilog v = new Verilog(module);
        StringBuilder d = v.decls();
        StringBuilder s = v.stmts();
        d.append("    reg [").append(pcw - 1).append(":0] pcount;\n");
        d.append("    reg out_valid_q;\n    reg [").append(nChan * outT.width() - 1).append(":0] out_q;\n");
        s.append("    wire first = (pcount == ").append(pcw).append("'d0);\n");
        s.append("    wire last = (pcount == ").append(pcw).append("'d").append(nPix - 1).append(");\n");
        s.append("    wire can_out = ~out_valid_q | out_ready;\n");
        s.append("    assign in_ready = ~last | can_out;\n");
        s.append("    assign out_valid = out_valid_q;\n    assign out_data = out_q;\n");
        List<String> updates = new ArrayList<>();
        List<String> outs = new ArrayList<>();
        for (int ch = nChan - 1; ch >= 0; ch--) {
            String x = Verilog.slice("in_data", ch, xw);
            String result;
            if (max) {
                d.append("    reg [").append(xw - 1).append(":0] best_").append(ch).append(";\n");
                String gt = inT.signed() ? "($signed(" + x + ") > $signed(best_" + ch + "))"
                        : "(" + x + " > best_" + ch + ")";
                String nb = v.wire("nb" + ch, xw, "(first | " + gt + ") ? " + x + " : best_" + ch);
                updates.add("best_" + ch + " <= " + nb + ";");
                result = v.cast(Verilog.of(nb, inT), outT);
            } else {
                d.append("    reg [").append(aw - 1).append(":0] sum_").append(ch).append(";\n");
                String base = v.wire("sb" + ch, aw, "first ? " + aw + "'h0 : sum_" + ch);
                String ns = v.wire("ns" + ch, aw, v.cast(Verilog.add(Verilog.of(base, acc), Verilog.of(x, inT),
                        false), acc));
                updates.add("sum_" + ch + " <= " + ns + ";");
                result = v.cast(Verilog.of(divide(v, "q" + ch, ns, acc, nPix), acc), outT);
            }
            outs.add(result);
        }
        LayerRtl.openOutputRegister(s, "pcount <= " + pcw + "'d0;\n");
        s.append("            if (in_valid & in_ready) begin\n");
        for (String u : updates) {
            s.append("                ").append(u).append("\n");
        }
        s.append("                if (last) begin\n                    pcount <= ").append(pcw).append("'d0;\n");
        s.append("                    out_q <= {").append(String.join(",\n                        ", outs))
                .append("};\n                    out_valid_q <= 1'b1;\n");
        s.append("                end else begin\n                    pcount <= pcount + ").append(pcw)
                .append("'d1;\n                end\n            end\n        end\n    end\n");
        String desc = l.className() + " " + l.name() + " (" + l.getString("pool_op") + "): " + nPix + " pixels of "
                + nChan + " channels, one pixel per cycle; " + (max ? "" : "accum_t " + acc.cppType() + ", ")
                + "result " + outT.cppType();
        return new Module(v.roms(), d.toString() + s, nChan * xw, nChan * outT.width(), desc);
    }

    /** The numbers of window cells inside the input over the output pixels. */
    private static TreeSet<Integer> windowCounts(Window g) {
        TreeSet<Integer> counts = new TreeSet<>();
        for (int oh = 0; oh < g.outH(); oh++) {
            for (int ow = 0; ow < g.outW(); ow++) {
                int n = 0;
                for (int fh = 0; fh < g.fH(); fh++) {
                    for (int fw = 0; fw < g.fW(); fw++) {
                        int r = oh * g.sH() + fh - g.pT();
                        int c = ow * g.sW() + fw - g.pL();
                        if (r >= 0 && r < g.inH() && c >= 0 && c < g.inW()) {
                            n++;
                        }
                    }
                }
                counts.add(n);
            }
        }
        return counts;
    }

    /** The number of true flags, as a wire. */
    private static String countWire(Verilog v, List<String> flags) {
        int w = Verilog.clog2(flags.size() + 1);
        List<String> terms = new ArrayList<>();
        for (String f : flags) {
            terms.add("{" + (w - 1 > 0 ? (w - 1) + "'d0, " : "") + f + "}");
        }
        return v.wire("count", w, String.join(" + ", terms));
    }

    /** nnet::pool_add's running maximum over the cells inside, from best = 0, cast to out_t. */
    private static String maximum(Verilog v, String prefix, List<String> xs, List<String> inside,
                                  FixedPrecisionType inT, FixedPrecisionType outT) {
        int xw = inT.width();
        String best = xw + "'h0";
        String have = "1'b0";
        for (int k = 0; k < xs.size(); k++) {
            String x = xs.get(k);
            String gt = inT.signed() ? "($signed(" + x + ") > $signed(" + best + "))" : "(" + x + " > " + best + ")";
            String take = v.wire(prefix + "_t", 1, inside.get(k) + " & (~" + have + " | " + gt + ")");
            best = v.wire(prefix + "_b", xw, take + " ? " + x + " : " + best);
            have = k == 0 ? inside.get(k) : v.wire(prefix + "_h", 1, have + " | " + inside.get(k));
        }
        return v.cast(Verilog.of(best, inT), outT);
    }

    /**
     * nnet::pool_add's sum over the cells inside (sum = (accum_t) (sum + x) from 0), then pool_result's division by the
     * count of cells ({@code count}, a wire, when the windows differ; else the single value of {@code counts}), cast
     * to out_t.
     */
    private static String average(Verilog v, String prefix, List<String> xs, List<String> inside,
                                  FixedPrecisionType inT, FixedPrecisionType acc, FixedPrecisionType outT, String count,
                                  int countWidth, TreeSet<Integer> counts) {
        int aw = acc.width();
        String sum = v.wire(prefix + "_s", aw, aw + "'h0");
        for (int k = 0; k < xs.size(); k++) {
            Val add = Verilog.add(Verilog.of(sum, acc), Verilog.of(xs.get(k), inT), false);
            String next = v.cast(add, acc);
            sum = v.wire(prefix + "_s", aw, inside.get(k) + " ? " + next + " : " + sum);
        }
        String q = divide(v, prefix, sum, acc, counts.last());
        for (int c : counts.descendingSet()) {
            if (c != counts.last() && c > 0) {
                q = v.wire(prefix + "_q", aw, "(" + count + " == " + countWidth + "'d" + c + ") ? "
                        + divide(v, prefix, sum, acc, c) + " : " + q);
            }
        }
        return v.cast(Verilog.of(q, acc), outT);
    }

    /**
     * (accum_t) (sum / c) with ap_fixed's division by an unsigned: the raw sum over c, truncated toward zero (the
     * quotient fits accum_t). No divider: the magnitude of the sum (n bits) times the constant {@link #reciprocal},
     * shifted right by n + ceil(log2 c), is floor(|sum| / c) exactly (Granlund and Montgomery, "Division by invariant
     * integers using multiplication", theorem 4.2); then the sign goes back on.
     */
    static String divide(Verilog v, String prefix, String sum, FixedPrecisionType acc, int c) {
        int aw = acc.width();
        if (c == 1) {
            return sum;
        }
        Val s = Verilog.of(sum, acc);
        int n = s.width(); // |sum| <= 2^(n-1)
        String x = v.wire(prefix + "_x", n, s.expr());
        String neg = x + "[" + (n - 1) + "]";
        String mag = v.wire(prefix + "_m", n, neg + " ? (~" + x + " + " + n + "'d1) : " + x);
        int l = Verilog.clog2(c);
        String qm;
        if (Integer.bitCount(c) == 1) {
            qm = v.wire(prefix + "_qm", n, mag + " >> " + l);
        } else {
            BigInteger m = reciprocal(n, c);
            int mw = m.bitLength();
            String prod = v.wire(prefix + "_p", n + mw, "{" + mw + "'d0, " + mag + "} * {" + n + "'d0, " + mw + "'h"
                    + m.toString(16) + "}");
            String q = prod + "[" + (n + mw - 1) + ":" + (n + l) + "]"; // mw - l bits: mw <= n + 2, l >= 2
            qm = v.wire(prefix + "_qm", n, n + l - mw > 0 ? "{" + (n + l - mw) + "'d0, " + q + "}" : q);
        }
        return v.wire(prefix + "_d" + c, aw, neg + " ? (" + aw + "'d0 - " + qm + "[" + (aw - 1) + ":0]) : " + qm + "["
                + (aw - 1) + ":0]");
    }

    /** floor(2^(n + l) / c) + 1 for l = ceil(log2 c): floor(x * it / 2^(n + l)) = floor(x / c) for 0 &lt;= x &lt; 2^n. */
    static BigInteger reciprocal(int n, int c) {
        int l = Verilog.clog2(c);
        return BigInteger.ONE.shiftLeft(n + l).divide(BigInteger.valueOf(c)).add(BigInteger.ONE);
    }
}
