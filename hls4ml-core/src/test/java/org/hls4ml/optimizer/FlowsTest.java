package org.hls4ml.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.GenerateResult;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.backends.vivado.VivadoBackend;
import org.hls4ml.config.HlsConfig;
import org.hls4ml.converters.keras.KerasReader;
import org.hls4ml.model.ModelGraph;
import org.hls4ml.testing.SharedData;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow planning, the registry's listing, configuring a pass by name, the dump after every pass, and a golden dump of
 * KERAS_3layer after the default Vivado flow.
 */
class FlowsTest {

    static final String GOLDEN = "/org/hls4ml/golden/keras_3layer_vivado_ip.txt";

    @TempDir
    Path out;

    static OptimizerRegistry vivado() {
        OptimizerRegistry r = new OptimizerRegistry();
        new VivadoBackend().register(r);
        return r;
    }

    static ModelGraph keras3layer() {
        return ModelGraph.build(KerasReader.read(SharedData.model("keras/KERAS_3layer.json"),
                SharedData.model("keras/KERAS_3layer_weights.h5")), HlsConfig.empty());
    }

    /** A model pass that counts its calls and reports a change the first {@code changes} times. */
    static final class CountingPass implements ModelOptimizerPass {
        final String name;
        int calls;
        int changes;

        CountingPass(String name, int changes) {
            this.name = name;
            this.changes = changes;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String summary() {
            return "counts its calls";
        }

        @Override
        public boolean transform(ModelGraph model) {
            calls++;
            return changes-- > 0;
        }
    }

    // ------------------------------------------------------------------------------------------ planning

    @Test
    void vivadoIpPlansItsRequirementsFirstEachOnce() {
        OptimizerRegistry r = vivado();
        FlowRunner runner = new FlowRunner(r, null);
        List<String> expected = List.of("convert", "optimize", "vivado:init_layers", "vivado:streaming",
                "vivado:quantization", "vivado:apply_templates", "vivado:ip");
        assertEquals(expected, runner.plan(List.of("vivado:ip")));
        // asking for a requirement again, before or after, adds nothing and keeps the order
        assertEquals(expected, runner.plan(List.of("optimize", "vivado:ip", "convert", "vivado:streaming")));
        // a flow in the middle brings only what it needs
        assertEquals(List.of("convert", "optimize", "vivado:init_layers", "vivado:streaming"),
                runner.plan(List.of("vivado:streaming")));
        // every requirement of every planned flow comes before it
        for (String f : expected) {
            for (String req : r.flow(f).requires()) {
                assertTrue(expected.indexOf(req) < expected.indexOf(f), req + " after " + f);
            }
        }
    }

    @Test
    void unknownFlowFailsWithTheKnownFlows() {
        FlowRunner runner = new FlowRunner(vivado(), null);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> runner.plan(List.of("vivado:ip", "vivado:fifo_depth_optimisation")));
        assertTrue(e.getMessage().contains("'vivado:fifo_depth_optimisation'"), e.getMessage());
        for (String known : vivado().flows().keySet()) {
            assertTrue(e.getMessage().contains(known), "known flow " + known + " not listed: " + e.getMessage());
        }
    }

    @Test
    void aFlowRequiringItselfFailsClearly() {
        OptimizerRegistry r = vivado();
        r.register(new Flow("self", List.of(), List.of("self"), "requires itself"));
        r.register(new Flow("ping", List.of(), List.of("optimize", "pong"), "cycle"));
        r.register(new Flow("pong", List.of(), List.of("ping"), "cycle"));
        FlowRunner runner = new FlowRunner(r, null);
        ConfigurationException self = assertThrows(ConfigurationException.class, () -> runner.plan(List.of("self")));
        assertTrue(self.getMessage().contains("'self' requires itself"), self.getMessage());
        ConfigurationException cycle = assertThrows(ConfigurationException.class, () -> runner.plan(List.of("ping")));
        assertTrue(cycle.getMessage().contains("requires itself"), cycle.getMessage());
        assertTrue(cycle.getMessage().contains("ping") && cycle.getMessage().contains("pong"), cycle.getMessage());
    }

    @Test
    void aFlowNamingAnUnknownPassFailsBeforeAnythingRuns() {
        OptimizerRegistry r = vivado();
        CountingPass first = new CountingPass("first", 0);
        r.register("", first);
        r.register(new Flow("broken", List.of("first", "no_such_pass"), List.of(), "names an unknown pass"));
        FlowRunner runner = new FlowRunner(r, null);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> runner.run(keras3layer(), List.of("broken")));
        assertTrue(e.getMessage().contains("'no_such_pass'") && e.getMessage().contains("known passes"),
                e.getMessage());
        assertEquals(0, first.calls, "a pass ran although the flow was invalid");
    }

    // ------------------------------------------------------------------------------------------ registry

    @Test
    void describeListsEveryPassAndFlowWithASummary() {
        OptimizerRegistry r = vivado();
        String d = r.describe();
        List<String> lines = d.lines().toList();
        assertFalse(r.passes().isEmpty());
        for (var e : r.passes().entrySet()) {
            String summary = e.getValue().summary();
            assertTrue(summary != null && !summary.isBlank(), "pass " + e.getKey() + " has no summary");
            assertTrue(lines.contains("  " + e.getKey() + " - " + summary), "pass " + e.getKey() + " not listed: " + d);
        }
        for (var e : r.flows().entrySet()) {
            assertTrue(!e.getValue().summary().isBlank(), "flow " + e.getKey() + " has no summary");
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("  " + e.getKey() + " requires ")
                    && l.endsWith(" - " + e.getValue().summary())), "flow " + e.getKey() + " not listed: " + d);
        }
        // passes and flows, nothing else: one line each plus the two headings
        assertEquals(r.passes().size() + r.flows().size() + 2, lines.size(), d);
        // the passes hls4ml users configure or name in flows are there
        for (String p : List.of("output_rounding_saturation_mode", "eliminate_linear_activation",
                "infer_precision_types", "vivado:init_dense", "vivado:init_softmax", "vivado:set_stream_depths")) {
            assertTrue(r.passes().containsKey(p), p + " missing from " + r.passes().keySet());
        }
    }

    // ------------------------------------------------------------------------------------------ configuring a pass

    private static Map<String, String> typedefs(Path projectDir) throws IOException {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        Matcher t = Pattern.compile("typedef (.+) (\\w+);").matcher(Files.readString(projectDir.resolve("firmware/defines.h")));
        while (t.find()) {
            m.put(t.group(2), t.group(1));
        }
        return m;
    }

    private GenerateRequest.Builder keras3layerRequest(Path dir) {
        return GenerateRequest.builder()
                .model(SharedData.model("keras/KERAS_3layer.json"))
                .weights(SharedData.model("keras/KERAS_3layer_weights.h5"))
                .outputDirectory(dir);
    }

    @Test
    void outputRoundingSaturationModeByNameChangesTheNamedLayerClassesOnly() throws Exception {
        GenerateResult plain = Hls4ml.generate(keras3layerRequest(out.resolve("plain")).build(), ProgressListener.NONE);
        GenerateResult tuned = Hls4ml.generate(keras3layerRequest(out.resolve("tuned"))
                .passParameter("output_rounding_saturation_mode", "layers", List.of("Activation"))
                .passParameter("output_rounding_saturation_mode", "rounding_mode", "AP_RND")
                .passParameter("output_rounding_saturation_mode", "saturation_mode", "AP_SAT")
                .build(), ProgressListener.NONE);
        Map<String, String> before = typedefs(plain.projectDir());
        Map<String, String> after = typedefs(tuned.projectDir());
        assertEquals(before.keySet(), after.keySet());

        // which typedefs are Activation outputs: the layer list of the result names them
        List<String> activationTypes = new ArrayList<>();
        List<String> otherResultTypes = new ArrayList<>();
        for (String line : tuned.layers()) {
            String[] f = line.trim().split("\\s+");
            String type = f[f.length - 1].substring(0, f[f.length - 1].indexOf('='));
            (f[1].equals("Activation") ? activationTypes : otherResultTypes).add(type);
        }
        assertEquals(3, activationTypes.size(), "KERAS_3layer has three relu activations: " + tuned.layers());
        for (String t : activationTypes) {
            assertEquals("ap_fixed<16,6>", before.get(t), t);
            assertEquals("ap_fixed<16,6,AP_RND,AP_SAT>", after.get(t), t);
        }
        // everything else is untouched: Dense outputs, weights, accumulators, the softmax output and tables
        int unchanged = 0;
        for (var e : before.entrySet()) {
            if (!activationTypes.contains(e.getKey())) {
                assertEquals(e.getValue(), after.get(e.getKey()), e.getKey());
                unchanged++;
            }
        }
        assertTrue(otherResultTypes.contains("result_t"), tuned.layers().toString());
        assertTrue(unchanged >= 10, "too few other typedefs to be a real check: " + before);

        // by layer name instead of class: only that layer's output type changes
        String fc2Relu = activationTypes.get(1);
        String fc2Name = tuned.layers().stream().filter(l -> l.contains(fc2Relu + "=")).findFirst().orElseThrow()
                .trim().split("\\s+")[0];
        GenerateResult byName = Hls4ml.generate(keras3layerRequest(out.resolve("byname"))
                .passParameter("output_rounding_saturation_mode", "layers", fc2Name)
                .passParameter("output_rounding_saturation_mode", "saturation_mode", "SAT_SYM")
                .build(), ProgressListener.NONE);
        Map<String, String> named = typedefs(byName.projectDir());
        for (var e : before.entrySet()) {
            String expected = e.getKey().equals(fc2Relu) ? "ap_fixed<16,6,AP_TRN,AP_SAT_SYM>" : e.getValue();
            assertEquals(expected, named.get(e.getKey()), e.getKey());
        }
    }

    // ------------------------------------------------------------------------------------------ dumps

    @Test
    void theDumpDirectoryGetsOneFilePerPassApplication() throws Exception {
        OptimizerRegistry r = new OptimizerRegistry();
        CountingPass a = new CountingPass("a", 0);
        CountingPass b = new CountingPass("b", 1); // changes once: the flow starts over once
        CountingPass c = new CountingPass("c", 0);
        r.register("", a);
        r.register("x", b);
        r.register("", c);
        r.register(new Flow("f", List.of("a", "x:b", "c"), List.of(), "three passes"));
        Path dump = out.resolve("dump");
        ModelGraph model = keras3layer();
        new FlowRunner(r, dump).run(model, List.of("f"));
        // a, x:b (changed, restart), a again (a model pass runs once per flow run: no change), x:b, c
        assertEquals(List.of("001_a.txt", "002_x_b.txt", "003_a.txt", "004_x_b.txt", "005_c.txt"), list(dump));
        assertEquals(1, a.calls);
        assertEquals(1, b.calls);
        assertEquals(1, c.calls);
        assertEquals(model.dump(), Files.readString(dump.resolve("005_c.txt")));
    }

    @Test
    void convertWithADumpDirWritesTheGraphAfterEveryPassOfEveryFlow() throws Exception {
        Path dump = out.resolve("dump");
        Hls4ml.Conversion c = Hls4ml.convert(keras3layerRequest(out).dumpDir(dump).build(), ProgressListener.NONE);
        List<String> files = list(dump);
        Pattern name = Pattern.compile("(\\d{3})_(.+)\\.txt");
        List<String> passesSeen = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Matcher m = name.matcher(files.get(i));
            assertTrue(m.matches(), files.get(i));
            assertEquals(i + 1, Integer.parseInt(m.group(1)), "numbering has a gap: " + files);
            passesSeen.add(m.group(2));
        }
        for (String flow : c.flows()) {
            for (String p : c.registry().flow(flow).passes()) {
                assertTrue(passesSeen.contains(p.replace(':', '_')), "no dump after " + p + " of " + flow + ": " + files);
            }
        }
        assertEquals(c.model().dump(), Files.readString(dump.resolve(files.get(files.size() - 1))));
        // each file is the graph at its time: init_dense has not counted the zero weights after the first pass
        String first = Files.readString(dump.resolve(files.get(0)));
        assertFalse(first.contains("n_zeros="), first);
        assertTrue(c.model().dump().contains("n_zeros="), c.model().dump());
    }

    @Test
    void theDumpShowsOutputPrecisionsSoAPassChangingThemIsVisible() {
        Hls4ml.Conversion c = Hls4ml.convert(keras3layerRequest(out)
                .passParameter("output_rounding_saturation_mode", "layers", "Softmax")
                .passParameter("output_rounding_saturation_mode", "rounding_mode", "RND_CONV")
                .build(), ProgressListener.NONE);
        String dump = c.model().dump();
        assertTrue(dump.contains(" out=layer9_out[5]:result_t:ap_fixed<16,6,AP_RND_CONV> "), dump);
        assertTrue(dump.contains(" out=layer8_out[5]:layer8_t:ap_fixed<16,6> "), dump);
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // ------------------------------------------------------------------------------------------ golden dump

    @Test
    void keras3layerAfterVivadoIpMatchesTheGoldenDump() throws Exception {
        ModelGraph model = keras3layer();
        OptimizerRegistry r = vivado();
        new FlowRunner(r, null).run(model, List.of("vivado:ip"));
        String actual = model.dump();
        String expected;
        try (InputStream in = FlowsTest.class.getResourceAsStream(GOLDEN)) {
            expected = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (expected == null || !expected.equals(actual)) {
            // written for a maintainer to diff and, after reading it, check in
            Path written = Path.of("target", "golden-actual", "keras_3layer_vivado_ip.txt");
            Files.createDirectories(written.getParent());
            Files.writeString(written, actual);
            assertEquals(expected, actual, "graph dump differs from " + GOLDEN + "; the actual dump is in "
                    + written.toAbsolutePath());
        }
    }
}
