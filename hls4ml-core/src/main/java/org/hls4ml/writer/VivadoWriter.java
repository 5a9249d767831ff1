package org.hls4ml.writer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;
import org.hls4ml.backends.Backend;
import org.hls4ml.backends.CppArray;
import org.hls4ml.model.Layer;
import org.hls4ml.model.ModelGraph;
import org.hls4ml.model.TensorVariable;
import org.hls4ml.model.WeightVariable;
import org.hls4ml.model.layers.InputLayer;
import org.hls4ml.types.FixedPrecisionType;
import org.hls4ml.types.NamedType;
import org.hls4ml.types.PrecisionType;
import org.hls4ml.vendor.ExportVersion;

/**
 * Writes hls4ml's project shape for the Vivado and Vitis backends from a model that went through the backend's flow:
 * {@code firmware/<project>.cpp/.h}, {@code defines.h}, {@code parameters.h}, {@code weights/*.h}, the layer library
 * and bundled ap types, the test bench, {@code tb_data/}, {@code project.tcl}, {@code build_prj.tcl} and
 * {@code vivado_synth.tcl}. Everything is built in memory; {@link ProjectFiles} puts it on disk.
 */
public final class VivadoWriter {

    static final String TEMPLATES = "org/hls4ml/templates/vivado/";
    /** The bundled layer library, copied to {@code firmware/nnet_utils}. */
    public static final String NNET_UTILS = "org/hls4ml/templates/vivado/nnet_utils";
    /** The bundled ap types, copied to {@code firmware/ap_types}. */
    public static final String AP_TYPES = "org/hls4ml/include/ap_types";

    private final VelocityEngine engine;

    public VivadoWriter() {
        engine = new VelocityEngine();
        engine.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
        engine.setProperty("resource.loader.classpath.class", ClasspathResourceLoader.class.getName());
        engine.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, true);
        engine.init();
    }

    /**
     * @param tbInput       contents of tb_data/tb_input_features.dat, or null
     * @param tbPredictions contents of tb_data/tb_output_predictions.dat, or null
     * @param version       the project version (e.g. the Maven project version); {@code project.tcl} gets its
     *                      {@link ExportVersion} for {@code export_design -version}
     */
    public GeneratedProject write(ModelGraph model, Backend backend, String tbInput, String tbPredictions, String version) {
        String project = model.config().projectName();
        String io = model.config().ioType();
        GeneratedProject out = new GeneratedProject(project);

        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("project", project);
        ctx.put("io", io);
        List<Map<String, Object>> inputs = ports(model, model.inputVariables(), io);
        List<Map<String, Object>> outputs = ports(model, model.outputVariables(), io);
        List<Map<String, Object>> all = new ArrayList<>(inputs);
        all.addAll(outputs);
        ctx.put("ports", all);
        ctx.put("inputPorts", inputs);
        ctx.put("outputPorts", outputs);
        ctx.put("portNames", String.join(",", all.stream().map(p -> (String) p.get("name")).toList()));
        ctx.put("allPortNames", String.join(", ", all.stream().map(p -> (String) p.get("name")).toList()));
        ctx.put("nIn", model.inputVariables().stream().mapToInt(TensorVariable::size).sum());

        // layers, configs, weights, tables
        List<Map<String, Object>> layers = new ArrayList<>();
        TreeSet<String> includes = new TreeSet<>();
        List<String> configs = new ArrayList<>();
        List<String> weightFiles = new ArrayList<>();
        List<String> tableFiles = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (l instanceof InputLayer) {
                continue;
            }
            String call = l.getString("function_cpp");
            if (call == null || call.isEmpty()) {
                throw new IllegalStateException("layer '" + l.name() + "' (" + l.className()
                        + ") has no C++ function; the backend's templates did not run for it");
            }
            // the variables to declare: every output tensor that is not a model output (a Clone has several)
            List<Map<String, Object>> vars = new ArrayList<>();
            for (String tensor : l.outputs()) {
                if (!model.outputs().contains(tensor)) {
                    TensorVariable v = l.outputVariable(tensor);
                    vars.add(Map.of("varName", v.name(), "varType", v.type().name(), "dims", sizeExpr(l, v),
                            "depth", v.streamDepth()));
                }
            }
            Map<String, Object> lv = new LinkedHashMap<>();
            lv.put("vars", vars);
            lv.put("call", call);
            layers.add(lv);
            configs.add("// " + l.name() + "\n" + l.getString("config_cpp"));
            for (Object h : l.get("include_header", List.class)) {
                includes.add(String.valueOf(h));
            }
            for (WeightVariable w : l.weights().values()) {
                weightFiles.add(w.name());
                out.put("firmware/weights/" + w.name() + ".h", arrayHeader(weightArray(w)));
            }
            for (Object t : l.get("tables", List.class)) {
                CppArray a = (CppArray) t;
                tableFiles.add(a.fileName());
                out.put("firmware/weights/" + a.fileName() + ".h", arrayHeader(a));
            }
        }
        ctx.put("layers", layers);
        ctx.put("includes", new ArrayList<>(includes));
        ctx.put("configs", configs);
        ctx.put("weights", weightFiles);
        ctx.put("tables", tableFiles);
        ctx.put("defines", defines(model));
        ctx.put("typedefs", typedefs(model, io));

        out.put("firmware/" + project + ".cpp", render("firmware/myproject.cpp.vm", ctx));
        out.put("firmware/" + project + ".h", render("firmware/myproject.h.vm", ctx));
        out.put("firmware/defines.h", render("firmware/defines.h.vm", ctx));
        out.put("firmware/parameters.h", render("firmware/parameters.h.vm", ctx));
        out.put(project + "_test.cpp", render("myproject_test.cpp.vm", ctx));

        ctx.put("backend", backend.prefix());
        ctx.put("tool", backend.hlsTool());
        ctx.put("part", model.config().part());
        ctx.put("clockPeriod", formatNumber(model.config().clockPeriod()));
        ctx.put("clockUncertainty", model.config().clockUncertainty());
        ctx.put("version", ExportVersion.of(version));
        out.put("project.tcl", render("project.tcl.vm", ctx));
        out.put("build_prj.tcl", render("build_prj.tcl.vm", ctx));
        out.put("vivado_synth.tcl", render("vivado_synth.tcl.vm", ctx));

        ClasspathFolder.read(NNET_UTILS).forEach((k, v) -> out.put("firmware/nnet_utils/" + k, v));
        ClasspathFolder.read(AP_TYPES).forEach((k, v) -> out.put("firmware/ap_types/" + k, v));
        if (tbInput != null) {
            out.put("tb_data/tb_input_features.dat", tbInput);
        }
        if (tbPredictions != null) {
            out.put("tb_data/tb_output_predictions.dat", tbPredictions);
        }
        out.put("hls4ml_config.yml", yaml(model.config().asMap()));
        return out;
    }

    private String render(String template, Map<String, Object> ctx) {
        Template t = engine.getTemplate(TEMPLATES + template, "UTF-8");
        StringWriter w = new StringWriter();
        t.merge(new VelocityContext(new LinkedHashMap<>(ctx)), w);
        return w.toString();
    }

    private static List<Map<String, Object>> ports(ModelGraph model, List<TensorVariable> vars, String io) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TensorVariable v : vars) {
            Map<String, Object> p = new LinkedHashMap<>();
            int[] s = v.shape();
            int elem = s[s.length - 1];
            p.put("name", v.name());
            p.put("type", v.type().name());
            p.put("dims", sizeExpr(model.producer(findTensor(model, v)), v));
            p.put("elemSize", elem);
            p.put("transactions", v.size() / elem);
            out.add(p);
        }
        return out;
    }

    private static String findTensor(ModelGraph model, TensorVariable v) {
        for (Layer l : model.layers()) {
            for (String t : l.outputs()) {
                if (l.outputVariable(t) == v) {
                    return t;
                }
            }
        }
        throw new IllegalStateException("variable " + v.name() + " has no producer");
    }

    /** Size macros of a variable, hls4ml style: N_INPUT_{d}_{i} for inputs, N_LAYER_{i} / N_LAYER_{d}_{i} otherwise. */
    static List<String> dimNames(Layer l, TensorVariable v) {
        int[] s = v.shape();
        List<String> names = new ArrayList<>();
        for (int d = 0; d < s.length; d++) {
            if (l instanceof InputLayer) {
                names.add("N_INPUT_" + (d + 1) + "_" + l.index());
            } else if (s.length == 1) {
                names.add("N_LAYER_" + l.index());
            } else {
                names.add("N_LAYER_" + (d + 1) + "_" + l.index());
            }
        }
        return names;
    }

    private static String sizeExpr(Layer l, TensorVariable v) {
        return String.join("*", dimNames(l, v));
    }

    private static List<String> defines(ModelGraph model) {
        List<String> out = new ArrayList<>();
        for (Layer l : model.layers()) {
            TensorVariable v = l.output();
            int[] s = v.shape();
            List<String> names = dimNames(l, v);
            for (int d = 0; d < s.length; d++) {
                out.add("#define " + names.get(d) + " " + s[d]);
            }
        }
        return out;
    }

    private static List<String> typedefs(ModelGraph model, String io) {
        List<String> out = new ArrayList<>();
        java.util.Set<String> streamTypes = new java.util.HashSet<>();
        if (io.equals("io_stream")) {
            for (Layer l : model.layers()) {
                streamTypes.add(l.output().type().name());
            }
        }
        java.util.Set<String> done = new java.util.HashSet<>();
        out.add("typedef " + model.config().modelDefaultPrecision().cppType() + " model_default_t;");
        done.add("model_default_t");
        for (Layer l : model.layers()) {
            TensorVariable v = l.output();
            if (done.add(v.type().name())) {
                out.add(typedef(v.type(), streamTypes.contains(v.type().name()) ? v.shape()[v.shape().length - 1] : 0));
            }
            for (NamedType t : l.types().values()) {
                if (done.add(t.name())) {
                    out.add(typedef(t, 0));
                }
            }
            for (WeightVariable w : l.weights().values()) {
                if (done.add(w.type().name())) {
                    out.add(typedef(w.type(), 0));
                }
            }
        }
        return out;
    }

    private static String typedef(NamedType t, int streamElems) {
        String cpp = t.precision().cppType();
        if (streamElems > 0) {
            return "typedef nnet::array<" + cpp + ", " + streamElems + "> " + t.name() + ";";
        }
        return "typedef " + cpp + " " + t.name() + ";";
    }

    /** A weight array as hls4ml prints it: each value with as many decimals as the type has fractional bits. */
    static CppArray weightArray(WeightVariable w) {
        PrecisionType p = w.type().precision();
        int decimals = p instanceof FixedPrecisionType f ? Math.max(0, f.fractional()) : 0;
        double[] data = w.data().data();
        List<String> values = new ArrayList<>(data.length);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int zeros = 0;
        for (double d : data) {
            values.add(new BigDecimal(d).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString());
            min = Math.min(min, d);
            max = Math.max(max, d);
            if (d == 0) {
                zeros++;
            }
        }
        List<String> comments = List.of("Numpy array shape " + w.data().shapeString(),
                "Min " + String.format(Locale.ROOT, "%.12f", min), "Max " + String.format(Locale.ROOT, "%.12f", max),
                "Number of zeros " + zeros);
        return new CppArray(w.name(), w.type().name() + " " + w.name() + "[" + data.length + "]", values, comments);
    }

    private String arrayHeader(CppArray a) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("guard", a.fileName().toUpperCase(Locale.ROOT) + "_H_");
        ctx.put("comments", a.comments());
        ctx.put("declaration", a.declaration());
        ctx.put("values", String.join(", ", a.values()));
        return render("firmware/weights/array.h.vm", ctx);
    }

    private static String formatNumber(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String yaml(Map<String, Object> map) {
        try {
            ObjectMapper m = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
            return m.writeValueAsString(map);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the configuration as YAML", e);
        }
    }
}
