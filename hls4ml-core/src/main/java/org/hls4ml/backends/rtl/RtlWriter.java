package org.hls4ml.backends.rtl;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;
import org.hls4ml.model.Layer;
import org.hls4ml.model.ModelGraph;
import org.hls4ml.model.TensorVariable;
import org.hls4ml.model.layers.InputLayer;
import org.hls4ml.types.FixedPrecisionType;

/**
 * The RTL backend: turns an io_stream {@link ModelGraph} (after the vivado ip flow) into synthesizable Verilog that is
 * bit-exact with the generated C++: one module per layer ({@link LayerRtl}; {@link MergeRtl} for the layers with two
 * input streams or several output streams), one {@code hls4ml_fifo} per inter-layer stream with the C++ stream depth
 * (the layers form a graph: every stream is read once, forks go through a Clone), a module per lookup table ({@link Verilog#romRead}: one instance per read), a top
 * module named after the project with AXI4-Stream ports, plus a Verilator test bench ({@code rtl/tb_main.cpp}) and
 * {@code rtl/files.f}. Fixed text comes from the Velocity templates under
 * {@code org/hls4ml/templates/rtl/}; everything computed (datapaths, casts, tables) from Java.
 */
public final class RtlWriter {

    static final String TEMPLATES = "org/hls4ml/templates/rtl/";

    private RtlWriter() {
    }

    public static RtlDesign write(ModelGraph model) {
        String project = model.config().projectName();
        List<String> unsupported = new ArrayList<>();
        if (!"io_stream".equals(model.config().ioType())) {
            unsupported.add("IOType " + model.config().ioType() + ": the RTL backend needs io_stream");
            return new RtlDesign(Map.of(), unsupported, project, List.of(), List.of());
        }
        // a graph of layers in which every tensor is read once (io_stream forks go through a Clone)
        List<Layer> layers = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (l instanceof InputLayer) {
                continue;
            }
            layers.add(l);
        }
        if (model.inputs().size() != 1 || model.outputs().size() != 1) {
            unsupported.add("model with " + model.inputs().size() + " inputs and " + model.outputs().size()
                    + " outputs: the RTL backend handles one input and one output");
        }
        Map<Layer, MergeRtl.Ports> modules = new LinkedHashMap<>();
        for (Layer l : layers) {
            String what = "layer '" + l.name() + "' (" + l.className() + ")";
            String reread = null;
            for (String t : l.inputs()) {
                int reads = reads(model, t);
                if (reads != 1) {
                    reread = what + ": its input '" + t + "' is read " + reads + " times without a Clone (a stream can"
                            + " be read once; the io_stream flow's clone_output pass inserts one)";
                }
            }
            if (reread != null) {
                unsupported.add(reread);
                continue;
            }
            try {
                modules.put(l, MergeRtl.handles(l) ? MergeRtl.generate(l, moduleName(project, l))
                        : MergeRtl.of(LayerRtl.generate(l, moduleName(project, l))));
            } catch (LayerRtl.Unsupported e) {
                unsupported.add(what + ": " + e.getMessage());
            }
        }
        if (unsupported.isEmpty()) {
            for (TensorVariable v : List.of(model.inputVariables().get(0), model.outputVariables().get(0))) {
                int w = LayerRtl.fixed(v).width();
                if (w > 64) {
                    unsupported.add("tensor '" + v.name() + "': elements of " + w + " bits; the test bench handles"
                            + " model inputs and outputs of up to 64 bits");
                }
            }
        }
        if (!unsupported.isEmpty()) {
            return new RtlDesign(Map.of(), unsupported, project, List.of(), List.of());
        }

        VelocityEngine engine = engine();
        Map<String, String> files = new LinkedHashMap<>();
        List<String> layerModules = new ArrayList<>();
        List<String> romModules = new ArrayList<>();
        List<RtlFifo> fifos = new ArrayList<>();
        List<Map<String, Object>> layerCtx = new ArrayList<>();
        List<Map<String, Object>> fifoCtx = new ArrayList<>();
        List<Map<String, Object>> wires = new ArrayList<>();
        TensorVariable in = model.inputVariables().get(0);
        TensorVariable out = model.outputVariables().get(0);
        for (Map.Entry<Layer, MergeRtl.Ports> e : modules.entrySet()) {
            Layer l = e.getKey();
            MergeRtl.Ports m = e.getValue();
            String module = moduleName(project, l);
            layerModules.add(module);
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("module", module);
            ctx.put("description", m.description());
            ctx.put("body", m.body());
            for (Verilog.Rom r : m.roms()) {
                Map<String, Object> rc = new LinkedHashMap<>();
                rc.put("module", r.module());
                rc.put("description", r.description());
                rc.put("addrBits", r.addrBits());
                rc.put("width", r.width());
                rc.put("entries", r.entries());
                files.put("rtl/" + r.module() + ".v", render(engine, "rom.v.vm", rc));
                romModules.add(r.module());
            }
            boolean single = m.inputs().size() == 1 && m.outputs().size() == 1
                    && m.inputs().get(0).name().equals("in") && m.outputs().get(0).name().equals("out");
            if (single) {
                ctx.put("inWidth", m.inputs().get(0).width());
                ctx.put("outWidth", m.outputs().get(0).width());
                files.put("rtl/" + module + ".v", render(engine, "layer.v.vm", ctx));
            } else {
                ctx.put("inputs", m.inputs().stream().map(p -> Map.of("name", p.name(), "width", p.width())).toList());
                ctx.put("outputs", m.outputs().stream().map(p -> Map.of("name", p.name(), "width", p.width())).toList());
                files.put("rtl/" + module + ".v", render(engine, "streams.v.vm", ctx));
            }

            List<Map<String, Object>> connections = new ArrayList<>();
            for (int k = 0; k < m.inputs().size(); k++) {
                String t = l.inputs().get(k);
                boolean modelInput = model.inputs().contains(t);
                String src = modelInput ? in.name() + "_T" : model.variable(t).name() + "_";
                String port = m.inputs().get(k).name();
                connect(connections, port, src, modelInput);
            }
            for (int k = 0; k < m.outputs().size(); k++) {
                String t = l.outputs().get(k);
                String port = m.outputs().get(k).name();
                if (model.outputs().contains(t)) {
                    connect(connections, port, out.name() + "_T", true);
                    continue;
                }
                TensorVariable v = l.outputVariable(t);
                String n = v.name();
                int width = m.outputs().get(k).width();
                connect(connections, port, n + "_in_", false);
                wires.add(Map.of("name", n + "_in", "width", width));
                wires.add(Map.of("name", n, "width", width));
                RtlFifo f = new RtlFifo(n, "fifo_" + n, v.streamDepth(), width);
                fifos.add(f);
                fifoCtx.add(Map.of("name", n, "instance", f.instancePath(), "width", f.width(), "depth", f.depth(),
                        "member", project + "__DOT__" + f.instancePath() + "__DOT__"));
            }
            Map<String, Object> lc = new LinkedHashMap<>();
            lc.put("module", module);
            lc.put("instance", "layer_" + sanitize(l.name()));
            lc.put("connections", connections);
            layerCtx.add(lc);
        }
        files.put("rtl/hls4ml_fifo.v", fifo());
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("project", project);
        top.put("inputs", List.of(port(in)));
        top.put("outputs", List.of(port(out)));
        top.put("layers", layerCtx);
        top.put("fifos", fifoCtx);
        top.put("wires", wires);
        files.put("rtl/" + project + ".v", render(engine, "top.v.vm", top));

        Map<String, Object> tb = new LinkedHashMap<>(top);
        tb.put("nIn", in.size());
        tb.put("nOut", out.size());
        files.put("rtl/tb_main.cpp", render(engine, "tb_main.cpp.vm", tb));

        StringBuilder f = new StringBuilder();
        f.append("rtl/hls4ml_fifo.v\n");
        for (String m : romModules) {
            f.append("rtl/").append(m).append(".v\n");
        }
        for (String m : layerModules) {
            f.append("rtl/").append(m).append(".v\n");
        }
        f.append("rtl/").append(project).append(".v\n");
        files.put("rtl/files.f", f.toString());
        return new RtlDesign(files, List.of(), project, fifos, layerModules);
    }

    /** How often a tensor is read: every input position of every consumer, and every model output it is. */
    private static int reads(ModelGraph model, String tensor) {
        int n = (int) model.outputs().stream().filter(tensor::equals).count();
        for (Layer c : model.consumers(tensor)) {
            n += (int) c.inputs().stream().filter(tensor::equals).count();
        }
        return n;
    }

    /**
     * The connections of stream port {@code port} of a module to the signals {@code <prefix>data/valid/ready}: a model
     * port's upper case AXI4-Stream names ({@code x_TDATA}), a FIFO's lower case ones.
     */
    private static void connect(List<Map<String, Object>> connections, String port, String prefix, boolean axis) {
        for (String s : List.of("data", "valid", "ready")) {
            connections.add(Map.of("port", port + "_" + s, "signal", prefix + (axis ? s.toUpperCase(java.util.Locale.ROOT) : s)));
        }
    }

    /** The FIFO module's text (the same for every design). */
    static String fifo() {
        return render(engine(), "hls4ml_fifo.v.vm", new LinkedHashMap<>());
    }

    /** Port description for the top and the test bench. */
    private static Map<String, Object> port(TensorVariable v) {
        FixedPrecisionType t = LayerRtl.portFixed(v);
        if (t.width() > 64) {
            throw new IllegalStateException("stream element of " + v.name() + " wider than 64 bits");
        }
        int elems = LayerRtl.packSize(v);
        int width = elems * t.width();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", v.name());
        p.put("width", width);
        p.put("wide", width > 64);
        p.put("words", (width + 31) / 32);
        p.put("elems", elems);
        p.put("elemWidth", t.width());
        p.put("transactions", v.size() / elems);
        p.put("frac", t.fractional());
        p.put("signed", t.signed() ? "true" : "false");
        p.put("rounding", t.rounding().ordinal());
        p.put("saturation", t.saturation().ordinal());
        p.put("satBits", t.saturationBits());
        return p;
    }

    /** The module of a layer: the project name, then the layer name. */
    private static String moduleName(String project, Layer l) {
        return project + "_" + sanitize(l.name());
    }

    static String sanitize(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_]", "_");
        return Character.isDigit(s.charAt(0)) ? "l" + s : s;
    }

    private static VelocityEngine engine() {
        VelocityEngine engine = new VelocityEngine();
        engine.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
        engine.setProperty("resource.loader.classpath.class", ClasspathResourceLoader.class.getName());
        engine.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, true);
        engine.init();
        return engine;
    }

    private static String render(VelocityEngine engine, String template, Map<String, Object> ctx) {
        Template t = engine.getTemplate(TEMPLATES + template, "UTF-8");
        StringWriter w = new StringWriter();
        t.merge(new VelocityContext(new LinkedHashMap<>(ctx)), w);
        return w.toString();
    }
}
