package org.hls4ml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hls4ml.api.StarterConfig.Granularity;
import org.hls4ml.testing.SharedData;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * hls4ml's {@code config_from_keras_model} for the jet tagger KERAS_3layer: each granularity lists what the reader
 * accepts, and the written file, fed back, generates the very project the default configuration generates.
 */
class StarterConfigTest {

    private static final List<String> LAYERS = List.of("input_1", "fc1_relu", "fc1_relu_relu", "fc2_relu",
            "fc2_relu_relu", "fc3_relu", "fc3_relu_relu", "output_softmax", "output_softmax_softmax");

    @TempDir
    Path dir;

    private static GenerateRequest.Builder keras3(Path out) {
        return GenerateRequest.builder().model(SharedData.model("keras/KERAS_3layer.json"))
                .weights(SharedData.model("keras/KERAS_3layer_weights.h5")).outputDirectory(out);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(Path yaml) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readValue(yaml.toFile(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> m, String... keys) {
        Map<String, Object> s = m;
        for (String k : keys) {
            assertTrue(s.get(k) instanceof Map, "no section " + k + " in " + s);
            s = (Map<String, Object>) s.get(k);
        }
        return s;
    }

    @Test
    void modelGranularityHasTheTopLevelKeysAndModelOnly() throws IOException {
        Path file = dir.resolve("target/hls4ml/hls4ml_config.yml");
        StarterConfig c = Hls4ml.writeStarterConfig(keras3(dir.resolve("out")).baseDir(SharedData.dir()).build(),
                Granularity.MODEL, file, false, ProgressListener.NONE);
        assertTrue(c.yaml().startsWith("# hls4ml configuration of KERAS_3layer.json at granularity 'model'"), c.yaml());
        Map<String, Object> m = parse(file);
        for (String k : List.of("KerasJson", "KerasH5", "ProjectName", "Backend", "Part", "ClockPeriod", "IOType",
                "HLSConfig")) {
            assertTrue(m.containsKey(k), k + " missing from " + m.keySet());
        }
        assertEquals("Vivado", m.get("Backend"));
        assertEquals("io_parallel", m.get("IOType"));
        assertEquals("myproject", m.get("ProjectName"));
        assertEquals(5, m.get("ClockPeriod"));
        assertEquals("models/keras/KERAS_3layer.json", m.get("KerasJson"), "relative to the base folder");
        Map<String, Object> hls = section(m, "HLSConfig");
        assertEquals(List.of("Model"), List.copyOf(hls.keySet()));
        assertEquals(Map.of("default", "ap_fixed<16,6>"), section(hls, "Model", "Precision"));
        assertEquals(1, section(hls, "Model").get("ReuseFactor"));
        assertEquals("Latency", section(hls, "Model").get("Strategy"));
    }

    @Test
    void typeGranularityListsEachLayerClass() throws IOException {
        Path file = dir.resolve("cfg.yml");
        Hls4ml.writeStarterConfig(keras3(dir.resolve("out")).build(), Granularity.TYPE, file, false, ProgressListener.NONE);
        Map<String, Object> types = section(parse(file), "HLSConfig", "LayerType");
        assertEquals(List.of("Input", "Dense", "Activation", "Softmax"), List.copyOf(types.keySet()));
        assertEquals(Map.of("result", "ap_fixed<16,6>", "weight", "ap_fixed<16,6>", "bias", "ap_fixed<16,6>",
                "accum", "ap_fixed<16,6>"), section(types, "Dense", "Precision"));
        assertEquals("latency", section(types, "Dense").get("Strategy"));
        assertEquals(1, section(types, "Dense").get("ReuseFactor"));
        assertEquals(false, section(types, "Dense").get("Trace"));
        assertEquals("ap_fixed<18,8>", section(types, "Activation", "Precision").get("table"));
        assertEquals(1024, section(types, "Activation").get("TableSize"));
    }

    @Test
    void nameGranularityListsEveryLayerWithItsPrecisions() throws IOException {
        Path file = dir.resolve("cfg.yml");
        Hls4ml.writeStarterConfig(keras3(dir.resolve("out")).build(), Granularity.NAME, file, false, ProgressListener.NONE);
        Map<String, Object> names = section(parse(file), "HLSConfig", "LayerName");
        assertEquals(LAYERS, List.copyOf(names.keySet()));
        assertEquals(List.of("result", "weight", "bias", "accum"), List.copyOf(section(names, "fc1_relu", "Precision").keySet()));
        Map<String, Object> softmax = section(names, "output_softmax_softmax");
        assertEquals("stable", softmax.get("Implementation"));
        assertEquals(1024, softmax.get("TableSize"));
        Map<String, Object> p = section(softmax, "Precision");
        assertEquals("ap_fixed<18,8,AP_RND,AP_SAT>", p.get("exp_table"));
        assertEquals("ap_fixed<18,8,AP_RND,AP_SAT>", p.get("inv_table"));
        assertEquals("ap_fixed<18,8>", p.get("table"));
        assertTrue(p.keySet().containsAll(List.of("result", "inv_inp", "inp_norm", "accum")), p.toString());
    }

    /** The important property: the starter configuration changes nothing until it is edited. */
    @ParameterizedTest
    @EnumSource(Granularity.class)
    void theWrittenConfigurationGeneratesTheDefaultProject(Granularity g) throws IOException {
        Path defaults = Hls4ml.generate(keras3(dir.resolve("default")).build(), ProgressListener.NONE).projectDir();
        Path file = dir.resolve("conf/hls4ml_config.yml");
        Hls4ml.writeStarterConfig(keras3(dir.resolve("unused")).build(), g, file, false, ProgressListener.NONE);
        GenerateResult fromConfig = Hls4ml.generate(GenerateRequest.builder().config(file)
                .outputDirectory(dir.resolve("configured")).baseDir(dir).build(), ProgressListener.NONE);
        Map<String, String> a = firmware(defaults);
        Map<String, String> b = firmware(fromConfig.projectDir());
        assertTrue(a.containsKey("parameters.h") && a.containsKey("defines.h"), a.keySet().toString());
        assertEquals(a.keySet(), b.keySet());
        a.forEach((name, text) -> assertEquals(text, b.get(name), "firmware/" + name + " differs at granularity " + g));
    }

    @Test
    void settingsOfTheRequestAreWhatTheConfigurationSays() throws IOException {
        Path file = dir.resolve("cfg.yml");
        Hls4ml.writeStarterConfig(keras3(dir.resolve("out")).ioType("io_stream").precision("ap_fixed<12,4>")
                .reuseFactor(4).build(), Granularity.NAME, file, false, ProgressListener.NONE);
        Map<String, Object> m = parse(file);
        assertEquals("io_stream", m.get("IOType"));
        assertEquals(Map.of("default", "ap_fixed<12,4>"), section(m, "HLSConfig", "Model", "Precision"));
        assertEquals("ap_fixed<12,4>", section(m, "HLSConfig", "LayerName", "fc2_relu", "Precision").get("weight"));
        assertEquals(4, section(m, "HLSConfig", "LayerName", "fc2_relu").get("ReuseFactor"));
    }

    @Test
    void anExistingFileIsLeftAloneUnlessOverwriteIsAllowed() throws IOException {
        Path file = Files.writeString(dir.resolve("hls4ml_config.yml"), "IOType: io_stream\n");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Hls4ml.writeStarterConfig(
                keras3(dir.resolve("out")).build(), Granularity.NAME, file, false, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("already exists") && e.getMessage().contains("-Dhls4ml.overwrite=true"),
                e.getMessage());
        assertEquals("IOType: io_stream\n", Files.readString(file));
        Hls4ml.writeStarterConfig(keras3(dir.resolve("out")).build(), Granularity.NAME, file, true, ProgressListener.NONE);
        assertFalse(Files.readString(file).startsWith("IOType"));
    }

    @Test
    void anUnknownGranularityNamesTheSettingAndTheChoices() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Granularity.parse("layer"));
        assertTrue(e.getMessage().contains("granularity 'layer'") && e.getMessage().contains("model, type or name")
                && e.getMessage().contains("-Dhls4ml.granularity"), e.getMessage());
        assertEquals(Granularity.NAME, Granularity.parse("Name"));
    }

    @Test
    void configKeysReadBackAsTheAttributeNames() {
        assertEquals("ReuseFactor", StarterConfig.configKey("reuse_factor"));
        assertEquals("TableSize", StarterConfig.configKey("table_size"));
    }

    private static Map<String, String> firmware(Path project) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Path fw = project.resolve("firmware");
        try (Stream<Path> s = Files.walk(fw)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/ap_types/")).toList()) {
                out.put(fw.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }
}
