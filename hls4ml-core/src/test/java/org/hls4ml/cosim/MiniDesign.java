package org.hls4ml.cosim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.hls4ml.tools.ToolLocator;

/**
 * The hand-written test design {@code src/test/resources/org/hls4ml/cosim/mini}, laid out as the RTL backend lays out a
 * project ({@code rtl/files.f}, {@code rtl/*.v}, {@code rtl/tb_main.cpp}, {@code tb_data/}): out[i] = x[i] + sum(x)
 * over samples of 4 Q8.8 values, as input FIFO -> fork -> (skip FIFO | accumulator) -> join. With a skip FIFO shallower
 * than a sample it deadlocks, the way hls4ml's reconvergent streams do.
 *
 * <p>A Verilator build takes about 12 s, so one built copy is made per JVM and tests that need a built design get a
 * copy of it (with modification times kept, so the copy is up to date).
 */
final class MiniDesign {

    static final String TOP = "mini";
    static final List<RtlFacts.Fifo> FIFOS = List.of(new RtlFacts.Fifo("in_fifo", "mini.u_in", 4, 16),
            new RtlFacts.Fifo("skip_fifo", "mini.u_skip", 4, 16));

    private static Path verilator;
    private static Path built;
    private static CosimResult builtResult;

    private MiniDesign() {
    }

    /** Verilator, or a failure (never a skip) saying what was searched. */
    static synchronized Path verilator() {
        if (verilator == null) {
            verilator = new ToolLocator().locate("verilator", null, "HLS4ML_VERILATOR",
                    "the co-simulation tests need it: install it with `apt-get install verilator`, or set"
                            + " HLS4ML_VERILATOR");
        }
        return verilator;
    }

    static CosimRequest.Builder request(Path prj) {
        return CosimRequest.builder(prj, TOP).verilator(verilator()).fifos(FIFOS).timeout(Duration.ofMinutes(2))
                .watchdogCycles(1000);
    }

    /** A fresh, never built copy of the design in {@code dir}. */
    static Path fresh(Path dir) throws IOException {
        try {
            copyTree(Path.of(MiniDesign.class.getResource("mini").toURI()), dir);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return dir;
    }

    /** A copy of the design as it stands after its first co-simulation (built, run, matched). */
    static Path builtCopy(Path dir) throws IOException {
        copyTree(golden(), dir);
        return dir;
    }

    /** The result of the first co-simulation of the shared copy. */
    static synchronized CosimResult firstResult() throws IOException {
        golden();
        return builtResult;
    }

    private static synchronized Path golden() throws IOException {
        if (built == null) {
            Path dir = Files.createTempDirectory("hls4ml-cosim-mini");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            Path prj = fresh(dir.resolve("mini"));
            builtResult = new Cosimulator().cosim(request(prj).build());
            built = prj;
        }
        return built;
    }

    static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort at JVM exit
        }
    }
}
