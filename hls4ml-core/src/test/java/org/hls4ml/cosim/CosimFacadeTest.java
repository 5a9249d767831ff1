package org.hls4ml.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hls4ml.api.ConfigurationException;
import org.hls4ml.testing.RecordingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade reads the RTL facts from the project manifest and logs the tables. */
class CosimFacadeTest {

    @TempDir
    Path tmp;

    private final RecordingListener listener = new RecordingListener();
    private final List<String> infos = listener.lines;

    @Test
    void readsTheManifestCosimulatesAndLogsTheTable() throws IOException {
        Path prj = MiniDesign.builtCopy(tmp.resolve("mini"));
        CosimOutcome o = CosimFacade.run(new CosimOptions(prj, null, MiniDesign.verilator(), null, null, 1000L, null,
                false), listener);
        assertFalse(o.cosim().built(), "the manifest's top and the default flags match the shared build");
        assertNull(o.resources());
        String log = String.join("\n", infos);
        assertTrue(log.contains("RTL co-simulation of mini (reports/cosim.json):"), log);
        assertTrue(log.contains("skip_fifo"), log);
    }

    @Test
    void manifestFactsAreParsed() {
        RtlFacts f = RtlFacts.fromManifest(Path.of("src/test/resources/org/hls4ml/cosim/mini"));
        assertEquals("mini", f.top());
        assertEquals(MiniDesign.FIFOS, f.fifos());
        assertEquals(List.of(), f.unsupported());
    }

    @Test
    void unsupportedLayersOrAMissingRtlSectionAreConfigurationErrors() throws IOException {
        Path prj = MiniDesign.fresh(tmp.resolve("mini"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> CosimFacade.run(
                new CosimOptions(prj, new RtlFacts("mini", List.of("conv1 (Conv2D)"), List.of(), List.of()), null,
                        null, null, null, null, true), listener));
        assertTrue(e.getMessage().contains("cannot express conv1 (Conv2D)"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dhls4ml.cosim.skip"), e.getMessage());

        Files.writeString(prj.resolve("hls4ml-project.json"), "{\"projectName\": \"mini\"}");
        ConfigurationException e2 = assertThrows(ConfigurationException.class, () -> CosimFacade.run(
                new CosimOptions(prj, null, null, null, null, null, null, true), listener));
        assertTrue(e2.getMessage().contains("has no RTL design"), e2.getMessage());
        assertTrue(e2.getMessage().contains("io_stream"), e2.getMessage());
    }
}
