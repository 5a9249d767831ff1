package org.hls4ml.backends.rtl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.hls4ml.backends.rtl.LayerRtl.Module;
import org.hls4ml.backends.rtl.LayerRtl.Unsupported;
import org.hls4ml.backends.rtl.Verilog.Val;
import org.hls4ml.converters.NDArray;
import org.hls4ml.model.Layer;
import org.hls4ml.model.TensorVariable;
import org.hls4ml.model.WeightVariable;
import org.hls4ml.model.layers.DepthwiseConvolution;
import org.hls4ml.types.FixedPoint;
import org.hls4ml.types.FixedPrecisionType;

/**
 * The streaming layers that change the shape of the stream: Conv1D / Conv2D and DepthwiseConv1D / 2D
 * ({@code nnet::window_stream} with {@code conv_stream_op}) and the stream repack of Reshape / Flatten
 * ({@code nnet::repack}). {@link #windowStream} (the line buffer and its control) also serves the poolings
 * ({@link PoolingRtl}).
 */
final class ConvRtl {

    private ConvRtl() {
    }

    /** An attribute of the layer, or {@code dflt} when the layer has none (the height of a Conv1D). */
    private static int attr(Layer l, String name, int dflt) {
        return l.has(name) ? l.getInt(name) : dflt;
    }

    /**
     * The kernel as the weights of one Dense over the whole window ({@code [n_window][n_filt]}, n_window = the window
     * cells x n_chan): a convolution's own kernel; for a depthwise convolution, output channel {@code c * dm + m} gets
     * weight {@code kernel[k][c][m]} from window element {@code k * n_chan + c} and zeros from the other channels. The
     * Dense leaves zero weights out and adds the others in increasing window index, which is the per-channel sum of
     * nnet::depthwise_pixel in the same order, so the numbers are the C++'s.
     */
    static WeightVariable windowKernel(Layer l) {
        WeightVariable w = l.weights().get("weight");
        if (!(l instanceof DepthwiseConvolution d)) {
            return w;
        }
        int nChan = d.getInt("n_chan");
        int dm = d.getInt("depth_multiplier");
        int nFilt = nChan * dm;
        int cells = d.windowSize();
        double[] src = w.data().data();
        double[] dense = new double[cells * nChan * nFilt];
        for (int k = 0; k < cells; k++) {
            for (int c = 0; c < nChan; c++) {
                for (int m = 0; m < dm; m++) {
                    dense[(k * nChan + c) * nFilt + c * dm + m] = src[(k * nChan + c) * dm + m];
                }
            }
        }
        return new WeightVariable(w.name(), new NDArray(new int[] {cells * nChan, nFilt}, dense), w.type());
    }

    /**
     * The geometry of nnet::window_stream in conv2d_config's names (a 1-D layer has height 1): the input
     * {@code inH x inW x nChan}, the window {@code fH x fW}, the strides, the top and left padding, the output size.
     */
    record Window(int inH, int inW, int nChan, int fH, int fW, int sH, int sW, int pT, int pL, int outH, int outW) {

        /** The geometry of a layer whose window attributes start with {@code prefix} ({@code filt_}, {@code pool_}). */
        static Window of(Layer l, String prefix, String channels) {
            return new Window(attr(l, "in_height", 1), l.getInt("in_width"), l.getInt(channels),
                    attr(l, prefix + "height", 1), l.getInt(prefix + "width"), attr(l, "stride_height", 1),
                    l.getInt("stride_width"), attr(l, "pad_top", 0), l.getInt("pad_left"), attr(l, "out_height", 1),
                    l.getInt("out_width"));
        }

        String describe() {
            return inH + "x" + inW + "x" + nChan + " -> " + outH + "x" + outW + ", window " + fH + "x" + fW
                    + ", stride " + sH + "x" + sW + ", pad top " + pT + " left " + pL;
        }
    }

    /** One cell of the window: a one-bit wire, true when the cell is inside the input, and its pixel (zero if not). */
    record Cell(String inside, String pixel) {
    }

    /** What a window-stream layer computes for one output pixel from its window. */
    interface PixelOp {
        /**
         * Declares the datapath in v and returns the output pack (the concatenation, the last element first) as an
         * expression of the window cells (row-major, each a pixel of nChan elements).
         */
        String pack(Verilog v, List<Cell> cells);
    }

    /**
     * Conv1D / Conv2D (a Conv1D is a Conv2D of height 1) on {@link #windowStream}: each output pixel is nnet::dense over
     * its window (zeros in the padding): every product at full width cast to accum_t, the sum from the bias in accum_t
     * in increasing window index, cast to the result type. ReuseFactor 1: fully parallel, one output pixel per cycle;
     * ReuseFactor RF &gt; 1 ({@link ReuseDense}, both strategies): the window is latched and the products take RF
     * cycles on n_window*n_filt/RF multipliers, one output pixel per RF cycles, the same numbers.
     */
    static Module conv(Layer l, String module) {
        TensorVariable in = l.input();
        TensorVariable out = l.output();
        Window g = Window.of(l, "filt_", "n_chan");
        int nFilt = l.getInt("n_filt");
        if (LayerRtl.packSize(in) != g.nChan() || LayerRtl.packSize(out) != nFilt) {
            throw new Unsupported("convolution with stream packs other than n_chan in and n_filt out");
        }
        int rf = l.has("reuse_factor") ? l.getInt("reuse_factor") : 1;
        FixedPrecisionType inT = LayerRtl.fixed(in);
        FixedPrecisionType outT = LayerRtl.fixed(out);
        FixedPrecisionType acc = LayerRtl.fixed(l, "accum_t");
        FixedPrecisionType wT = LayerRtl.fixed(l, "weight_t");
        FixedPrecisionType bT = LayerRtl.fixed(l, "bias_t");
        WeightVariable wv = windowKernel(l);
        WeightVariable bv = l.weights().get("bias");
        int xw = inT.width();
        List<String> biasAcc = new ArrayList<>();
        for (int f = 0; f < nFilt; f++) {
            biasAcc.add(Verilog.rawLiteral(FixedPoint.convert(Verilog.weightRaw(bv, f), bT.fractional(), acc), acc));
        }
        String desc = l.className() + " " + l.name() + ": " + g.describe() + "; line buffer of " + ring(g)
                + " pixels, " + (rf == 1 ? "one output pixel per cycle, fully parallel over the window"
                : "one output pixel per " + rf + " cycles (reuse factor " + rf + ", strategy "
                + l.getString("strategy") + ")") + "; accum_t " + acc.cppType() + ", weight_t " + wT.cppType()
                + ", bias_t " + bT.cppType() + ", result " + outT.cppType();
        Verilog v = new Verilog(module);
        if (rf == 1) {
            PixelOp op = (vv, cells) -> {
                List<Val> win = new ArrayList<>();
                for (Cell c : cells) {
                    for (int ch = 0; ch < g.nChan(); ch++) {
                        win.add(Verilog.of(Verilog.slice(c.pixel(), ch, xw), inT));
                    }
                }
                List<String> sums = LayerRtl.parallelDense(vv, win, wv, wT, biasAcc, acc);
                List<String> outs = new ArrayList<>();
                for (int f = nFilt - 1; f >= 0; f--) {
                    outs.add(vv.cast(Verilog.of(sums.get(f), acc), outT));
                }
                return "{" + String.join(",\n                    ", outs) + "}";
            };
            return windowStream(v, g, xw, outT.width() * nFilt, op, null, desc);
        }
        int nWin = g.fH() * g.fW() * g.nChan();
        ReuseDense rd = new ReuseDense(v, "x_q", nWin, inT, wv, wT, biasAcc, acc, rf);
        List<String> outs = new ArrayList<>();
        for (int f = nFilt - 1; f >= 0; f--) {
            outs.add(v.cast(Verilog.of(rd.results().get(f), acc), outT));
        }
        return windowStream(v, g, xw, outT.width() * nFilt, null, new Engine(rd, nWin * xw,
                "{" + String.join(",\n                        ", outs) + "}"), desc);
    }

    /** A multi-cycle computation of an output pixel: the window latched into {@code x_q} of xBits, then RF steps. */
    private record Engine(ReuseDense dense, int xBits, String pack) {
    }

    /** Pixels in the line buffer: (filt_height - 1) * in_width + filt_width, at most the whole input. */
    private static int ring(Window g) {
        return Math.min((g.fH() - 1) * g.inW() + g.fW(), g.inH() * g.inW());
    }

    /**
     * The schedule of nnet::window_stream: a line buffer (a ring) of the last (filt_height - 1) * in_width + filt_width
     * input pixels, slot p % ring for input pixel p of the sample; after input pixel p is stored, the next output pixels
     * (row-major) whose last needed input pixel is at or before p are computed before the next input is accepted: by
     * {@code op} in one cycle each, or by {@code engine} (op null) in RF cycles each, the next window latched as the
     * last step of the previous one goes out.
     */
    static Module windowStream(Verilog v, Window g, int xw, int ow, PixelOp op, Engine engine, String desc) {
        int inH = g.inH();
        int inW = g.inW();
        int fH = g.fH();
        int fW = g.fW();
        int sH = g.sH();
        int sW = g.sW();
        int pT = g.pT();
        int pL = g.pL();
        int nInPix = inH * inW;
        int nOutPix = g.outH() * g.outW();
        int outW = g.outW();
        int ring = ring(g);
        int pw = g.nChan() * xw;
        // signed counters: window origins (from -pad), pixel counts and indices up to n_in_pixels
        int bound = Math.max(nInPix + 1, Math.max(inH + fH + sH + pT, inW + fW + sW + pL));
        int sw = Verilog.clog2(bound + 1) + 2;
        int rw = Math.max(1, Verilog.clog2(ring));
        int cw = Math.max(1, Verilog.clog2(nOutPix + 1));
        int xcw = Math.max(1, Verilog.clog2(outW));

        StringBuilder d = v.decls();
        StringBuilder s = v.stmts();
        d.append("    reg [").append(pw - 1).append(":0] line [0:").append(ring - 1).append("];\n");
        d.append("    reg signed [").append(sw - 1).append(":0] r0;\n    reg signed [").append(sw - 1)
                .append(":0] c0;\n    reg signed [").append(sw - 1).append(":0] npix;\n");
        d.append("    reg [").append(rw - 1).append(":0] wslot;\n    reg [").append(rw - 1).append(":0] base;\n    reg [")
                .append(rw - 1).append(":0] row_base;\n");
        d.append("    reg [").append(xcw - 1).append(":0] ocol;\n    reg [").append(cw - 1).append(":0] ocount;\n");
        d.append("    reg out_valid_q;\n    reg [").append(ow - 1).append(":0] out_q;\n");
        if (engine != null) {
            d.append("    reg busy;\n    reg [").append(engine.xBits() - 1).append(":0] x_q;\n");
        }

        // the last input pixel output pixel (r0, c0) needs, clamped into the input
        String lr = clamp(d, s, "lr", "r0", fH - 1, inH, sw);
        String lc = clamp(d, s, "lc", "c0", fW - 1, inW, sw);
        signedWire(d, s, "last_needed", sw, lr + " * " + slit(inW, sw) + " + " + lc);
        s.append("    wire odone = (ocount == ").append(cw).append("'d").append(nOutPix).append(");\n");
        s.append("    wire pend = ~odone & (last_needed < npix);\n");
        s.append("    wire can_out = ~out_valid_q | out_ready;\n");
        if (engine == null) {
            s.append("    wire emit = pend & can_out;\n");
        } else {
            s.append("    wire last = ").append(engine.dense().last()).append(";\n");
            s.append("    wire step = busy & (~last | can_out);\n");
            s.append("    wire emit = pend & (~busy | (last & can_out));\n");
        }
        s.append("    wire sample_done = odone & (npix == ").append(slit(nInPix, sw)).append(");\n");
        s.append("    assign in_ready = ~pend & ~sample_done;\n");
        s.append("    assign out_valid = out_valid_q;\n    assign out_data = out_q;\n");

        // the window: cell (fh, fw) is input pixel (r0 + fh, c0 + fw), in slot (base + (fh*in_w + fw)) % ring
        List<Cell> cells = new ArrayList<>();
        for (int fh = 0; fh < fH; fh++) {
            for (int fw = 0; fw < fW; fw++) {
                String cell = fh + "_" + fw;
                signedWire(d, s, "rr_" + cell, sw, "r0 + " + slit(fh, sw));
                signedWire(d, s, "cc_" + cell, sw, "c0 + " + slit(fw, sw));
                String inside = v.wire("in_" + cell, 1, "~rr_" + cell + "[" + (sw - 1) + "] & (rr_" + cell + " < "
                        + slit(inH, sw) + ") & ~cc_" + cell + "[" + (sw - 1) + "] & (cc_" + cell + " < "
                        + slit(inW, sw) + ")");
                String slot = modRing(v, "slot_" + cell, "base", Math.floorMod(fh * inW + fw, ring), ring, rw);
                String px = v.wire("px_" + cell, pw, inside + " ? line[" + slot + "] : " + pw + "'h0");
                cells.add(new Cell(inside, px));
            }
        }
        String pack = op != null ? op.pack(v, cells) : engine.pack();

        // the next window origin: along the row by stride_width, or to the next row
        String nextBase = modRing(v, "nbase", "base", Math.floorMod(sW, ring), ring, rw);
        String nextRow = modRing(v, "nrow", "row_base", Math.floorMod(sH * inW, ring), ring, rw);
        int base0 = Math.floorMod(-pT * inW - pL, ring);
        String restart = "r0 <= " + slit(-pT, sw) + ";\n" + "c0 <= " + slit(-pL, sw) + ";\n" + "npix <= "
                + slit(0, sw) + ";\n" + "wslot <= " + rw + "'d0;\n" + "base <= " + rw + "'d" + base0 + ";\n"
                + "row_base <= " + rw + "'d" + base0 + ";\n" + "ocol <= " + xcw + "'d0;\n" + "ocount <= " + cw
                + "'d0;\n";
        LayerRtl.openOutputRegister(s, restart + (engine != null ? "busy <= 1'b0;\n" : ""));
        s.append("            if (sample_done) begin\n").append(indent(restart, 16)).append("            end\n");
        if (engine != null) {
            s.append("            if (step) begin\n").append(indent(engine.dense().step(), 16));
            s.append("                if (last) begin\n                    out_q <= ").append(engine.pack())
                    .append(";\n                    out_valid_q <= 1'b1;\n                    busy <= 1'b0;\n");
            s.append("                end\n            end\n");
        }
        s.append("            if (emit) begin\n");
        if (engine == null) {
            s.append("                out_q <= ").append(pack).append(";\n                out_valid_q <= 1'b1;\n");
        } else {
            List<String> px = new ArrayList<>();
            for (Cell c : cells) {
                px.add(0, c.pixel());
            }
            s.append("                x_q <= {").append(String.join(", ", px)).append("};\n");
            s.append("                busy <= 1'b1;\n").append(indent(engine.dense().load(), 16));
        }
        s.append("                ocount <= ocount + ").append(cw).append("'d1;\n");
        s.append("                if (ocol == ").append(xcw).append("'d").append(outW - 1).append(") begin\n");
        s.append("                    ocol <= ").append(xcw).append("'d0;\n                    c0 <= ")
                .append(slit(-pL, sw)).append(";\n                    r0 <= r0 + ").append(slit(sH, sw)).append(";\n");
        s.append("                    row_base <= ").append(nextRow).append(";\n                    base <= ")
                .append(nextRow).append(";\n");
        s.append("                end else begin\n                    ocol <= ocol + ").append(xcw).append("'d1;\n");
        s.append("                    c0 <= c0 + ").append(slit(sW, sw)).append(";\n                    base <= ")
                .append(nextBase).append(";\n                end\n            end\n");
        s.append("            if (in_valid & in_ready) begin\n                line[wslot] <= in_data;\n");
        s.append("                wslot <= (wslot == ").append(rw).append("'d").append(ring - 1).append(") ? ")
                .append(rw).append("'d0 : wslot + ").append(rw).append("'d1;\n");
        s.append("                npix <= npix + ").append(slit(1, sw)).append(";\n            end\n");
        s.append("        end\n    end\n");
        return new Module(v.roms(), d.toString() + s, pw, ow, desc);
    }

    /**
     * Reshape / Flatten in io_stream (nnet::repack): the values in order, regrouped from packs of a into packs of b,
     * each converted to the output type. b a multiple of a: gathers b / a input packs (the earlier in the lower bits)
     * and writes one; a a multiple of b: writes b values at a time of one input pack, the lowest first.
     */
    static Module repack(Layer l, String module) {
        TensorVariable in = l.input();
        TensorVariable out = l.output();
        int a = LayerRtl.packSize(in);
        int b = LayerRtl.packSize(out);
        FixedPrecisionType inT = LayerRtl.fixed(in);
        FixedPrecisionType outT = LayerRtl.fixed(out);
        int ew = outT.width();
        Verilog v = new Verilog(module);
        List<String> cast = new ArrayList<>();
        for (int k = a - 1; k >= 0; k--) {
            cast.add(v.cast(Verilog.of(Verilog.slice("in_data", k, inT.width()), inT), outT));
        }
        String x = v.wire("x", a * ew, "{" + String.join(", ", cast) + "}");
        StringBuilder d = v.decls();
        StringBuilder s = v.stmts();
        String desc = "Reshape " + l.name() + ": " + in.size() + " values, " + a + " per transaction in, " + b
                + " out; result " + outT.cppType();
        if (b % a == 0) {
            int m = b / a;
            int mw = Math.max(1, Verilog.clog2(m));
            d.append("    reg out_valid_q;\n    reg [").append(b * ew - 1).append(":0] out_q;\n");
            if (m > 1) {
                d.append("    reg [").append((b - a) * ew - 1).append(":0] g;\n    reg [").append(mw - 1)
                        .append(":0] cnt;\n");
            }
            String last = m > 1 ? "(cnt == " + mw + "'d" + (m - 1) + ")" : "1'b1";
            s.append("    wire last = ").append(last).append(";\n");
            s.append("    assign in_ready = ~last | ~out_valid_q | out_ready;\n");
            s.append("    assign out_valid = out_valid_q;\n    assign out_data = out_q;\n");
            LayerRtl.openOutputRegister(s, m > 1 ? "cnt <= " + mw + "'d0;\n" : "");
            s.append("            if (in_valid & in_ready) begin\n");
            s.append("                if (last) begin\n                    out_q <= ")
                    .append(m > 1 ? "{" + x + ", g}" : x).append(";\n                    out_valid_q <= 1'b1;\n");
            if (m > 1) {
                s.append("                    cnt <= ").append(mw).append("'d0;\n                end else begin\n");
                String shifted = m > 2 ? "{" + x + ", g[" + ((b - a) * ew - 1) + ":" + (a * ew) + "]}" : x;
                s.append("                    g <= ").append(shifted).append(";\n                    cnt <= cnt + ")
                        .append(mw).append("'d1;\n");
            }
            s.append("                end\n            end\n        end\n    end\n");
            return new Module(v.roms(), d.toString() + s, a * inT.width(), b * ew, desc);
        }
        if (a % b == 0) {
            int m = a / b;
            int mw = Math.max(1, Verilog.clog2(m));
            d.append("    reg busy;\n    reg [").append(a * ew - 1).append(":0] h;\n    reg [").append(mw - 1)
                    .append(":0] cnt;\n");
            s.append("    wire last = (cnt == ").append(mw).append("'d").append(m - 1).append(");\n");
            s.append("    assign in_ready = ~busy | (last & out_ready);\n");
            s.append("    assign out_valid = busy;\n    assign out_data = h[").append(b * ew - 1).append(":0];\n");
            s.append("    always @(posedge ap_clk) begin\n        if (!ap_rst_n) begin\n");
            s.append("            busy <= 1'b0;\n            cnt <= ").append(mw).append("'d0;\n");
            s.append("        end else begin\n            if (busy & out_ready) begin\n");
            s.append("                h <= h >> ").append(b * ew).append(";\n");
            s.append("                cnt <= last ? ").append(mw).append("'d0 : cnt + ").append(mw).append("'d1;\n");
            s.append("                if (last) busy <= 1'b0;\n            end\n");
            s.append("            if (in_valid & in_ready) begin\n                h <= ").append(x)
                    .append(";\n                busy <= 1'b1;\n            end\n        end\n    end\n");
            return new Module(v.roms(), d.toString() + s, a * inT.width(), b * ew, desc);
        }
        throw new Unsupported("repack from packs of " + a + " into packs of " + b + " (neither divides the other)");
    }

    /** (reg + k) mod ring for a reg below ring and 0 &lt;= k &lt; ring, as a wire of rw bits. */
    private static String modRing(Verilog v, String prefix, String reg, int k, int ring, int rw) {
        if (k == 0) {
            return reg;
        }
        String sum = v.wire(prefix + "_s", rw + 1, "{1'b0, " + reg + "} + " + (rw + 1) + "'d" + k);
        return v.wire(prefix, rw, "(" + sum + " >= " + (rw + 1) + "'d" + ring + ") ? " + sum + "[" + (rw - 1)
                + ":0] - " + rw + "'d" + (ring % (1 << rw)) + " : " + sum + "[" + (rw - 1) + ":0]");
    }

    /** The signed wire clamp(x + off, 0, n - 1). */
    private static String clamp(StringBuilder d, StringBuilder s, String name, String x, int off, int n, int sw) {
        signedWire(d, s, name + "_u", sw, x + " + " + slit(off, sw));
        signedWire(d, s, name, sw, name + "_u[" + (sw - 1) + "] ? " + slit(0, sw) + " : (" + name + "_u > "
                + slit(n - 1, sw) + ") ? " + slit(n - 1, sw) + " : " + name + "_u");
        return name;
    }

    private static void signedWire(StringBuilder d, StringBuilder s, String name, int w, String expr) {
        d.append("    wire signed [").append(w - 1).append(":0] ").append(name).append(";\n");
        s.append("    assign ").append(name).append(" = ").append(expr).append(";\n");
    }

    /** A signed literal of w bits. */
    private static String slit(int value, int w) {
        return "$signed(" + FixedCast.lit(BigInteger.valueOf(value), w) + ")";
    }

    private static String indent(String lines, int n) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines.split("\n")) {
            sb.append(" ".repeat(n)).append(line).append('\n');
        }
        return sb.toString();
    }
}
