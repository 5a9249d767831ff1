package org.hls4ml.backends.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hls4ml.api.CsimOptions;
import org.hls4ml.api.CsimReport;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.GenerateResult;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.model.Layer;
import org.hls4ml.model.ModelGraph;
import org.hls4ml.testing.SharedData;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layers the KERAS_3layer acceptance does not reach, against the generated C++ itself: KERAS_3layer_batch_norm with
 * its first two ReLUs replaced by sigmoid and tanh, softmax 'latency', reuse factor 8, and every type
 * ap_fixed<16,6,AP_RND,AP_SAT> (rounding and saturating casts everywhere): RTL cosim equals csim value for value.
 */
class RtlCsimEquivalenceTest {

    @TempDir
    Path tmp;

    @Test
    @Disabled("not yet passing within budget: with AP_RND/AP_SAT everywhere each cast is a Verilog function that "
            + "Verilator inlines, and the C++ compile of the model exceeds 5 minutes; bit-exactness of these layers is "
            + "unverified")
    void sigmoidTanhBatchnormSoftmaxLatencyRoundSat() throws Exception {
        String verilator = Tools.require("verilator");
        ObjectMapper om = new ObjectMapper();
        JsonNode json = om.readTree(SharedData.model("keras/KERAS_3layer_batch_norm.json").toFile());
        int relu = 0;
        for (JsonNode l : json.get("config").get("layers")) {
            ObjectNode c = (ObjectNode) l.get("config");
            if (l.get("class_name").asText().equals("Activation") && c.get("activation").asText().equals("relu")) {
                if (relu == 0) {
                    c.put("activation", "sigmoid");
                } else if (relu == 1) {
                    c.put("activation", "tanh");
                }
                relu++;
            }
        }
        Path model = tmp.resolve("model.json");
        om.writeValue(model.toFile(), json);
        Path config = tmp.resolve("config.yml");
        Files.writeString(config, """
                IOType: io_stream
                HLSConfig:
                  Model:
                    Precision: ap_fixed<16,6,AP_RND,AP_SAT>
                    ReuseFactor: 8
                    Strategy: Latency
                  LayerType:
                    Softmax:
                      Implementation: latency
                """);
        Path inputs = tmp.resolve("in.dat");
        Files.write(inputs, Files.readAllLines(SharedData.reference("inputs/jet16_normal_n10000.dat")).subList(0, 300));
        GenerateRequest request = GenerateRequest.builder()
                .model(model)
                .weights(SharedData.model("keras/KERAS_3layer_batch_norm_weights.h5"))
                .config(config)
                .outputDirectory(tmp.resolve("out"))
                .inputData(inputs)
                .build();
        GenerateResult g = Hls4ml.generate(request, ProgressListener.NONE);
        CsimReport csim = Hls4ml.csim(new CsimOptions(g.projectDir(), null, null, null, null, null, null),
                ProgressListener.NONE);
        List<String> expected = Files.readAllLines(csim.result().resultsFile());

        ModelGraph m = Hls4ml.convert(request, ProgressListener.NONE).model();
        StringBuilder layers = new StringBuilder();
        for (Layer l : m.layers()) {
            layers.append(l.name()).append(':').append(l.className())
                    .append(l.has("activation") ? "/" + l.get("activation") : "")
                    .append(l.has("implementation") ? "/" + l.get("implementation") : "").append(' ');
        }
        System.out.println("[csim equivalence] " + layers);
        RtlDesign d = RtlWriter.write(m);
        assertEquals(List.of(), d.unsupported());
        Path dir = g.projectDir();
        for (Map.Entry<String, String> f : d.files().entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        List<String> lint = new java.util.ArrayList<>(List.of(verilator, "--lint-only", "-Wall"));
        lint.addAll(RtlCosimTest.LINT_WAIVERS);
        lint.addAll(List.of("--top-module", d.topModule(), "-f", "rtl/files.f"));
        Tools.Run l = Tools.run(dir, 300, lint);
        assertEquals(0, l.exit(), () -> "lint:\n" + Tools.tail(l.output()));
        Files.createDirectories(dir.resolve("build/cosim")); // verilator creates only the last level of -Mdir;
        // with a nested -Mdir, make finds the test bench only by an absolute path
        Tools.ok(dir, 900, verilator, "--cc", "--exe", "--build", "-O3", "-j", "1", "--top-module", d.topModule(),
                "-Mdir", "build/cosim/obj", "-f", "rtl/files.f", dir.resolve("rtl/tb_main.cpp").toAbsolutePath().toString(), "-CFLAGS", "-O0");
        Tools.ok(dir, 300, dir.resolve("build/cosim/obj/V" + d.topModule()).toString(), inputs.toString(), "rtl.log",
                "report.json", "100000");
        List<String> actual = Files.readAllLines(dir.resolve("rtl.log"));
        System.out.println("[csim equivalence] " + Files.readString(dir.resolve("report.json")).trim());
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).trim(), actual.get(i).trim(), "sample " + i);
        }
    }
}
