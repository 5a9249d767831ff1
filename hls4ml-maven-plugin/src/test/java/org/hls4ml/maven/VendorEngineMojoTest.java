package org.hls4ml.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code <engine>}, {@code <vendorTool>} and {@code <vendorTimeout>} parameters of hls4ml:csim, hls4ml:cosim and
 * hls4ml:ip, with a shell stand-in for vivado_hls that writes what each build_prj.tcl step writes (the steps themselves
 * are tested in the core against the generated build_prj.tcl).
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
                *" export=1 "*) mkdir -p myproject_prj/solution1/impl/ip
                  cp 'EXPORT' myproject_prj/solution1/impl/ip/xilinx_com_hls_myproject_1_0.zip ;;
                esac
                """.replace("COSIM", cosimCommand).replace("EXPORT", vendorExport().toString()));
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        return exe;
    }

    /** The zip export_design writes, laid out as the vendor's (not in name order), for the stand-in to copy. */
    private Path vendorExport() throws IOException {
        Path zip = dir.resolve("vendor-export.zip");
        String component = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<spirit:component xmlns:spirit="
                + "\"http://www.spiritconsortium.org/XMLSchema/SPIRIT/1685-2009\"><spirit:vendor>xilinx.com"
                + "</spirit:vendor><spirit:library>hls</spirit:library><spirit:name>myproject</spirit:name>"
                + "<spirit:version>1.0</spirit:version></spirit:component>\n";
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String[] e : new String[][] {{"xgui/myproject_v1_0.tcl", "proc init_gui { IPINST } {}\n"},
                    {"hdl/verilog/myproject.v", "module myproject(input ap_clk);\nendmodule\n"},
                    {"component.xml", component}}) {
                z.putNextEntry(new ZipEntry(e[0]));
                z.write(e[1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return zip;
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
        } else if (mojo instanceof CosimMojo) {
            set(mojo, "cosimTimeout", 120);
            set(mojo, "watchdogCycles", 100000L);
        }
        return mojo;
    }

    /** hls4ml:ip writing target/jet-tagger-1.0.0-ip.zip and recording what it attaches into {@code attached}. */
    private IpMojo ip(MavenProject project, String engine, Path vendorTool, List<File> attached) throws Exception {
        IpMojo mojo = configure(new IpMojo(), engine, vendorTool);
        project.setFile(dir.resolve("pom.xml").toFile());
        set(mojo, "project", project);
        set(mojo, "vendor", "org.example");
        set(mojo, "library", "hls4ml");
        set(mojo, "buildDirectory", dir.resolve("target").toFile());
        set(mojo, "finalName", "jet-tagger-1.0.0");
        set(mojo, "projectHelper", Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MavenProjectHelper.class}, (proxy, method, args) -> {
                    if (method.getName().equals("attachArtifact") && args.length == 4) {
                        assertEquals(List.of(IpMojo.TYPE, IpMojo.CLASSIFIER), List.of(args[1], args[2]));
                        attached.add((File) args[3]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.toString());
                }));
        return mojo;
    }

    private static List<String> entries(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return z.stream().map(ZipEntry::getName).toList();
        }
    }

    private static void set(Object target, String name, Object value) throws Exception {
        MojoFields.set(target, name, value);
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
    void ipWithTheVendorEngineAttachesTheVendorsExportPlusTheReports() throws Exception {
        Path exe = standIn();
        configure(new CsimMojo(), "vendor", exe).execute();
        List<File> attached = new ArrayList<>();
        MavenProject project = new MavenProject();
        project.setVersion("1.0.0");
        ip(project, "vendor", exe, attached).execute();
        assertEquals(List.of(
                "-f build_prj.tcl reset=0 csim=1 synth=0 cosim=0 validation=0 export=0 vsynth=0 fifo_opt=0",
                "-f build_prj.tcl reset=0 csim=0 synth=1 cosim=0 validation=0 export=0 vsynth=0 fifo_opt=0",
                "-f build_prj.tcl reset=0 csim=0 synth=0 cosim=0 validation=0 export=1 vsynth=0 fifo_opt=0"),
                toolCalls());
        Path zip = dir.resolve("target/jet-tagger-1.0.0-ip.zip");
        assertEquals(List.of(zip.toFile()), attached);
        assertEquals(List.of("component.xml", "hdl/verilog/myproject.v", "reports/csim_results.log",
                "reports/csynth.json", "xgui/myproject_v1_0.tcl"), entries(zip));

        // hls4ml:cosim later in the build co-simulates with the vendor tool and packages again, with the same engine
        CosimMojo cosim = configure(new CosimMojo(), "vendor", exe);
        set(cosim, "project", project);
        cosim.execute();
        assertEquals(4, toolCalls().size(), "synthesis and export up to date, one co-simulation");
        assertTrue(toolCalls().get(3).contains(" cosim=1 "), toolCalls().toString());
        assertTrue(entries(zip).contains("reports/rtl_cosim_results.log"), entries(zip).toString());
    }

    @Test
    void ipWithEngineOpenIgnoresTheVendorTool() throws Exception {
        List<File> attached = new ArrayList<>();
        MavenProject project = new MavenProject();
        project.setVersion("1.0.0");
        IpMojo mojo = ip(project, "open", standIn(), attached);
        // the open engine packages io_stream designs only, and this jet tagger is io_parallel
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().contains("set IOType io_stream"), e.getMessage());
        assertEquals(List.of(), toolCalls());
        assertEquals(List.of(), attached);
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
