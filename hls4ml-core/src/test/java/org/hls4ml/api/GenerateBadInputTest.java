package org.hls4ml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.hls4ml.testing.SharedData;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.writer.ProjectManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad inputs to {@link Hls4ml#generate} and {@link Hls4ml#csim}: each fails with the documented exception type, the
 * message names the file, the layer or the setting, and no project that looks valid is left behind.
 *
 * <p>What generate really does with the stamp: the configuration (file and plugin parameters) is read and its
 * top-level values checked first; only then is the stamp of the last good generation deleted and the conversion run.
 * So a failure <em>during</em> conversion or writing leaves no stamp (the next build regenerates), while a
 * configuration file that cannot even be read leaves the previous project and its stamp alone: that stamp still
 * describes the files on disk, which were not touched.
 */
class GenerateBadInputTest {

    @TempDir
    static Path tmp;

    @TempDir
    Path out;

    /** When the previous good project's stamp is deleted by the failing run. */
    enum Stamp {
        /** The failure happens after generation started: the stamp must be gone. */
        DELETED,
        /** The configuration cannot be read at all: nothing was touched, the old stamp stays truthful. */
        UNTOUCHED,
        /** The case writes somewhere else (another project name); nothing to check against a previous run. */
        NOT_APPLICABLE
    }

    record Case(String name, UnaryOperator<GenerateRequest.Builder> bad, Class<? extends Hls4mlException> type,
                List<String> fragments, Stamp stamp) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, UnaryOperator<GenerateRequest.Builder> bad, Class<? extends Hls4mlException> type,
                  Stamp stamp, String... fragments) {
        return new Case(name, bad, type, List.of(fragments), stamp);
    }

    static GenerateRequest.Builder good(Path outDir) {
        return GenerateRequest.builder()
                .model(SharedData.model("keras/KERAS_3layer.json"))
                .weights(SharedData.model("keras/KERAS_3layer_weights.h5"))
                .outputDirectory(outDir);
    }

    static Path write(String name, String content) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    static Stream<Case> cases() throws Exception {
        Path keras3 = SharedData.model("keras/KERAS_3layer.json");
        Path weights3 = SharedData.model("keras/KERAS_3layer_weights.h5");
        byte[] h5 = Files.readAllBytes(weights3);

        Path missing = tmp.resolve("no_such_model.json");
        Path garbage = tmp.resolve("garbage_model.json");
        Files.write(garbage, new byte[] {0x13, 0x37, (byte) 0xff, 0x00, 0x42, '{', '[', 0x7f});
        Path brokenJson = write("broken_model.json", "{\"class_name\": \"Model\",\n  \"config\": {[}\n");
        Path garbageH5 = tmp.resolve("garbage_full_model.h5");
        Files.writeString(garbageH5, "this is not HDF5 at all\n");
        Path notKeras = write("not_keras.json", "{\"name\": \"x\", \"layers\": [1, 2, 3]}\n");
        Path truncated = tmp.resolve("truncated_weights.h5");
        Files.write(truncated, Arrays.copyOf(h5, h5.length / 3));
        Path textWeights = write("text_weights.h5", "kernel:0 = [1, 2, 3]\n");
        // fc2 declared with 16 units: the weights file's fc2 kernel is [64, 32]
        String json = Files.readString(keras3);
        String narrowed = json.replaceFirst("(\"name\": \"fc2_relu\"[^}]*?\"units\": )32", "$116");
        assertTrue(!narrowed.equals(json), "could not edit the units of fc2_relu in " + keras3);
        Path narrowJson = write("KERAS_3layer_fc2_16.json", narrowed);

        Path badPrecisionYaml = write("bad_precision.yml", """
                IOType: io_parallel
                HLSConfig:
                  Model:
                    Precision: ap_fixed<16,6
                    ReuseFactor: 1
                """);
        Path badLayerPrecisionYaml = write("bad_layer_precision.yml", """
                HLSConfig:
                  Model:
                    Precision: ap_fixed<16,6>
                  LayerName:
                    fc2_relu:
                      Precision:
                        weight: ap_fixed<8,x>
                """);
        Path bogusKeyYaml = write("bogus_key.yml", """
                HLSConfig:
                  LayerName:
                    fc1_relu:
                      Bogus: 3
                """);
        Path badInputs = tmp.resolve("bad_inputs.dat");
        List<String> lines = new ArrayList<>(Files.readAllLines(SharedData.reference("inputs/jet16_normal_n10000.dat"))
                .subList(0, 5));
        String l3 = lines.get(2).trim();
        lines.set(2, l3.substring(0, l3.lastIndexOf(' '))); // 15 values on line 3
        Files.write(badInputs, lines);

        return Stream.of(
                c("missing model file", b -> b.model(missing), ModelException.class, Stamp.DELETED,
                        "no_such_model.json", "does not exist"),
                c("garbage model JSON", b -> b.model(garbage), ModelException.class, Stamp.DELETED,
                        "garbage_model.json", "not a text file"),
                c("model JSON that does not parse", b -> b.model(brokenJson), ModelException.class, Stamp.DELETED,
                        "broken_model.json", "not valid JSON", "line 2"),
                c("garbage full-model .h5", b -> b.model(garbageH5).weights(null), ModelException.class, Stamp.DELETED,
                        "garbage_full_model.h5", "not a valid HDF5 file"),
                c("JSON that is not a Keras model", b -> b.model(notKeras), ModelException.class, Stamp.DELETED,
                        "not_keras.json", "is not a Keras model"),
                c("truncated weights", b -> b.weights(truncated), ModelException.class, Stamp.DELETED,
                        "truncated_weights.h5"),
                c("weights that are not HDF5", b -> b.weights(textWeights), ModelException.class, Stamp.DELETED,
                        "text_weights.h5", "not a valid HDF5 file"),
                c("weights of another model", b -> b.weights(SharedData.model("keras/KERAS_1layer_weights.h5")),
                        ModelException.class, Stamp.DELETED, "KERAS_1layer_weights.h5", "'fc1_relu'", "[10, 32]",
                        "[16, 64]"),
                c("weights of the wrong shape", b -> b.model(narrowJson), ModelException.class, Stamp.DELETED,
                        "'fc2_relu'", "KERAS_3layer_weights.h5", "[64, 32]", "[64, 16]"),
                c("unknown layer class", b -> b.model(SharedData.model("keras/garnet_1layer.json"))
                                .weights(SharedData.model("keras/garnet_1layer_weights.h5")), ModelException.class,
                        Stamp.DELETED, "garnet_1layer.json", "GarNet"),
                c("malformed Model precision in YAML", b -> b.config(badPrecisionYaml), ConfigurationException.class,
                        Stamp.UNTOUCHED, "bad_precision.yml", "HLSConfig.Model.Precision", "ap_fixed<16,6"),
                c("malformed LayerName precision in YAML", b -> b.config(badLayerPrecisionYaml),
                        ConfigurationException.class, Stamp.DELETED, "bad_layer_precision.yml", "fc2_relu", "weight",
                        "ap_fixed<8,x>"),
                c("malformed precision parameter", b -> b.precision("ap_fixd<16,6>"), ConfigurationException.class,
                        Stamp.DELETED, "HLSConfig.Model.Precision", "ap_fixd<16,6>"),
                c("unknown flow", b -> b.flows(List.of("vivado:no_such_flow")), ConfigurationException.class,
                        Stamp.DELETED, "'vivado:no_such_flow'", "known flows", "vivado:ip", "vivado:apply_templates",
                        "optimize"),
                c("unknown pass in PassConfig", b -> b.passParameter("no_such_pass", "x", 1),
                        ConfigurationException.class, Stamp.DELETED, "'no_such_pass'", "known passes",
                        "output_rounding_saturation_mode", "eliminate_linear_activation", "vivado:init_dense"),
                c("pass that takes no parameters", b -> b.passParameter("eliminate_linear_activation", "x", 1),
                        ConfigurationException.class, Stamp.DELETED, "'eliminate_linear_activation'",
                        "takes no parameters", "output_rounding_saturation_mode"),
                c("bad rounding mode", b -> b.passParameter("output_rounding_saturation_mode", "rounding_mode",
                        "AP_FLOOR"), ConfigurationException.class, Stamp.DELETED, "output_rounding_saturation_mode",
                        "rounding_mode", "AP_FLOOR", "RND_CONV"),
                c("unknown pass parameter", b -> b.passParameter("output_rounding_saturation_mode", "rounding", "RND"),
                        ConfigurationException.class, Stamp.DELETED, "output_rounding_saturation_mode", "'rounding'",
                        "saturation_mode", "layers"),
                c("test bench line of the wrong length", b -> b.inputData(badInputs), ConfigurationException.class,
                        Stamp.DELETED, "bad_inputs.dat", "line 3", "15 values", "16"),
                c("missing test bench file", b -> b.inputData(tmp.resolve("no_inputs.dat")),
                        ConfigurationException.class, Stamp.DELETED, "no_inputs.dat", "InputData"),
                c("ProjectName not a C identifier", b -> b.projectName("my-project"), ConfigurationException.class,
                        Stamp.NOT_APPLICABLE, "ProjectName", "'my-project'", "C identifier"),
                c("unknown backend", b -> b.backend("Quartus"), ConfigurationException.class, Stamp.DELETED,
                        "'Quartus'", "Vivado", "Vitis"),
                c("LayerName key that is not configurable", b -> b.config(bogusKeyYaml), ConfigurationException.class,
                        Stamp.DELETED, "bogus_key.yml", "HLSConfig.LayerName.fc1_relu.Bogus", "'fc1_relu'",
                        "configurable attributes are", "reuse_factor", "strategy"));
    }

    private static Hls4mlException expectFailure(Case k, GenerateRequest.Builder b) {
        Throwable t;
        try {
            Hls4ml.generate(k.bad().apply(b).build(), ProgressListener.NONE);
            return fail(k.name() + ": generate did not fail");
        } catch (Throwable e) {
            t = e;
        }
        Hls4mlException e = assertInstanceOf(k.type(), t, () -> k.name() + ": wrong exception " + t);
        for (String f : k.fragments()) {
            assertTrue(e.getMessage().contains(f), k.name() + ": message lacks '" + f + "': " + e.getMessage());
        }
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsClearlyAndLeavesNoProject(Case k) throws Exception {
        Path fresh = out.resolve("fresh");
        expectFailure(k, good(fresh));
        assertFalse(Files.exists(fresh.resolve("myproject").resolve(ProjectManifest.FILE)),
                k.name() + ": a manifest was written");
        assertFalse(Files.exists(fresh.resolve("myproject").resolve(Hls4ml.GENERATE_STAMP)));
        assertFalse(Files.exists(fresh.resolve("my-project")), k.name() + ": the bad project name was created");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void afterAGoodRunTheStampIsGoneOrStillTruthful(Case k) throws Exception {
        if (k.stamp() == Stamp.NOT_APPLICABLE) {
            return;
        }
        Path dir = out.resolve("reused");
        GenerateResult first = Hls4ml.generate(good(dir).build(), ProgressListener.NONE);
        assertFalse(first.upToDate());
        Path stamp = first.projectDir().resolve(Hls4ml.GENERATE_STAMP);
        String goodStamp = Files.readString(stamp, StandardCharsets.UTF_8);

        expectFailure(k, good(dir));
        if (k.stamp() == Stamp.DELETED) {
            assertFalse(Files.exists(stamp), k.name() + ": the stamp of the previous good run survived the failure");
            // so the next good build really regenerates (and writes the stamp again)
            GenerateResult again = Hls4ml.generate(good(dir).build(), ProgressListener.NONE);
            assertFalse(again.upToDate(), k.name() + ": the next build did not regenerate");
            assertEquals(goodStamp, Files.readString(stamp, StandardCharsets.UTF_8));
        } else {
            assertEquals(goodStamp, Files.readString(stamp, StandardCharsets.UTF_8),
                    k.name() + ": the stamp changed although nothing was generated");
            assertTrue(Hls4ml.generate(good(dir).build(), ProgressListener.NONE).upToDate());
        }
    }

    // ------------------------------------------------------------------------------------------ csim

    @Test
    void csimWithAMissingExplicitGxxSaysWhatWasSearched() throws Exception {
        Path inputs = tmp.resolve("three_inputs.dat");
        Files.write(inputs, Files.readAllLines(SharedData.reference("inputs/jet16_normal_n10000.dat")).subList(0, 3));
        GenerateResult g = Hls4ml.generate(good(out).inputData(inputs).build(), ProgressListener.NONE);
        Path gxx = tmp.resolve("no-such-dir").resolve("g++");
        Hls4mlException e = assertThrows(Hls4mlException.class, () -> Hls4ml.csim(
                new CsimOptions(g.projectDir(), gxx, null, null, null, null, null), ProgressListener.NONE));
        assertInstanceOf(ToolException.class, e, () -> "wrong exception type: " + e);
        assertTrue(e.getMessage().contains(gxx.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("HLS4ML_GXX") && e.getMessage().contains("PATH"), e.getMessage());
        assertFalse(Files.exists(g.projectDir().resolve("tb_data/csim_results.log")));
    }

    @Test
    void csimOnADirectoryWithoutAProjectSaysToGenerate() throws Exception {
        Path empty = Files.createDirectories(out.resolve("empty").resolve("myproject"));
        Hls4mlException e = assertThrows(Hls4mlException.class, () -> Hls4ml.csim(
                new CsimOptions(empty, null, null, null, null, null, null), ProgressListener.NONE));
        assertInstanceOf(ConfigurationException.class, e);
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(ProjectManifest.FILE), e.getMessage());
        assertTrue(e.getMessage().contains("hls4ml:generate"), e.getMessage());
    }
}
