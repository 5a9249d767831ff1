package org.hls4ml.backends.rtl;

import java.util.ArrayList;
import java.util.List;
import org.hls4ml.backends.rtl.LayerRtl.Module;
import org.hls4ml.backends.rtl.LayerRtl.Unsupported;
import org.hls4ml.model.Layer;
import org.hls4ml.model.TensorVariable;
import org.hls4ml.model.layers.Margins;
import org.hls4ml.model.layers.UpSampling;
import org.hls4ml.types.FixedPrecisionType;

/**
 * The io_stream layers that move whole pixels (nnet::gather of nnet_padding_stream.h): ZeroPadding1D/2D, Cropping1D/2D
 * (output pixel (r, c) is input pixel (r + off_top, c + off_left), or zeros outside the input) and UpSampling1D/2D
 * nearest (input pixel (r / height_factor, c / width_factor)). Output pixels go out in row-major order; before one
 * that copies input pixel p is written, the input is read up to p into a row buffer of in_width pixels (slot = column);
 * the pixel being read is passed straight through. Input pixels no output copies (cropped ones) are read and dropped,
 * the rest of the sample after the last output pixel too. Each value is converted to the output type.
 */
final class GatherRtl {

    private GatherRtl() {
    }

    static Module gather(Layer l, String module) {
        Margins m = (Margins) l;
        TensorVariable in = l.input();
        TensorVariable out = l.output();
        boolean twoD = m.axes().size() == 2;
        int inH = twoD ? l.getInt("in_height") : 1;
        int inW = l.getInt("in_width");
        int outH = twoD ? l.getInt("out_height") : 1;
        int outW = l.getInt("out_width");
        int nChan = l.getInt("n_chan");
        if (LayerRtl.packSize(in) != nChan || LayerRtl.packSize(out) != nChan) {
            throw new Unsupported("stream packs other than n_chan in and out");
        }
        // source row = orow / fr + offR, source column = ocol / fc + offC
        int fr = 1;
        int fc = 1;
        int offR = 0;
        int offC = 0;
        String what;
        if (l instanceof UpSampling) {
            fr = twoD ? l.getInt("height_factor") : 1;
            fc = l.getInt("width_factor");
            what = "nearest upsampling by " + fr + "x" + fc;
        } else {
            int sign = m.amounts("width").get(0).startsWith("pad_") ? -1 : 1; // zeros added or pixels removed
            offR = twoD ? sign * l.getInt(m.amounts("height").get(0)) : 0;
            offC = sign * l.getInt(m.amounts("width").get(0));
            what = (sign < 0 ? "zero padding" : "cropping") + ", source offset " + offR + "x" + offC;
        }
        FixedPrecisionType inT = LayerRtl.fixed(in);
        FixedPrecisionType outT = LayerRtl.fixed(out);
        int xw = inT.width();
        int pw = nChan * xw;
        int ow = nChan * outT.width();
        int nInPix = inH * inW;
        int nOutPix = outH * outW;
        // signed coordinates and pixel indices: |sr|, |sc| below these bounds, |pixel| below their product
        int bound = (outH + Math.abs(offR) + inH + 1) * (outW + Math.abs(offC) + inW + 1);
        int sw = Verilog.clog2(bound) + 2;
        int cw = Math.max(1, Verilog.clog2(nOutPix + 1));
        int xcw = Math.max(1, Verilog.clog2(outW));
        int wcw = Math.max(1, Verilog.clog2(inW));
        int rsw = Math.max(1, Verilog.clog2(fr));
        int csw = Math.max(1, Verilog.clog2(fc));

        Verilog v = new Verilog(module);
        StringBuilder d = v.decls();
        StringBuilder s = v.stmts();
        d.append("    reg [").append(pw - 1).append(":0] row [0:").append(inW - 1).append("];\n");
        d.append("    reg signed [").append(sw - 1).append(":0] sr;\n    reg signed [").append(sw - 1)
                .append(":0] sc;\n    reg signed [").append(sw - 1).append(":0] npix;\n");
        d.append("    reg [").append(rsw - 1).append(":0] rsub;\n    reg [").append(csw - 1).append(":0] csub;\n");
        d.append("    reg [").append(xcw - 1).append(":0] ocol;\n    reg [").append(cw - 1).append(":0] ocount;\n");
        d.append("    reg [").append(wcw - 1).append(":0] wcol;\n");
        d.append("    reg out_valid_q;\n    reg [").append(ow - 1).append(":0] out_q;\n");
        s.append("    wire src_in = ~sr[").append(sw - 1).append("] & (sr < ").append(slit(inH, sw)).append(") & ~sc[")
                .append(sw - 1).append("] & (sc < ").append(slit(inW, sw)).append(");\n");
        d.append("    wire signed [").append(sw - 1).append(":0] pixel;\n");
        s.append("    assign pixel = sr * ").append(slit(inW, sw)).append(" + sc;\n");
        s.append("    wire odone = (ocount == ").append(cw).append("'d").append(nOutPix).append(");\n");
        s.append("    wire need = ~odone & src_in & (npix <= pixel);\n");
        s.append("    wire through = src_in & (npix == pixel);\n");
        s.append("    wire can_out = ~out_valid_q | out_ready;\n");
        s.append("    wire emit = ~odone & can_out & (~src_in | (npix > pixel) | (through & in_valid));\n");
        s.append("    wire sample_done = odone & (npix == ").append(slit(nInPix, sw)).append(");\n");
        s.append("    assign in_ready = need | (odone & ~sample_done);\n");
        s.append("    assign out_valid = out_valid_q;\n    assign out_data = out_q;\n");
        String src = v.wire("src", pw, "through ? in_data : row[sc[" + (wcw - 1) + ":0]]");
        List<String> outs = new ArrayList<>();
        for (int ch = nChan - 1; ch >= 0; ch--) {
            outs.add(v.cast(Verilog.of(Verilog.slice(src, ch, xw), inT), outT));
        }
        String value = v.wire("value", ow, "src_in ? {" + String.join(", ", outs) + "} : " + ow + "'h0");

        String restart = "sr <= " + slit(offR, sw) + ";\nsc <= " + slit(offC, sw) + ";\nnpix <= " + slit(0, sw)
                + ";\nrsub <= " + rsw + "'d0;\ncsub <= " + csw + "'d0;\nocol <= " + xcw + "'d0;\nocount <= " + cw
                + "'d0;\nwcol <= " + wcw + "'d0;\n";
        LayerRtl.openOutputRegister(s, restart);
        s.append("            if (sample_done) begin\n").append(indent(restart, 16)).append("            end\n");
        s.append("            if (emit) begin\n                out_q <= ").append(value)
                .append(";\n                out_valid_q <= 1'b1;\n");
        s.append("                ocount <= ocount + ").append(cw).append("'d1;\n");
        s.append("                if (ocol == ").append(xcw).append("'d").append(outW - 1).append(") begin\n");
        s.append("                    ocol <= ").append(xcw).append("'d0;\n                    sc <= ")
                .append(slit(offC, sw)).append(";\n                    csub <= ").append(csw).append("'d0;\n");
        s.append(step("rsub", rsw, fr, "sr", sw, 20));
        s.append("                end else begin\n                    ocol <= ocol + ").append(xcw).append("'d1;\n");
        s.append(step("csub", csw, fc, "sc", sw, 20));
        s.append("                end\n            end\n");
        s.append("            if (in_valid & in_ready) begin\n                row[wcol] <= in_data;\n");
        s.append("                wcol <= (wcol == ").append(wcw).append("'d").append(inW - 1).append(") ? ")
                .append(wcw).append("'d0 : wcol + ").append(wcw).append("'d1;\n");
        s.append("                npix <= npix + ").append(slit(1, sw)).append(";\n            end\n");
        s.append("        end\n    end\n");
        String desc = l.className() + " " + l.name() + ": " + inH + "x" + inW + "x" + nChan + " -> " + outH + "x"
                + outW + "x" + nChan + ", " + what + "; row buffer of " + inW + " pixels; result " + outT.cppType();
        return new Module(v.roms(), d.toString() + s, pw, ow, desc);
    }

    /** Advances a source coordinate every {@code f} output steps: the sub-counter, then the coordinate. */
    private static String step(String sub, int subw, int f, String coord, int sw, int ind) {
        String pad = " ".repeat(ind);
        if (f == 1) {
            return pad + coord + " <= " + coord + " + " + slit(1, sw) + ";\n";
        }
        return pad + "if (" + sub + " == " + subw + "'d" + (f - 1) + ") begin\n" + pad + "    " + sub + " <= " + subw
                + "'d0;\n" + pad + "    " + coord + " <= " + coord + " + " + slit(1, sw) + ";\n" + pad
                + "end else begin\n" + pad + "    " + sub + " <= " + sub + " + " + subw + "'d1;\n" + pad + "end\n";
    }

    private static String slit(int value, int w) {
        return "$signed(" + FixedCast.lit(java.math.BigInteger.valueOf(value), w) + ")";
    }

    private static String indent(String lines, int n) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines.split("\n")) {
            sb.append(" ".repeat(n)).append(line).append('\n');
        }
        return sb.toString();
    }
}
