package org.hls4ml.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code <engine>}, {@code <vendorTool>} and {@code <vendorTimeout>} parameters of hls4ml:csim and hls4ml:cosim,
 * with a shell stand-in for vivado_hls that writes what each build_prj.tcl step writes (the steps themselves are tested
 * in the core against the generated build_prj.tcl).
 */
class VendorEngineMojoTest {

    @TempDir
    Path dir;

    Path out;
    Path prj;

    /** The jet tagger KERAS_3layer of the shared reference models, io_parallel, three test samples. */
    @BeforeEach
    void generate() throws IOException {
        String shared = System.getProperty("hls4ml.shared.dir");
        Path models = shared == null ? null : Path.of(shared).resolve("models/keras");
        if (models == null || !Files.isRegularFile(models.resolve("KERAS_3layer.json"))) {
            fail("the shared reference models are needed (system property hls4ml.shared.dir=" + shared
                    + ", set by the build to ../shared)");
        }
        StringBuilder in = new StringBuilder();
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 16; i++) {
                in.append(i == 0 ? "" : " ").append((s + i) % 5 * 0.25 - 0.5);
            }
            in.append('\n');
        }
        Path inputs = Files.writeString(dir.resolve("inputs.dat"), in);
        Path predictions = Files.writeString(dir.resolve("predictions.dat"),
                "0.25 0.25 0.25 0.125 0.125\n0 0 1 0 0\n0.5 0.5 0 0 0\n");
        out = dir.resolve("target/hls4ml");
        prj = Hls4ml.generate(GenerateRequest.builder().model(models.resolve("KERAS_3layer.json"))
                .weights(models.resolve("KERAS_3layer_weights.h5")).outputDirectory(out).inputData(inputs)
                .outputPredictions(predictions).build(), ProgressListener.NONE).projectDir();
    }

    private Path standIn(String name, String cosimCommand) throws IOException {
        Path exe = Files.createDirectories(dir.resolve("bin")).resolve(name);
        Files.writeString(exe, """
                #!/bin/sh
                # stand-in for vivado_hls (tests): records its arguments, writes what the selected step writes
                printf '%s\\n' "$*" >> tool_calls.log
                case "$3" in
                *" csim=1 "*) cp tb_data/tb_output_predictions.dat tb_data/csim_results.log ;;
                *" synth=1 "*) mkdir -p myproject_prj/solution1/syn/report
                  printf '%s\\n' '<profile><PerformanceEstimates><SummaryOfOverallLatency><Best-caseLatency>7</Best-caseLatency><Worst-caseLatency>8</Worst-caseLatency></SummaryOfOverallLatency></PerformanceEstimates><AreaEstimates><Resources><DSP48E>3</DSP48E></Resources></AreaEstimates></profile>' > myproject_prj/solution1/syn/report/myproject_csynth.xml ;;
                *" cosim=1 "*) COSIM ;;
                esac
                """.replace("COSIM", cosimCommand));
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        return exe;
    }

    private Path standIn() throws IOException {
        return standIn("vivado_hls", "cp tb_data/csim_results.log tb_data/rtl_cosim_results.log");
    }

    private <T extends AbstractHls4mlMojo> T configure(T mojo, String engine, Path vendorTool) throws Exception {
        MavenProject project = new MavenProject();
        project.setFile(dir.resolve("pom.xml").toFile());
        project.setVersion("1.0.0");
        PluginDescriptor plugin = new PluginDescriptor();
        plugin.setVersion("test");
        set(mojo, "project", project);
        set(mojo, "plugin", plugin);
        set(mojo, "outputDirectory", out.toFile());
        set(mojo, "engine", engine);
        set(mojo, "vendorTool", vendorTool == null ? null : vendorTool.toFile());
        set(mojo, "vendorTimeout", 60);
        if (mojo instanceof CsimMojo) {
            set(mojo, "csimTimeout", 120);
        } else {
            set(mojo, "cosimTimeout", 120);
            set(mojo, "watchdogCycles", 100000L);
        }
        return mojo;
    }

    private static void set(Object target, String name, Object value) throws Exception {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                f.set(target, value);
                return;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(name);
    }

    private List<String> toolCalls() throws IOException {
        Path f = prj.resolve("tool_calls.log");
        return Files.isRegularFile(f) ? Files.readAllLines(f) : List.of();
    }

    @Test
    void engineVendorRunsTheVendorCsimAndCosim() throws Exception {
        Path exe = standIn();
        configure(new CsimMojo(), "vendor", exe).execute();
        assertEquals(List.of("-f build_prj.tcl reset=0 csim=1 synth=0 cosim=0 validation=0 export=0 vsynth=0 fifo_opt=0"),
                toolCalls());
        assertEquals(3, Files.readAllLines(prj.resolve("tb_data/csim_results.log")).size());
        assertTrue(Files.readString(prj.resolve("build/vendor/csim.log")).startsWith("$ " + exe + " -f build_prj.tcl"));

        configure(new CosimMojo(), "vendor", exe).execute();
        assertEquals(List.of(
                "-f build_prj.tcl reset=0 csim=1 synth=0 cosim=0 validation=0 export=0 vsynth=0 fifo_opt=0",
                "-f build_prj.tcl reset=0 csim=0 synth=1 cosim=0 validation=0 export=0 vsynth=0 fifo_opt=0",
                "-f build_prj.tcl reset=0 csim=0 synth=0 cosim=1 validation=1 export=0 vsynth=0 fifo_opt=0"),
                toolCalls());
        String json = Files.readString(prj.resolve("reports/csynth.json"));
        assertTrue(json.contains("\"best\" : 7") && json.contains("\"DSP\" : 3"), json);
        assertFalse(Files.exists(prj.resolve("build/cosim")), "Verilator did not run");
    }

    @Test
    void engineOpenRunsGxxEvenWithAVendorTool() throws Exception {
        configure(new CsimMojo(), "open", standIn()).execute();
        assertEquals(List.of(), toolCalls());
        assertEquals(3, Files.readAllLines(prj.resolve("tb_data/csim_results.log")).size());
        assertTrue(Files.isDirectory(prj.resolve("build/csim")));
    }

    @Test
    void aFailingVendorStepFailsTheBuildWithItsLog() throws Exception {
        Path exe = Files.createDirectories(dir.resolve("bin")).resolve("vivado_hls");
        Files.writeString(exe, "#!/bin/sh\necho 'ERROR: [HLS 200-70] stand-in compilation failed'\nexit 1\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> configure(new CsimMojo(), "auto", exe).execute());
        assertTrue(e.getMessage().contains("failed with exit code 1 (full log: "
                + prj.resolve("build/vendor/csim.log") + ")") && e.getMessage().contains("stand-in compilation failed"),
                e.getMessage());
    }

    @Test
    void aCosimulationThatDiffersIsABuildFailure() throws Exception {
        Path exe = standIn("vivado_hls", "printf '1 2 3 4 5\\n0 0 1 0 0\\n0.5 0.5 0 0 0\\n' > tb_data/rtl_cosim_results.log");
        configure(new CsimMojo(), "vendor", exe).execute();
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> configure(new CosimMojo(), "vendor", exe).execute());
        assertTrue(e.getMessage().contains("differs from the C simulation: line 1 value 1"), e.getMessage());
    }

    @Test
    void badSettingsAreExecutionErrors() throws Exception {
        MojoExecutionException engine = assertThrows(MojoExecutionException.class,
                () -> configure(new CsimMojo(), "xilinx", null).execute());
        assertTrue(engine.getMessage().contains("unknown engine 'xilinx'; choose one of auto, vendor, open"),
                engine.getMessage());
        CsimMojo mojo = configure(new CsimMojo(), "vendor", dir.resolve("nowhere/vivado_hls"));
        MojoExecutionException tool = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(tool.getMessage().contains("does not exist"), tool.getMessage());
        CsimMojo timeout = configure(new CsimMojo(), "vendor", null);
        set(timeout, "vendorTimeout", 0);
        assertTrue(assertThrows(MojoExecutionException.class, timeout::execute).getMessage()
                .contains("<vendorTimeout>"));
        assertFalse(new File(prj.toFile(), "tool_calls.log").exists());
    }
}
