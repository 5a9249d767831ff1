package org.hls4ml.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.ToolException;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery of the vendor programs and the engine choice; fake executables, no tool runs. */
class VendorToolsTest {

    @TempDir
    Path dir;

    private Path exe(String folder, String name) throws IOException {
        Path p = Files.createDirectories(dir.resolve(folder)).resolve(name);
        Files.writeString(p, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void explicitBeatsXilinxHlsBeatsXilinxVivadoBeatsPath() throws IOException {
        Path explicit = exe("custom", "vivado_hls");
        Path hls = exe("hls/bin", "vivado_hls");
        Path vivado = exe("vivado/bin", "vivado_hls");
        Path onPath = exe("path", "vivado_hls");
        Map<String, String> env = new HashMap<>(Map.of("PATH", dir.resolve("path").toString(),
                "XILINX_HLS", dir.resolve("hls").toString(), "XILINX_VIVADO", dir.resolve("vivado").toString()));

        assertEquals(explicit, new VendorTools(env, null).search("vivado_hls", explicit).tool().orElseThrow()
                .executable());
        assertEquals(hls, new VendorTools(env, null).search("vivado_hls", null).tool().orElseThrow().executable());
        env.remove("XILINX_HLS");
        assertEquals(vivado, new VendorTools(env, null).search("vivado_hls", null).tool().orElseThrow().executable());
        env.remove("XILINX_VIVADO");
        VendorTool last = new VendorTools(env, null).search("vivado_hls", null).tool().orElseThrow();
        assertEquals(onPath, last.executable());
        assertEquals(VendorTool.Kind.VIVADO_HLS, last.kind());
    }

    @Test
    void anExplicitPathThatIsNotAnExecutableFailsInsteadOfFallingBack() throws IOException {
        exe("path", "vivado_hls");
        Map<String, String> env = Map.of("PATH", dir.resolve("path").toString());
        ToolException e = assertThrows(ToolException.class, () -> new VendorTools(env, null)
                .choose(Engine.AUTO, "vivado_hls", dir.resolve("nowhere/vivado_hls")));
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains("$XILINX_HLS/bin"),
                e.getMessage());
    }

    @Test
    void vitisProjectsPreferVitisHlsThenVitisRun() throws IOException {
        Path run = exe("vitis/bin", "vitis-run");
        Map<String, String> env = Map.of("PATH", dir.resolve("empty").toString(),
                "XILINX_VITIS", dir.resolve("vitis").toString());
        VendorTool t = new VendorTools(env, null).search("vitis_hls", null).tool().orElseThrow();
        assertEquals(VendorTool.Kind.VITIS_RUN, t.kind());
        assertEquals(run, t.executable());
        Path hls = exe("vitis/bin", "vitis_hls");
        t = new VendorTools(env, null).search("vitis_hls", null).tool().orElseThrow();
        assertEquals(VendorTool.Kind.VITIS_HLS, t.kind());
        assertEquals(hls, t.executable());
        // a Vivado HLS project does not take Vitis programs
        assertTrue(new VendorTools(env, null).search("vivado_hls", null).tool().isEmpty());
    }

    @Test
    void engineVendorWithoutAToolSaysWhatWasSearched() {
        Path p1 = dir.resolve("p1");
        Path p2 = dir.resolve("p2");
        Map<String, String> env = Map.of("PATH", p1 + File.pathSeparator + p2, "XILINX_VIVADO",
                dir.resolve("vivado").toString());
        ToolException e = assertThrows(ToolException.class,
                () -> new VendorTools(env, null).choose(Engine.VENDOR, "vitis_hls", null));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("engine vendor: cannot find vitis_hls or vitis-run for this vitis_hls project."),
                msg);
        assertTrue(msg.contains("vitis_hls searched in:\n  - environment variable XILINX_HLS (not set)\n  - $XILINX_VIVADO/bin = "
                + dir.resolve("vivado/bin") + "\n  - environment variable XILINX_VITIS (not set)\n  - " + p1
                + "\n  - " + p2 + "\nvitis-run searched in:"), msg);
        assertTrue(msg.contains("<vendorTool> / -Dhls4ml.vendorTool") && msg.contains("-Dhls4ml.engine=open"), msg);
    }

    @Test
    void engineAutoUsesTheOpenToolsWithoutAVendorToolAndEngineOpenNeverLooks() throws IOException {
        List<String> info = new ArrayList<>();
        List<String> warn = new ArrayList<>();
        ProgressListener log = new ProgressListener() {
            @Override
            public void info(String msg) {
                info.add(msg);
            }

            @Override
            public void warn(String msg) {
                warn.add(msg);
            }
        };
        Map<String, String> none = Map.of("PATH", dir.resolve("empty").toString());
        assertEquals(Optional.empty(), new VendorTools(none, log).choose(Engine.AUTO, "vivado_hls", null));
        assertTrue(info.get(0).startsWith("Engine auto: no vivado_hls found (searched $XILINX_HLS/bin,"
                + " $XILINX_VIVADO/bin, $XILINX_VITIS/bin and PATH); using the open tools"), info.toString());

        Path tool = exe("path", "vivado_hls");
        Map<String, String> with = Map.of("PATH", dir.resolve("path").toString());
        assertEquals(tool, new VendorTools(with, log).choose(Engine.AUTO, "vivado_hls", null).orElseThrow()
                .executable());
        assertEquals(Optional.empty(), new VendorTools(with, log).choose(Engine.OPEN, "vivado_hls", null));
        assertEquals(Optional.empty(), new VendorTools(with, log).choose(Engine.OPEN, "vivado_hls", tool));
        assertTrue(warn.get(0).contains("ignored: the engine is open"), warn.toString());
    }

    @Test
    void engineNames() {
        assertEquals(Engine.AUTO, Engine.parse(null));
        assertEquals(Engine.VENDOR, Engine.parse(" Vendor "));
        assertEquals(Engine.OPEN, Engine.parse("open"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Engine.parse("xilinx"));
        assertTrue(e.getMessage().contains("choose one of auto, vendor, open"), e.getMessage());
    }

    @Test
    void commandLines() {
        String opts = VendorStep.CSIM.options();
        assertEquals("reset=0 csim=1 synth=0 cosim=0 validation=0 export=0 vsynth=0 fifo_opt=0", opts);
        assertEquals(List.of("/x/vivado_hls", "-f", "build_prj.tcl", opts),
                new VendorTool(VendorTool.Kind.VIVADO_HLS, Path.of("/x/vivado_hls")).command("build_prj.tcl", opts));
        assertEquals(List.of("/x/vitis_hls", "-f", "build_prj.tcl", opts),
                new VendorTool(VendorTool.Kind.VITIS_HLS, Path.of("/x/vitis_hls")).command("build_prj.tcl", opts));
        VendorTool run = new VendorTool(VendorTool.Kind.VITIS_RUN, Path.of("/x/vitis-run"));
        assertEquals(List.of("/x/vitis-run", "--mode", "hls", "--tcl", "build_prj.tcl"), run.command("build_prj.tcl",
                opts));
        assertEquals(Map.of("HLS4ML_BUILD_OPTIONS", opts), run.environment(opts));
        assertEquals("vitis_hls", run.engineName());
        // an explicit program is recognised by its name, else it is the project's tool
        assertEquals(VendorTool.Kind.VITIS_RUN, VendorTool.Kind.of(Path.of("/o/vitis-run"), "vivado_hls"));
        assertEquals(VendorTool.Kind.VITIS_HLS, VendorTool.Kind.of(Path.of("/o/hls-wrapper.sh"), "vitis_hls"));
        assertEquals(VendorTool.Kind.VIVADO_HLS, VendorTool.Kind.of(Path.of("/o/hls-wrapper.sh"), null));
    }
}
