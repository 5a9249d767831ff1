package org.hls4ml.backends.vivado;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hls4ml.backends.CppArray;
import org.hls4ml.model.Layer;
import org.hls4ml.model.ModelGraph;
import org.hls4ml.model.layers.Activation;
import org.hls4ml.model.layers.BatchNormalization;
import org.hls4ml.model.layers.Conv1D;
import org.hls4ml.model.layers.Conv2D;
import org.hls4ml.model.layers.Cropping1D;
import org.hls4ml.model.layers.Cropping2D;
import org.hls4ml.model.layers.Margins;
import org.hls4ml.model.layers.UpSampling;
import org.hls4ml.model.layers.UpSampling1D;
import org.hls4ml.model.layers.UpSampling2D;
import org.hls4ml.model.layers.ZeroPadding1D;
import org.hls4ml.model.layers.ZeroPadding2D;
import org.hls4ml.model.layers.Convolution;
import org.hls4ml.model.layers.Dense;
import org.hls4ml.model.layers.DepthwiseConv1D;
import org.hls4ml.model.layers.DepthwiseConv2D;
import org.hls4ml.model.layers.DepthwiseConvolution;
import org.hls4ml.model.layers.GlobalPooling;
import org.hls4ml.model.layers.GlobalPooling1D;
import org.hls4ml.model.layers.GlobalPooling2D;
import org.hls4ml.model.layers.Pooling;
import org.hls4ml.model.layers.Pooling1D;
import org.hls4ml.model.layers.Pooling2D;
import org.hls4ml.model.layers.Reshape;
import org.hls4ml.model.layers.Softmax;
import org.hls4ml.optimizer.TemplatePass;
import org.hls4ml.types.FixedPoint;
import org.hls4ml.types.FixedPrecisionType;
import org.hls4ml.types.NamedType;

/** The template passes of the Vivado/Vitis backends: each layer's config struct and function call. */
final class VivadoTemplates {

    private VivadoTemplates() {
    }

    static List<TemplatePass> all() {
        return List.of(new DenseTemplate(), new ConvTemplate(), new ActivationTemplate(), new SoftmaxTemplate(),
                new BatchNormTemplate(), new ReshapeTemplate(), new PoolingTemplate(),
                new MarginsTemplate(), new ResizeTemplate());
    }

    /** Values every template uses. */
    static Map<String, Object> common(Layer l) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", l.name());
        v.put("index", l.index());
        v.put("iotype", "nnet::" + l.model().config().ioType());
        v.put("reuse", l.getInt("reuse_factor"));
        v.put("input_t", l.input().type().name());
        v.put("output_t", l.output().type().name());
        v.put("input", l.input().name());
        v.put("output", l.output().name());
        return v;
    }

    private static String header(Layer l, String base) {
        return "stream".equals(l.model().config().ioType().substring(3)) ? base + "_stream.h" : base + ".h";
    }

    static final class DenseTemplate extends TemplatePass {
        DenseTemplate() {
            super("dense_template", List.of(Dense.class));
        }

        @Override
        public String summary() {
            return "Dense config struct and nnet::dense call";
        }

        @Override
        protected void apply(ModelGraph model, Layer l) {
            Map<String, Object> v = common(l);
            l.set("config_cpp", denseConfig(l, "config" + l.index(), l.getInt("n_in"), l.getInt("n_out"), v));
            l.set("function_cpp", TemplatePass.fill(
                    "nnet::dense<{input_t}, {output_t}, config{index}>({input}, {output}, {w}, {b}); // {name}", v));
            l.set("include_header", List.of(header(l, "nnet_dense")));
            l.set("tables", List.of());
        }
    }

    /**
     * The {@code nnet::dense_config} struct {@code struct} of a sum of products with the layer's types, strategy and
     * zero-weight count; also puts the weight and bias array names ({@code w}, {@code b}) into {@code v}.
     */
    static String denseConfig(Layer l, String struct, int nIn, int nOut, Map<String, Object> v) {
        int zeros = l.has("n_zeros") ? l.getInt("n_zeros") : 0;
        v.put("struct", struct);
        v.put("n_in", nIn);
        v.put("n_out", nOut);
        v.put("strategy", "nnet::" + l.getString("strategy"));
        v.put("n_zeros", zeros);
        v.put("n_nonzeros", nIn * nOut - zeros);
        v.put("accum_t", l.type("accum_t").name());
        v.put("weight_t", l.type("weight_t").name());
        v.put("bias_t", l.type("bias_t").name());
        v.put("w", l.weights().get("weight").name());
        v.put("b", l.weights().get("bias").name());
        return TemplatePass.fill("""
                struct {struct} : nnet::dense_config {
                    static const unsigned n_in = {n_in};
                    static const unsigned n_out = {n_out};
                    static const unsigned io_type = {iotype};
                    static const unsigned strategy = {strategy};
                    static const unsigned reuse_factor = {reuse};
                    static const unsigned n_zeros = {n_zeros};
                    static const unsigned n_nonzeros = {n_nonzeros};
                    static const unsigned multiplier_limit = DIV_ROUNDUP(n_in * n_out, reuse_factor) - n_zeros / reuse_factor;
                    static const bool store_weights_in_bram = false;
                    typedef {accum_t} accum_t;
                    typedef {bias_t} bias_t;
                    typedef {weight_t} weight_t;
                    template<class x_T, class y_T>
                    using product = nnet::product::mult<x_T, y_T>;
                };
                """, v);
    }

    /**
     * Conv1D / Conv2D: hls4ml's {@code config<i>} with the geometry, and {@code config<i>_mult}, the dense_config of one
     * output pixel (n_in = the products per output value, n_out = n_filt), whose weights are the Keras kernel as it is
     * stored: index {@code ((fh * filt_width + fw) * n_chan + c) * n_filt + f}. DepthwiseConv1D / DepthwiseConv2D:
     * the same structs plus {@code depth_multiplier}, with {@code config<i>_mult} the Dense of one channel (n_in = the
     * window, n_out = depth_multiplier), called as {@code nnet::depthwise_conv_<n>d_cl}.
     */
    static final class ConvTemplate extends TemplatePass {
        ConvTemplate() {
            super("conv_template", List.of(Conv1D.class, Conv2D.class, DepthwiseConv1D.class, DepthwiseConv2D.class));
        }

        @Override
        public String summary() {
            return "Conv1D/Conv2D and DepthwiseConv1D/2D config structs (geometry and per-pixel dense_config) and"
                    + " nnet::[depthwise_]conv_<n>d_cl call";
        }

        @Override
        protected void apply(ModelGraph model, Layer l) {
            Convolution c = (Convolution) l;
            boolean depthwise = l instanceof DepthwiseConvolution;
            Map<String, Object> v = common(l);
            int dims = c.axes().size();
            String mult = denseConfig(l, "config" + l.index() + "_mult", c.nProducts(), c.denseOutputs(), v);
            v.put("geometry", geometry(l, c.axes(), "filt_"));
            v.put("dims", dims);
            v.put("n_chan", l.getInt("n_chan"));
            v.put("n_filt", l.getInt("n_filt"));
            v.put("depth", depthwise ? "    static const unsigned depth_multiplier = " + l.getInt("depth_multiplier")
                    + ";\n" : "");
            v.put("fn", depthwise ? "depthwise_conv" : "conv");
            l.set("config_cpp", mult + TemplatePass.fill("""
                    struct config{index} : nnet::conv{dims}d_config {
                    {geometry}    static const unsigned n_chan = {n_chan};
                        static const unsigned n_filt = {n_filt};
                    {depth}    static const unsigned io_type = {iotype};
                        static const unsigned strategy = {strategy};
                        static const unsigned reuse_factor = {reuse};
                        typedef {accum_t} accum_t;
                        typedef {bias_t} bias_t;
                        typedef {weight_t} weight_t;
                        typedef config{index}_mult mult_config;
                    };
                    """, v));
            l.set("function_cpp", TemplatePass.fill(
                    "nnet::{fn}_{dims}d_cl<{input_t}, {output_t}, config{index}>({input}, {output}, {w}, {b}); // {name}", v));
            l.set("include_header", List.of(header(l, depthwise ? "nnet_sepconv" : "nnet_conv")));
            l.set("tables", List.of());
        }
    }

    /** The {@code static const unsigned} members of a window's geometry: in_, {@code window}, stride_, out_, pads. */
    static String geometry(Layer l, List<String> axes, String window) {
        StringBuilder geometry = new StringBuilder();
        for (String axis : axes) {
            List<String> attrs = new ArrayList<>(List.of("in_" + axis, window + axis, "stride_" + axis, "out_" + axis));
            attrs.addAll(Convolution.pads(axis));
            for (String attr : attrs) {
                geometry.append("    static const unsigned ").append(attr).append(" = ").append(l.getInt(attr)).append(";\n");
            }
        }
        return geometry.toString();
    }

    /**
     * Pooling1D/2D (hls4ml's pooling<n>d_config, nnet::pooling<n>d_cl) and GlobalPooling1D/2D
     * (global_pooling<n>d_config with the input size only, nnet::global_pooling<n>d_cl).
     */
    static final class PoolingTemplate extends TemplatePass {
        PoolingTemplate() {
            super("pooling_template", List.of(Pooling1D.class, Pooling2D.class, GlobalPooling1D.class,
                    GlobalPooling2D.class));
        }

        @Override
        public String summary() {
            return "Pooling1D/2D and GlobalPooling1D/2D config struct and nnet::[global_]pooling<n>d_cl call";
        }

        @Override
        protected void apply(ModelGraph model, Layer l) {
            Map<String, Object> v = common(l);
            List<String> axes;
            String geometry;
            String kind;
            if (l instanceof Pooling p) {
                axes = p.axes();
                geometry = geometry(l, axes, "pool_");
                kind = "pooling";
            } else {
                axes = ((GlobalPooling) l).axes();
                StringBuilder g = new StringBuilder();
                for (String axis : axes) {
                    g.append("    static const unsigned in_").append(axis).append(" = ").append(l.getInt("in_" + axis))
                            .append(";\n");
                }
                geometry = g.toString();
                kind = "global_pooling";
            }
            v.put("kind", kind + axes.size() + "d");
            v.put("geometry", geometry);
            v.put("n_filt", l.getInt("n_filt"));
            v.put("pool_op", l.getString("pool_op").equals("max") ? "Max" : "Average");
            v.put("accum_t", l.type("accum_t").name());
            l.set("config_cpp", TemplatePass.fill("""
                    struct config{index} : nnet::{kind}_config {
                    {geometry}    static const unsigned n_filt = {n_filt};
                        static const nnet::Pool_Op pool_op = nnet::{pool_op};
                        static const unsigned io_type = {iotype};
                        static const unsigned reuse_factor = {reuse};
                        typedef {accum_t} accum_t;
                    };
                    """, v));
            l.set("function_cpp", TemplatePass.fill(
                    "nnet::{kind}_cl<{input_t}, {output_t}, config{index}>({input}, {output}); // {name}", v));
            l.set("include_header", List.of(header(l, "nnet_pooling")));
            l.set("tables", List.of());
        }
    }

    /** The {@code static const unsigned} members {@code name = value}. */
    private static String members(Map<String, Integer> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, n) -> sb.append("    static const unsigned ").append(k).append(" = ").append(n).append(";\n"));
        return sb.toString();
    }

    /** The C++ text of a layer that only moves pixels: config struct {@code base} with {@code values}, call {@code fn}. */
    private static void pixelMover(Layer l, String base, Map<String, Integer> values, String fn, String header) {
        Map<String, Object> v = common(l);
        v.put("base", base);
        v.put("fn", fn);
        v.put("members", members(values));
        l.set("config_cpp", TemplatePass.fill("""
                struct config{index} : nnet::{base} {
                {members}};
                """, v));
        l.set("function_cpp", TemplatePass.fill(
                "nnet::{fn}<{input_t}, {output_t}, config{index}>({input}, {output}); // {name}", v));
        l.set("include_header", List.of(header(l, header)));
        l.set("tables", List.of());
    }

    /** ZeroPadding1D/2D (padding<n>d_config, nnet::zeropad<n>d_cl) and Cropping1D/2D (cropping<n>d_config). */
    static final class MarginsTemplate extends TemplatePass {
        MarginsTemplate() {
            super("padding_template", List.of(ZeroPadding1D.class, ZeroPadding2D.class, Cropping1D.class,
                    Cropping2D.class));
        }

        @Override
        public String summary() {
            return "ZeroPadding1D/2D and Cropping1D/2D config struct and nnet::zeropad<n>d_cl / cropping<n>d_cl call";
        }

        @Override
        protected void apply(ModelGraph model, Layer l) {
            Margins m = (Margins) l;
            Map<String, Integer> values = new LinkedHashMap<>();
            for (String axis : m.axes()) {
                values.put("in_" + axis, l.getInt("in_" + axis));
                values.put("out_" + axis, l.getInt("out_" + axis));
            }
            values.put("n_chan", l.getInt("n_chan"));
            for (String axis : m.axes()) {
                m.amounts(axis).forEach(a -> values.put(a, l.getInt(a)));
            }
            int dims = m.axes().size();
            boolean pad = l instanceof ZeroPadding1D || l instanceof ZeroPadding2D;
            pixelMover(l, (pad ? "padding" : "cropping") + dims + "d_config", values,
                    (pad ? "zeropad" : "cropping") + dims + "d_cl", "nnet_padding");
        }
    }

    /** UpSampling1D/2D, nearest: hls4ml's resize_config (height, width, new_height, new_width) and nnet::resize_nearest. */
    static final class ResizeTemplate extends TemplatePass {
        ResizeTemplate() {
            super("resize_template", List.of(UpSampling1D.class, UpSampling2D.class));
        }

        @Override
        public String summary() {
            return "UpSampling1D/2D config struct and nnet::resize_nearest call";
        }

        @Override
        protected void apply(ModelGraph model, Layer l) {
            boolean twoD = ((UpSampling) l).axes().size() == 2;
            Map<String, Integer> values = new LinkedHashMap<>();
            values.put("height", twoD ? l.getInt("in_height") : 1);
            values.put("width", l.getInt("in_width"));
            values.put("n_chan", l.getInt("n_chan"));
            values.put("new_height", twoD ? l.getInt("out_height") : 1);
            values.put("new_width", l.getInt("out_width"));
            pixelMover(l, "resize_config", values, "resize_nearest", "nnet_image");
        }
    }

    /**
     * Reshape / Flatten that the optimizer kept: nnet::repack regroups the stream packs (io_stream) or
     * copies the array (io_parallel).
     */
    static final class ReshapeTemplate extends TemplatePass {
        ReshapeTemplate() {
            super("reshape_template", List.of(Reshape.class));
        }

        @Override
        public String summary() {
            return "Reshape config struct and nnet::repack call (io_stream: new stream pack size)";
        }

        @Override
        protected void apply(ModelGraph model, Layer l) {
            Map<String, Object> v = common(l);
            v.put("n_in", l.output().size());
            l.set("config_cpp", TemplatePass.fill("""
                    struct config{index} : nnet::reshape_config {
                        static const unsigned n_in = {n_in};
                        static const unsigned io_type = {iotype};
                    };
                    """, v));
            l.set("function_cpp", TemplatePass.fill(
                    "nnet::repack<{input_t}, {output_t}, config{index}>({input}, {output}); // {name}", v));
            l.set("include_header", List.of(header(l, "nnet_reshape")));
            l.set("tables", List.of());
        }
    }

    static class ActivationTemplate extends TemplatePass {
        ActivationTemplate() {
            super("activation_template", List.of(Activation.class));
        }

        @Override
        public String summary() {
            return "activation config struct (and lookup table) and nnet::<activation> call";
        }

        @Override
        protected void apply(ModelGraph model, Layer l) {
            Map<String, Object> v = common(l);
            String fn = l.getString("activation");
            int n = l.getInt("table_size");
            v.put("fn", fn);
            v.put("n_in", l.output().size());
            v.put("table_size", n);
            v.put("table_t", l.type("table_t").name());
            String config = fn + "_config" + l.index();
            v.put("config", config);
            List<CppArray> tables = new ArrayList<>();
            String member = "";
            List<BigInteger> raw = LookupTables.activation(fn, n, l.fixed("table_t"));
            if (raw != null) {
                member = "    static const table_t table[" + n + "];\n";
                tables.add(table(l, fn + "_table" + l.index(), "table_t", config + "::table", raw,
                        fn + " over " + LookupTables.activationRange(fn) + ", " + n + " entries"));
            }
            if (fn.equals("hard_sigmoid")) {
                // hls4ml's slope_t and shift_t: 0.2 in ap_ufixed<16,0>, 0.5 in ap_ufixed<1,0>
                member += "    typedef ap_ufixed<16, 0> slope_t;\n    typedef ap_ufixed<1, 0> shift_t;\n";
            }
            v.put("member", member);
            v.put("param", paramArgument(l, fn));
            l.set("config_cpp", TemplatePass.fill("""
                    struct {config} : nnet::activ_config {
                        static const unsigned n_in = {n_in};
                        static const unsigned table_size = {table_size};
                        static const unsigned io_type = {iotype};
                        static const unsigned reuse_factor = {reuse};
                        typedef {table_t} table_t;
                    {member}};
                    """, v));
            String types = Activation.PARAMETRIZED.contains(fn) && !fn.equals("elu")
                    ? "{input_t}, " + l.type("param_t").name() + ", {output_t}" : "{input_t}, {output_t}";
            l.set("function_cpp", TemplatePass.fill(
                    "nnet::{fn}<" + types + ", {config}>({input}, {param}{output}); // {name}", v));
            l.set("include_header", List.of(header(l, "nnet_activation")));
            l.set("tables", tables);
        }
    }

    static final class SoftmaxTemplate extends TemplatePass {
        SoftmaxTemplate() {
            super("softmax_template", List.of(Softmax.class));
        }

        @Override
        public String summary() {
            return "softmax config struct, exp and inverse tables, and nnet::softmax call";
        }

        @Override
        protected void apply(ModelGraph model, Layer l) {
            Map<String, Object> v = common(l);
            String impl = l.getString("implementation");
            int n = l.getInt("table_size");
            String config = "softmax_config" + l.index();
            v.put("config", config);
            v.put("n_in", l.output().size());
            v.put("table_size", n);
            v.put("impl", impl);
            v.put("exp_table_t", l.type("exp_table_t").name());
            v.put("inv_table_t", l.type("inv_table_t").name());
            v.put("accum_t", l.type("accum_t").name());
            v.put("inv_inp_t", l.type("inv_inp_t").name());
            v.put("inp_norm_t", l.type("inp_norm_t").precision().cppType());
            FixedPrecisionType expT = l.fixed("exp_table_t");
            FixedPrecisionType invT = l.fixed("inv_table_t");
            List<CppArray> tables = new ArrayList<>();
            List<BigInteger> exp = null;
            List<BigInteger> inv = null;
            switch (impl) {
                case "stable" -> {
                    exp = LookupTables.softmaxStableExp(n, l.fixed("inp_norm_t"), expT);
                    inv = LookupTables.softmaxInvert(n, l.fixed("inv_inp_t"), invT);
                }
                case "latency" -> {
                    FixedPrecisionType in = (FixedPrecisionType) l.input().type().precision();
                    exp = LookupTables.softmaxLatencyExp(n, in, expT);
                    inv = LookupTables.softmaxInvert(n, l.fixed("inv_inp_t"), invT);
                }
                case "legacy" -> {
                    exp = LookupTables.softmaxLegacyExp(n, l.fixed("table_t"));
                    inv = LookupTables.softmaxLegacyInvert(n, l.fixed("table_t"));
                }
                default -> {
                    // argmax needs no tables
                }
            }
            String members = "";
            if (exp != null) {
                // the legacy implementation keeps both tables in table_t
                boolean legacy = impl.equals("legacy");
                String expType = legacy ? "table_t" : "exp_table_t";
                String invType = legacy ? "table_t" : "inv_table_t";
                members = "    static const " + expType + " exp_table[" + n + "];\n    static const " + invType
                        + " invert_table[" + n + "];\n";
                tables.add(table(l, "exp_table" + l.index(), expType, config + "::exp_table", exp,
                        "softmax (" + impl + ") exp table, " + n + " entries"));
                tables.add(table(l, "invert_table" + l.index(), invType, config + "::invert_table", inv,
                        "softmax (" + impl + ") inverse table, " + n + " entries"));
            }
            v.put("table_t", l.type("table_t").name());
            v.put("members", members);
            l.set("config_cpp", TemplatePass.fill("""
                    struct {config} : nnet::softmax_config {
                        static const unsigned n_in = {n_in};
                        static const unsigned table_size = {table_size};
                        static const unsigned io_type = {iotype};
                        static const unsigned reuse_factor = {reuse};
                        static const int axis = -1;
                        static const nnet::softmax_implementation implementation = nnet::softmax_implementation::{impl};
                        typedef {exp_table_t} exp_table_t;
                        typedef {inv_table_t} inv_table_t;
                        typedef {accum_t} accum_t;
                        typedef {inv_inp_t} inv_inp_t;
                        typedef {inp_norm_t} inp_norm_t;
                        typedef {table_t} table_t;
                    {members}};
                    """, v));
            l.set("function_cpp", TemplatePass.fill(
                    "nnet::softmax<{input_t}, {output_t}, {config}>({input}, {output}); // {name}", v));
            l.set("include_header", List.of(header(l, "nnet_activation")));
            l.set("tables", tables);
        }
    }

    static final class BatchNormTemplate extends TemplatePass {
        BatchNormTemplate() {
            super("batchnorm_template", List.of(BatchNormalization.class));
        }

        @Override
        public String summary() {
            return "BatchNormalization config struct and nnet::normalize call";
        }

        @Override
        protected void apply(ModelGraph model, Layer l) {
            Map<String, Object> v = common(l);
            v.put("n_in", l.output().size());
            v.put("n_filt", l.getInt("n_filt"));
            v.put("scale_t", l.type("scale_t").name());
            v.put("bias_t", l.type("bias_t").name());
            v.put("s", l.weights().get("scale").name());
            v.put("b", l.weights().get("bias").name());
            l.set("config_cpp", TemplatePass.fill("""
                    struct config{index} : nnet::batchnorm_config {
                        static const unsigned n_in = {n_in};
                        static const unsigned n_filt = {n_filt};
                        static const unsigned n_scale_bias = (n_filt == -1) ? n_in : n_filt;
                        static const unsigned io_type = {iotype};
                        static const unsigned reuse_factor = {reuse};
                        static const unsigned multiplier_limit = DIV_ROUNDUP(n_in, reuse_factor);
                        static const bool store_weights_in_bram = false;
                        typedef {bias_t} bias_t;
                        typedef {scale_t} scale_t;
                        template<class x_T, class y_T>
                        using product = nnet::product::mult<x_T, y_T>;
                    };
                    """, v));
            l.set("function_cpp", TemplatePass.fill(
                    "nnet::normalize<{input_t}, {output_t}, config{index}>({input}, {output}, {s}, {b}); // {name}", v));
            l.set("include_header", List.of(header(l, "nnet_batchnorm")));
            l.set("tables", List.of());
        }
    }

    /** hls4ml's activ_param argument ("alpha, ") of a parametrized activation, as a C++ double literal; "" for others. */
    private static String paramArgument(Layer l, String fn) {
        if (!Activation.PARAMETRIZED.contains(fn)) {
            return "";
        }
        return Double.toString(l.get("activ_param", Double.class)) + ", ";
    }

    private static CppArray table(Layer l, String file, String typeAttr, String member, List<BigInteger> raw, String what) {
        NamedType type = l.type(typeAttr);
        FixedPrecisionType t = l.fixed(typeAttr);
        List<String> values = raw.stream().map(r -> FixedPoint.exactDecimal(r, t)).toList();
        return new CppArray(file, "const " + type.name() + " " + member + "[" + raw.size() + "]", values,
                List.of(what + " for layer " + l.name(), "type " + t.cppType()));
    }
}
