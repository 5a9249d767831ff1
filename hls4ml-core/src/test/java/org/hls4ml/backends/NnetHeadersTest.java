package org.hls4ml.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the C++ test programs in {@code src/test/cpp/nnet} against the bundled layer library
 * ({@code templates/vivado/nnet_utils}) and the bundled ap types with g++, runs them and checks their
 * {@code PASS}/{@code FAIL} report. g++ is required: without it these tests fail (they are never skipped).
 *
 * <p>The ap types directory defaults to this module's {@code src/main/resources/org/hls4ml/include/ap_types};
 * the system property {@code hls4ml.aptypes.dir} overrides it.
 */
class NnetHeadersTest {

    private static final Path MODULE = locateModule();
    private static final Path TEMPLATES = MODULE.resolve("src/main/resources/org/hls4ml/templates/vivado");
    private static final Path CPP_TESTS = MODULE.resolve("src/test/cpp/nnet");

    private static String gxx;
    private static Path apTypes;

    @TempDir
    static Path work;

    private static Path locateModule() {
        Path cwd = Paths.get("").toAbsolutePath();
        if (Files.isDirectory(cwd.resolve("src/test/cpp/nnet"))) {
            return cwd;
        }
        Path sub = cwd.resolve("hls4ml-core");
        if (Files.isDirectory(sub.resolve("src/test/cpp/nnet"))) {
            return sub;
        }
        return cwd;
    }

    @BeforeAll
    static void findTools() {
        gxx = System.getProperty("hls4ml.gxx", "g++");
        try {
            Process p = new ProcessBuilder(gxx, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("g++ ('" + gxx + "') is required to test the nnet_utils headers but '" + gxx
                        + " --version' failed; install g++ (or set -Dhls4ml.gxx=<path>)");
            }
        } catch (IOException e) {
            fail("g++ ('" + gxx + "') is required to test the nnet_utils headers but was not found on the PATH: "
                    + e.getMessage() + "; install g++ (or set -Dhls4ml.gxx=<path>)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while probing g++");
        }
        String override = System.getProperty("hls4ml.aptypes.dir");
        apTypes = override != null && !override.isBlank()
                ? Paths.get(override).toAbsolutePath()
                : MODULE.resolve("src/main/resources/org/hls4ml/include/ap_types");
        assertTrue(Files.isRegularFile(apTypes.resolve("ap_fixed.h")),
                "bundled ap types not found at " + apTypes + " (set -Dhls4ml.aptypes.dir=<dir with ap_fixed.h>)");
        assertTrue(Files.isRegularFile(TEMPLATES.resolve("nnet_utils/nnet_dense.h")),
                "nnet_utils headers not found under " + TEMPLATES);
    }

    private static List<String> baseCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(gxx);
        cmd.add("-O2");
        cmd.add("-std=c++14");
        cmd.add("-Wno-unknown-pragmas");
        cmd.add("-I" + apTypes);
        cmd.add("-I" + TEMPLATES);
        return cmd;
    }

    private static String run(List<String> cmd, Path dir, long timeoutSeconds, String what) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(what + " timed out after " + timeoutSeconds + " s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            fail(what + " failed (exit " + p.exitValue() + "):\n" + text);
        }
        return text;
    }

    /** Compiles and runs one test program; returns its output after checking the PASS/FAIL report. */
    private static List<String> compileAndRun(String source) throws Exception {
        Path exe = work.resolve(source.replace(".cpp", ""));
        List<String> cmd = baseCommand();
        cmd.add(CPP_TESTS.resolve(source).toString());
        cmd.add("-o");
        cmd.add(exe.toString());
        run(cmd, work, 600, "compiling " + source);
        String out = run(List.of(exe.toString()), work, 300, "running " + source);
        List<String> lines = out.lines().collect(Collectors.toList());
        List<String> failures = lines.stream().filter(l -> l.startsWith("FAIL")).collect(Collectors.toList());
        assertTrue(failures.isEmpty(), source + " reported failures:\n" + String.join("\n", failures));
        assertTrue(lines.contains("DONE failures=0"), source + " did not complete:\n" + out);
        return lines;
    }

    private static void assertPassed(List<String> lines, String... names) {
        for (String name : names) {
            assertTrue(lines.contains("PASS " + name), "missing check '" + name + "' in:\n" + String.join("\n", lines));
        }
    }

    private static long countPass(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith("PASS " + prefix)).count();
    }

    @Test
    void denseLatencyAndResourceAgreeBitForBit() throws Exception {
        List<String> lines = compileAndRun("test_dense.cpp");
        // 18 shape / reuse-factor / accumulator combinations, rf < n_in, rf == n_in and rf > n_in
        assertEquals(18, countPass(lines, "latency_eq_resource_"), String.join("\n", lines));
        assertPassed(lines, "latency_eq_resource_wrap_16x8_rf2", "latency_eq_resource_wrap_16x8_rf16",
                "latency_eq_resource_sat_16x8_rf128", "latency_eq_resource_wrap_6x10_rf3",
                "latency_eq_resource_wide_6x10_rf60", "latency_eq_resource_wrap_64x32_rf128");
        assertPassed(lines, "exact_vs_integer_reference_16x8_rf1", "exact_vs_integer_reference_16x8_rf4",
                "exact_vs_integer_reference_16x8_rf32", "exact_vs_integer_reference_5x7_rf35");
        assertPassed(lines, "stepwise_reference_wrap_16x8_rf4", "stepwise_reference_sat_16x8_rf32",
                "stepwise_reference_ufixed_wrap_7x6_rf42", "stepwise_reference_sat_sym_24x4_rf6",
                "stepwise_reference_roomy_24x4_rf1", "stepwise_reference_ap_int_16x8_rf8",
                "stepwise_reference_ap_uint_16x8_rf1", "stepwise_reference_wide_storage_8x4_rf2");
        assertPassed(lines, "hand_worked_latency", "hand_worked_resource", "product_cast_to_accum_each");
        assertPassed(lines, "stream_eq_array_16x8_rf1", "stream_eq_array_16x8_rf8", "stream_eq_array_5x3_rf15");
        // C simulation fast path (wrapping accumulators summed as modular integers) vs the step-by-step sum,
        // and the cases that must keep the sequential path
        assertEquals(23, countPass(lines, "fast_vs_stepwise_"), String.join("\n", lines));
        assertPassed(lines, "fast_vs_stepwise_model_trn_16x64", "fast_vs_stepwise_model_trn_32x5",
                "fast_vs_stepwise_rnd_16x19", "fast_vs_stepwise_ufixed_acc_9x18", "fast_vs_stepwise_shift_left_12x17",
                "fast_vs_stepwise_acc32_10x16", "fast_vs_stepwise_ap_int_20x16", "fast_vs_stepwise_lane64_11x16",
                "fast_vs_stepwise_lane64_rnd_11x5", "fast_vs_stepwise_wide_input_8x18",
                "fast_vs_stepwise_wide_weight_8x18", "fast_vs_stepwise_sat_16x8", "fast_vs_stepwise_fixed_to_int_16x8");
    }

    @Test
    void activationsMatchHandWorkedValues() throws Exception {
        List<String> lines = compileAndRun("test_activation.cpp");
        assertPassed(lines, "relu_exact", "relu_converted_to_res_t", "linear_exact", "linear_converted_to_res_t",
                "sigmoid_index", "tanh_index", "softmax_stable_hand", "softmax_stable_hand_permuted",
                "softmax_latency_hand", "softmax_legacy_hand", "softmax_argmax_first_max",
                "softmax_argmax_negative");
        // index arithmetic over every value of several input types
        assertPassed(lines, "sigmoid_index_exhaustive_16_6", "tanh_index_exhaustive_16_6",
                "sigmoid_index_exhaustive_10_4", "tanh_index_exhaustive_12_1", "sigmoid_index_exhaustive_ufixed_12_5",
                "sigmoid_index_exhaustive_8_10", "softmax_index_exhaustive_ufixed_15_5",
                "softmax_index_exhaustive_fixed_18_8");
        assertPassed(lines, "relu_stream_eq_array", "linear_stream_eq_array", "sigmoid_stream_eq_array",
                "tanh_stream_eq_array", "softmax_stream_eq_array");
    }

    @Test
    void batchnormAndHelpers() throws Exception {
        List<String> lines = compileAndRun("test_batchnorm_helpers.cpp");
        assertPassed(lines, "batchnorm_n_filt", "batchnorm_stream", "batchnorm_per_element",
                "batchnorm_full_precision_sum");
        assertPassed(lines, "print_exact_small", "print_exact_one", "print_exact_negative", "print_exact_zero",
                "print_exact_integer", "print_exact_min", "print_exact_negative_lsb", "print_exact_ufixed",
                "print_exact_wide", "print_exact_i_gt_w", "print_exact_negative_i", "print_exact_ap_int",
                "print_exact_ap_uint", "canonical_decimal_trim", "canonical_decimal_negative_zero");
        assertPassed(lines, "fill_array_trn_wrap", "fill_array_rnd_sat", "copy_data_offset");
        assertPassed(lines, "parse_double_eq_strtod", "stream_fifo_order");
    }

    /** Every header compiles on its own (self-contained includes), and so does the benchmark (not run). */
    @Test
    void everyHeaderIsSelfContained() throws Exception {
        List<Path> headers;
        try (Stream<Path> s = Files.list(TEMPLATES.resolve("nnet_utils"))) {
            headers = s.filter(p -> p.getFileName().toString().endsWith(".h")).sorted().collect(Collectors.toList());
        }
        assertTrue(headers.size() >= 10, "expected the nnet_utils headers, found " + headers);
        List<String> cmd = baseCommand();
        cmd.add("-fsyntax-only");
        for (Path h : headers) {
            Path tu = work.resolve("only_" + h.getFileName().toString().replace(".h", ".cpp"));
            Files.writeString(tu, "#include \"nnet_utils/" + h.getFileName() + "\"\n"
                    + "#include \"nnet_utils/" + h.getFileName() + "\"\n" // guard check
                    + "int main() { return 0; }\n");
            cmd.add(tu.toString());
        }
        cmd.add(CPP_TESTS.resolve("bench_dense_net.cpp").toString());
        run(cmd, work, 600, "compiling each nnet_utils header alone");
    }
}
