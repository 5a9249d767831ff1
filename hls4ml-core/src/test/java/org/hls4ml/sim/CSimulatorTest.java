package org.hls4ml.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.SimulationFailureException;
import org.hls4ml.api.ToolException;
import org.hls4ml.testing.RecordingListener;
import org.hls4ml.tools.ToolLocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a tiny hand-written project ({@code src/test/resources/org/hls4ml/sim/doubler}): plain C++, no ap
 * types, so it needs nothing but g++. Without g++ these tests fail (never skip), saying what was searched.
 */
class CSimulatorTest {

    private static Path gxx;

    @TempDir
    Path tmp;

    private Path prj;
    private final RecordingListener listener = new RecordingListener();
    private final List<String> infos = listener.lines;

    @BeforeAll
    static void findCompiler() {
        // Throws (the tests fail) with the places searched and how to install g++.
        gxx = new ToolLocator().locate("g++", null, "HLS4ML_GXX",
                "the C simulation tests need it: install it with `apt-get install g++`, or set HLS4ML_GXX");
    }

    @BeforeEach
    void copyProject() throws IOException, URISyntaxException {
        Path source = Path.of(CSimulatorTest.class.getResource("doubler").toURI());
        prj = tmp.resolve("doubler");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = prj.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private CSimRequest.Builder request() {
        return CSimRequest.builder(prj, "doubler").gxx(gxx).inputSize(4).outputSize(4)
                .timeout(Duration.ofMinutes(2)).listener(listener);
    }

    private List<String> results() throws IOException {
        return Files.readAllLines(prj.resolve("tb_data/csim_results.log"));
    }

    @Test
    void compilesOnceRunsWhenInputsChangeRecompilesWhenAHeaderChanges() throws IOException {
        CSimulator sim = new CSimulator();

        CSimResult first = sim.csim(request().build());
        assertTrue(first.compiled());
        assertTrue(first.ran());
        assertEquals(3, first.samples());
        assertEquals(prj.resolve("build/csim/doubler_csim"), first.binary());
        assertEquals(prj.resolve("tb_data/csim_results.log"), first.resultsFile());
        assertTrue(first.compileTime().toNanos() > 0);
        assertEquals(List.of("2 4 6 8", "1 -2 0 20", "-4.5 6 14 0.25"), results());
        assertTrue(PredictionComparison.compare(first.resultsFile(), prj.resolve("tb_data/tb_output_predictions.dat"))
                .exactMatch());
        for (String log : List.of("compile_doubler.log", "compile_doubler_test.log", "link.log", "run.log")) {
            assertTrue(Files.isRegularFile(prj.resolve("build/csim").resolve(log)), log);
        }
        assertTrue(Files.readString(prj.resolve("build/csim/run.log")).contains("INFO: processed 3 samples"));

        FileTime old = Files.getLastModifiedTime(first.binary());
        infos.clear();

        // Second run, nothing changed: nothing compiled, nothing run.
        CSimResult second = sim.csim(request().build());
        assertFalse(second.compiled());
        assertFalse(second.ran());
        assertEquals(old, Files.getLastModifiedTime(second.binary()));
        assertTrue(infos.stream().anyMatch(m -> m.contains("up to date")), infos.toString());

        // New inputs: the binary is reused, the simulation re-runs.
        Files.writeString(prj.resolve("tb_data/tb_input_features.dat"), "1 1 1 1\n");
        CSimResult third = sim.csim(request().build());
        assertFalse(third.compiled());
        assertTrue(third.ran());
        assertEquals(1, third.samples());
        assertEquals(old, Files.getLastModifiedTime(third.binary()));
        assertEquals(List.of("2 2 2 2"), results());

        // A changed weights header rebuilds.
        Files.writeString(prj.resolve("firmware/weights/s1.h"),
                "#ifndef S1_H_\n#define S1_H_\nstatic const double s1 = 3.0;\n#endif\n");
        CSimResult fourth = sim.csim(request().build());
        assertTrue(fourth.compiled());
        assertTrue(fourth.ran());
        assertEquals(List.of("3 3 3 3"), results());

        // Other flags rebuild too.
        CSimResult fifth = sim.csim(request().compilerFlags(List.of("-O0", "-std=c++14")).build());
        assertTrue(fifth.compiled());
    }

    @Test
    void compileErrorNamesTheLogAndQuotesTheCompiler() throws IOException {
        Files.writeString(prj.resolve("firmware/doubler.cpp"),
                "#include \"doubler.h\"\nvoid doubler(input_t input[N_INPUT], result_t result[N_OUTPUT]) {\n"
                        + "    result[0] = undeclared_identifier_xyz;\n}\n");
        ToolException e = assertThrows(ToolException.class, () -> new CSimulator().csim(request().build()));
        String msg = e.getMessage();
        assertTrue(msg.contains("compiling failed"), msg);
        assertTrue(msg.contains(prj.resolve("build/csim/compile_doubler.log").toString()), msg);
        assertTrue(msg.contains("undeclared_identifier_xyz"), msg);
        assertTrue(msg.contains("firmware/doubler.cpp:3"), msg);
        assertFalse(Files.exists(prj.resolve("build/csim/doubler_csim")));
        assertFalse(Files.exists(prj.resolve("build/csim/compile.stamp")));
    }

    @Test
    void wrongInputValueCountFailsBeforeCompiling() throws IOException {
        Files.writeString(prj.resolve("tb_data/tb_input_features.dat"), "1 2 3 4\n5 6 7\n");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new CSimulator().csim(request().build()));
        assertEquals(prj.resolve("tb_data/tb_input_features.dat")
                + " line 2 has 3 values, the model input needs 4: each line must hold one sample", e.getMessage());
        assertFalse(Files.exists(prj.resolve("build/csim/doubler_csim")));
    }

    @Test
    void missingInputFileFailsClearly() throws IOException {
        Files.delete(prj.resolve("tb_data/tb_input_features.dat"));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new CSimulator().csim(request().build()));
        assertTrue(e.getMessage().contains("tb_input_features.dat does not exist"), e.getMessage());
    }

    @Test
    void crashingSimulationLeavesNoResultsAndQuotesTheLog() throws IOException {
        CSimulator sim = new CSimulator();
        sim.csim(request().build());
        Files.writeString(prj.resolve("tb_data/tb_input_features.dat"), "1 2 3 4\n666 0 0 0\n");
        SimulationFailureException e = assertThrows(SimulationFailureException.class,
                () -> sim.csim(request().build()));
        String msg = e.getMessage();
        assertTrue(msg.contains(prj.resolve("build/csim/run.log").toString()), msg);
        assertTrue(msg.contains("simulated crash at sample 1"), msg);
        assertFalse(Files.exists(prj.resolve("tb_data/csim_results.log")), "no complete-looking results after a crash");
        assertTrue(Files.exists(prj.resolve("tb_data/csim_results.log.failed")));
    }

    @Test
    void missingResultLinesFailClearly() throws IOException {
        Files.writeString(prj.resolve("tb_data/tb_input_features.dat"), "1 2 3 4\n888 0 0 0\n5 6 7 8\n");
        SimulationFailureException e = assertThrows(SimulationFailureException.class,
                () -> new CSimulator().csim(request().build()));
        assertTrue(e.getMessage().contains("wrote 2 result lines for 3 input samples"), e.getMessage());
        assertFalse(Files.exists(prj.resolve("tb_data/csim_results.log")));
        // and a failed run is redone, not taken as up to date
        Files.writeString(prj.resolve("tb_data/tb_input_features.dat"), "1 2 3 4\n");
        CSimResult r = new CSimulator().csim(request().build());
        assertTrue(r.ran());
        assertEquals(List.of("2 4 6 8"), results());
    }

    @Test
    void hangingSimulationIsKilledAtTheTimeout() throws IOException {
        CSimulator sim = new CSimulator();
        sim.csim(request().build());
        Files.writeString(prj.resolve("tb_data/tb_input_features.dat"), "777 0 0 0\n");
        long start = System.nanoTime();
        ToolException e = assertThrows(ToolException.class,
                () -> sim.csim(request().timeout(Duration.ofSeconds(1)).build()));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30);
        assertTrue(e.getMessage().contains("did not finish within 1.0 s"), e.getMessage());
        assertFalse(Files.exists(prj.resolve("tb_data/csim_results.log")));
    }
}
