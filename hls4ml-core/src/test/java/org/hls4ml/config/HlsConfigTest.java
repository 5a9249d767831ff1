package org.hls4ml.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.testing.SharedData;
import org.hls4ml.types.PrecisionParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HlsConfigTest {

    @TempDir
    Path tmp;

    private HlsConfig load(String yaml) throws Exception {
        Path f = tmp.resolve("config.yml");
        Files.writeString(f, yaml);
        return ConfigLoader.load(f);
    }

    @Test
    void precedenceIsLayerNameThenLayerTypeThenModel() throws Exception {
        HlsConfig c = load("""
                IOType: io_stream
                HLSConfig:
                  Model:
                    Precision: ap_fixed<16,6>
                    ReuseFactor: 1
                  LayerType:
                    Dense:
                      Precision:
                        weight: ap_fixed<8,2>
                        accum: ap_fixed<24,12>
                  LayerName:
                    fc1:
                      Precision:
                        weight: ap_fixed<6,1>
                    fc2:
                      Precision: ap_fixed<10,4>
                """);
        assertEquals("io_stream", c.ioType());
        assertEquals(PrecisionParser.parse("ap_fixed<6,1>"), c.precision("fc1", "Dense", "weight", false).precision());
        assertEquals(PrecisionParser.parse("ap_fixed<24,12>"), c.precision("fc1", "Dense", "accum", false).precision());
        assertEquals(PrecisionParser.parse("ap_fixed<16,6>"), c.precision("fc1", "Dense", "result", false).precision());
        // a plain string at LayerName level covers every variable of that layer, above the LayerType map
        assertEquals(PrecisionParser.parse("ap_fixed<10,4>"), c.precision("fc2", "Dense", "weight", false).precision());
        assertEquals(PrecisionParser.parse("ap_fixed<8,2>"), c.precision("fc3", "Dense", "weight", false).precision());
        // names match case-insensitively as in hls4ml
        assertEquals(PrecisionParser.parse("ap_fixed<6,1>"), c.precision("FC1", "Dense", "weight", false).precision());
        // types with their own default only take explicit per-variable settings
        assertNull(c.precision("fc2", "Dense", "table", true));
    }

    @Test
    void overridesFromThePluginWin() throws Exception {
        HlsConfig c = load("""
                IOType: io_parallel
                ProjectName: fromfile
                HLSConfig:
                  Model:
                    Precision:
                      default: ap_fixed<16,6>
                      accum: ap_fixed<20,8>
                """).withOverrides(Map.of("IOType", "io_stream"), Map.of("Precision", "ap_fixed<12,4>"), Map.of());
        assertEquals("io_stream", c.ioType());
        assertEquals("fromfile", c.projectName());
        assertEquals(PrecisionParser.parse("ap_fixed<12,4>"), c.modelDefaultPrecision());
        assertEquals(PrecisionParser.parse("ap_fixed<20,8>"), c.precision("x", "Dense", "accum", false).precision());
    }

    /** A project name the generated C++ could not compile with (a keyword, main, the nnet namespace) is refused. */
    @Test
    void projectNamesThatAreCppKeywordsOrGeneratedNamesFail() throws Exception {
        for (String name : List.of("auto", "class", "main", "nnet")) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> load("ProjectName: " + name + "\n").projectName());
            assertTrue(e.getMessage().contains("ProjectName '" + name + "'") && e.getMessage().contains("keyword"),
                    e.getMessage());
        }
        assertEquals("auto_tagger", load("ProjectName: auto_tagger\n").projectName());
    }

    @Test
    void readsHls4mlYamlFilesAsTheyAre() {
        HlsConfig c = ConfigLoader.load(SharedData.model("config-files/qkeras_3layer_config.yml"));
        assertEquals("myproject", c.projectName());
        assertEquals(5.0, c.clockPeriod());
        assertEquals("xcvu9p-flga2577-2-e", c.part());
        assertEquals(PrecisionParser.parse("ap_fixed<7,1,AP_RND_CONV,AP_SAT>"),
                c.precision("relu1", "Activation", "result", false).precision());
        assertEquals(PrecisionParser.parse("ap_fixed<18,4>"), c.precision("softmax", "Softmax", "inv_table", true).precision());
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("KerasJson")) || c.string("KerasJson") != null);
    }

    @Test
    void badInputNamesTheSetting() throws Exception {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> load("HLSConfig:\n  Model:\n    Precision: ap_fixed<16,6,AP_ROUND>\n"));
        assertTrue(e.getMessage().contains("HLSConfig.Model.Precision") && e.getMessage().contains("AP_ROUND"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> load("IOType: io_serial\n"));
        assertTrue(e.getMessage().contains("io_serial") && e.getMessage().contains("io_stream"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> load("HLSConfig:\n  Model:\n    ReuseFactr: 2\n"));
        assertTrue(e.getMessage().contains("ReuseFactr"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> load("IOType: [io_stream\n"));
        assertTrue(e.getMessage().contains("config.yml") && e.getMessage().contains("not valid YAML"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> ConfigLoader.load(tmp.resolve("nope.yml")));
        assertTrue(e.getMessage().contains("nope.yml") && e.getMessage().contains("does not exist"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> load("ClockPeriod: fast\n"));
        assertTrue(e.getMessage().contains("ClockPeriod"), e.getMessage());
        assertEquals(List.of("vivado:fifo_depth_optimization"), load("Flows: [vivado:fifo_depth_optimization]\n").flows());
    }
}
