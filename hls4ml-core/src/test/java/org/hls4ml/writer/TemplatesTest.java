package org.hls4ml.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.testing.SharedData;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every template renders, and the C preprocessor and tcl lines that clash with Velocity survive. */
class TemplatesTest {

    @TempDir
    Path out;

    private GeneratedProject render(String io, String backend) {
        var request = GenerateRequest.builder()
                .model(SharedData.model("keras/KERAS_3layer.json"))
                .weights(SharedData.model("keras/KERAS_3layer_weights.h5"))
                .outputDirectory(out).ioType(io).backend(backend).build();
        var c = Hls4ml.convert(request, ProgressListener.NONE);
        return new VivadoWriter().write(c.model(), c.backend(), null, null, "2.3.4");
    }

    @Test
    void preprocessorAndTclSurviveVelocity() {
        GeneratedProject p = render("io_parallel", "Vivado");
        Map<String, byte[]> files = p.files();
        for (String f : List.of("firmware/myproject.cpp", "firmware/myproject.h", "firmware/defines.h",
                "firmware/parameters.h", "myproject_test.cpp", "build_prj.tcl", "project.tcl", "vivado_synth.tcl",
                "firmware/weights/w2.h", "firmware/weights/exp_table9.h")) {
            assertTrue(files.containsKey(f), f + " not generated");
            String text = p.text(f);
            assertFalse(text.contains("#[["), f + " still holds Velocity's unparsed-block markers");
            assertFalse(text.contains("]]#"), f);
            assertFalse(Pattern.compile("\\$\\{?(project|io|l|p|c|d|t|w|i)[.}]").matcher(text).find(),
                    f + " holds an unrendered Velocity reference");
        }
        String h = p.text("firmware/myproject.h");
        assertTrue(h.startsWith("#ifndef MYPROJECT_H_\n#define MYPROJECT_H_\n"), h);
        assertTrue(h.contains("#include \"ap_fixed.h\"") && h.contains("#include \"defines.h\"") && h.trim().endsWith("#endif"));
        String params = p.text("firmware/parameters.h");
        assertTrue(params.contains("#include \"nnet_utils/nnet_dense.h\""), params);
        assertTrue(params.contains("#include \"weights/w2.h\"") && params.contains("#include \"weights/invert_table9.h\""));
        String defines = p.text("firmware/defines.h");
        assertTrue(defines.contains("#define N_INPUT_1_1 16") && defines.contains("#define N_LAYER_2 64"), defines);
        String tcl = p.text("build_prj.tcl");
        assertTrue(tcl.contains("if {$opt(csim)} {") && tcl.contains("set_top ${project_name}")
                && tcl.contains("cosim_design -trace_level all"), tcl);
        assertFalse(tcl.contains("-flow_target"), "Vivado HLS has no -flow_target");
        // the vendor co-simulation builds the test bench with RTL_SIM, which writes rtl_cosim_results.log
        assertTrue(tcl.contains("add_files -tb ${project_name}_test.cpp -cflags \"-std=c++0x -DRTL_SIM\""), tcl);
        String tb = p.text("myproject_test.cpp");
        assertTrue(tb.contains("#ifdef RTL_SIM\n    const char *out_path = argc > 2 ? argv[2] : \"tb_data/rtl_cosim_results.log\";"),
                tb);
        assertTrue(tcl.contains("::env(HLS4ML_BUILD_OPTIONS)"), tcl);
        assertTrue(p.text("project.tcl").contains("set version \"2.3\""), "export_design -version takes <major>.<minor>");
        assertTrue(p.text("vivado_synth.tcl").contains("synth_design -top ${project_name} -part $part"));
        // the weights keep hls4ml's print format: as many decimals as the type has fractional bits
        Matcher m = Pattern.compile("w2\\[1024\\] = \\{(-?\\d+\\.(\\d+)),").matcher(p.text("firmware/weights/w2.h"));
        assertTrue(m.find());
        assertEquals(10, m.group(2).length());
    }

    @Test
    void vitisScriptsAndStreams() {
        GeneratedProject p = render("io_stream", "Vitis");
        String tcl = p.text("build_prj.tcl");
        assertTrue(tcl.contains("open_solution -reset \"solution1\" -flow_target vivado"), tcl);
        assertTrue(tcl.contains("-enable_fifo_sizing"), tcl);
        // Vitis HLS reports config_array_partition -maximum_size as an ERROR (not supported since 2020.2)
        assertFalse(tcl.contains("config_array_partition"), tcl);
        String cpp = p.text("firmware/myproject.cpp");
        assertTrue(cpp.contains("#pragma HLS INTERFACE axis port=input_1,layer9_out"), cpp);
        assertTrue(cpp.contains("hls::stream<layer2_t> layer2_out(\"layer2_out\");\n    #pragma HLS STREAM variable=layer2_out depth=1"), cpp);
        assertTrue(p.text("firmware/defines.h").contains("typedef nnet::array<ap_fixed<16,6>, 16> input_t;"));
        assertTrue(p.text("project.tcl").contains("set backend \"vitis\""));
    }

    /** The core must stay free of Maven types (the plugin module is the only place they belong). */
    @Test
    void coreHasNoMavenImports() throws IOException {
        Path src = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(src)) {
            List<Path> offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readString(f).contains("import org.apache.maven");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertEquals(List.of(), offenders);
        }
    }
}
