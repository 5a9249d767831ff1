package org.hls4ml.backends.vivado;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hls4ml.model.Layer;
import org.hls4ml.model.ModelGraph;
import org.hls4ml.model.TensorVariable;
import org.hls4ml.model.layers.Clone;
import org.hls4ml.model.layers.Concatenate;
import org.hls4ml.model.layers.Merge;
import org.hls4ml.optimizer.TemplatePass;

/** The template passes of the two-input layers (Merge, Concatenate) and of the io_stream Clone. */
final class MergeTemplates {

    private MergeTemplates() {
    }

    static List<TemplatePass> all() {
        return List.of(new MergeTemplate(), new ConcatenateTemplate(), new CloneTemplate());
    }

    /** The common values with both inputs: {@code input1_t}, {@code input2_t}, {@code input1}, {@code input2}. */
    private static Map<String, Object> twoInputs(Layer l) {
        Map<String, Object> v = VivadoTemplates.common(l);
        for (int k = 0; k < 2; k++) {
            v.put("input" + (k + 1) + "_t", l.input(k).type().name());
            v.put("input" + (k + 1), l.input(k).name());
        }
        return v;
    }

    private static String header(Layer l, String base) {
        return l.model().config().ioType().equals("io_stream") ? base + "_stream.h" : base + ".h";
    }

    /** Merge: hls4ml's merge_config (n_elem) and nnet::{op}. */
    static final class MergeTemplate extends TemplatePass {
        MergeTemplate() {
            super("merge_template", List.of(Merge.class));
        }

        @Override
        public String summary() {
            return "Merge (add, subtract, multiply, average, maximum, minimum) config struct and nnet::<op> call";
        }

        @Override
        protected void apply(ModelGraph model, Layer l) {
            Map<String, Object> v = twoInputs(l);
            v.put("n_elem", l.input(0).size());
            v.put("op", ((Merge) l).op());
            l.set("config_cpp", TemplatePass.fill("""
                    struct config{index} : nnet::merge_config {
                        static const unsigned n_elem = {n_elem};
                        static const unsigned reuse_factor = {reuse};
                    };
                    """, v));
            l.set("function_cpp", TemplatePass.fill(
                    "nnet::{op}<{input1_t}, {input2_t}, {output_t}, config{index}>({input1}, {input2}, {output}); // {name}",
                    v));
            l.set("include_header", List.of(header(l, "nnet_merge")));
            l.set("tables", List.of());
        }
    }

    /** Concatenate: hls4ml's concat_config (both shapes, unused dimensions 0, Keras' axis) and nnet::concatenate{n}d. */
    static final class ConcatenateTemplate extends TemplatePass {
        ConcatenateTemplate() {
            super("concatenate_template", List.of(Concatenate.class));
        }

        @Override
        public String summary() {
            return "Concatenate config struct and nnet::concatenate<n>d call";
        }

        @Override
        protected void apply(ModelGraph model, Layer l) {
            Map<String, Object> v = twoInputs(l);
            StringBuilder members = new StringBuilder();
            for (int k = 0; k < 2; k++) {
                int[] s = l.input(k).shape();
                for (int d = 0; d < 3; d++) {
                    members.append("    static const unsigned n_elem").append(k + 1).append('_').append(d).append(" = ")
                            .append(d < s.length ? s[d] : 0).append(";\n");
                }
            }
            v.put("members", members);
            v.put("axis", l.getInt("axis"));
            v.put("dims", l.input(0).shape().length);
            l.set("config_cpp", TemplatePass.fill("""
                    struct config{index} : nnet::concat_config {
                    {members}    static const int axis = {axis};
                    };
                    """, v));
            l.set("function_cpp", TemplatePass.fill("nnet::concatenate{dims}d<{input1_t}, {input2_t}, {output_t},"
                    + " config{index}>({input1}, {input2}, {output}); // {name}", v));
            l.set("include_header", List.of(header(l, "nnet_merge")));
            l.set("tables", List.of());
        }
    }

    /** Clone: nnet::clone_stream into every copy (no config struct). */
    static final class CloneTemplate extends TemplatePass {
        CloneTemplate() {
            super("clone_template", List.of(Clone.class));
        }

        @Override
        public String summary() {
            return "io_stream Clone: nnet::clone_stream call";
        }

        @Override
        protected void apply(ModelGraph model, Layer l) {
            Map<String, Object> v = VivadoTemplates.common(l);
            List<String> copies = new ArrayList<>();
            for (TensorVariable c : ((Clone) l).copies()) {
                copies.add(c.name());
            }
            v.put("size", l.input().size());
            v.put("copies", String.join(", ", copies));
            l.set("config_cpp", "");
            l.set("function_cpp", TemplatePass.fill(
                    "nnet::clone_stream<{input_t}, {output_t}, {size}>({input}, {copies}); // {name}", v));
            l.set("include_header", List.of("nnet_stream.h"));
            l.set("tables", List.of());
        }
    }
}
