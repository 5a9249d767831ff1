package org.hls4ml.fifo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.Hls4mlException;
import org.hls4ml.api.SimulationFailureException;
import org.hls4ml.api.ToolException;
import org.hls4ml.cosim.RtlFacts;
import org.hls4ml.tools.ContentHash;
import org.hls4ml.tools.FileWriting;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.tools.Stamp;
import org.hls4ml.writer.ProjectManifest;

/**
 * A generated io_stream project as the FIFO depth optimization sees it, whichever engine measures the occupancy
 * (Verilator: {@link FifoDepthOptimizer}; Vivado HLS or Vitis HLS: {@code org.hls4ml.vendor.VendorFifoOptimizer}):
 * <ul>
 *   <li>the request in {@code hls4ml-project.json}, refused when absent or when the project is not io_stream;</li>
 *   <li>the places that state each inter-layer stream's depth: the pragmas of {@code firmware/<project>.cpp} and, where
 *       the project has an RTL design, the depth constants of {@code rtl/<top>.v} and the manifest's RTL facts; they
 *       must agree, and are rewritten together;</li>
 *   <li>the last optimization: {@code fifo_depths.json} and the stamp {@value #STAMP} of the inputs it was made
 *       from;</li>
 *   <li>safe rewriting: before the first change the original texts go to {@value #BACKUP}; {@link #restore()} puts
 *       them back after a failure, and when a run was killed half-way (the backup is still there) the next
 *       {@link #open} puts them back before it reads anything.</li>
 * </ul>
 */
public final class FifoProject {

    /** Stamp of the last successful optimization, inside the project. */
    public static final String STAMP = ".hls4ml/fifo_opt.sha256";
    /** The original texts of the files a running optimization has changed, inside the project. */
    public static final String BACKUP = ".hls4ml/fifo_opt.backup.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Where an optimization starts from.
     *
     * @param upToDate the last optimization when it holds for these inputs and these depths (nothing to profile), else
     *                 null
     * @param initial  the depths hls4ml chose, also when the project already carries those of an earlier optimization
     */
    public record Baseline(FifoDepths upToDate, Map<String, Integer> initial) {
    }

    private final Path dir;
    private final String engine;
    private final ProgressListener log;
    private final ProjectManifest manifest;
    private final FifoOptimizationRequest request;
    private final Path cpp;
    private final Path verilog;
    private final Path manifestFile;
    private final String cppText;
    private final String verilogText;
    private final String manifestText;
    private boolean backedUp;

    private FifoProject(Path dir, String engine, ProgressListener log) throws IOException {
        this.dir = dir;
        this.engine = engine;
        this.log = log;
        this.manifest = ProjectManifest.read(dir);
        this.request = manifest.fifoOptimization();
        if (request == null) {
            throw new ConfigurationException("the project " + dir + " was generated without a FIFO depth"
                    + " optimization flow; add vivado:fifo_depth_optimization (or vitis:...) to Flows and run"
                    + " hls4ml:generate again");
        }
        if (!"io_stream".equals(manifest.ioType())) {
            throw new ConfigurationException("flow " + request.flow() + " needs IOType: io_stream, but the project "
                    + dir + " was generated with " + manifest.ioType() + "; set IOType: io_stream");
        }
        RtlFacts rtl = manifest.rtl();
        this.cpp = dir.resolve("firmware").resolve(manifest.projectName() + ".cpp");
        this.verilog = rtl == null || !rtl.unsupported().isEmpty() ? null
                : dir.resolve("rtl").resolve(rtl.top() + ".v");
        this.manifestFile = dir.resolve(ProjectManifest.FILE);
        this.cppText = Files.readString(cpp);
        this.verilogText = verilog == null ? null : Files.readString(verilog);
        this.manifestText = Files.readString(manifestFile);
    }

    /**
     * Reads the project, after undoing what an interrupted optimization left behind.
     *
     * @param engine the engine that measures ({@code verilator}, {@code vivado_hls}, {@code vitis_hls})
     * @throws ConfigurationException no request in the manifest, or not io_stream
     */
    public static FifoProject open(Path projectDir, String engine, ProgressListener log) {
        Path dir = projectDir.toAbsolutePath().normalize();
        ProgressListener listener = log == null ? ProgressListener.NONE : log;
        try {
            recoverInterrupted(dir, listener);
            return new FifoProject(dir, engine, listener);
        } catch (IOException e) {
            throw new UncheckedIOException("FIFO depth optimization of " + dir + " failed: " + e, e);
        }
    }

    /**
     * Forgets every optimization of the project: {@code fifo_depths.json}, the stamp and a backup. For a regeneration,
     * which puts the default depths back.
     */
    public static void forget(Path projectDir) throws IOException {
        Files.deleteIfExists(projectDir.resolve(FifoDepths.FILE));
        Stamp.delete(projectDir.resolve(STAMP));
        Files.deleteIfExists(projectDir.resolve(BACKUP));
    }

    public Path dir() {
        return dir;
    }

    public ProjectManifest manifest() {
        return manifest;
    }

    public FifoOptimizationRequest request() {
        return request;
    }

    /** The engine that measures, as {@code fifo_depths.json} names it. */
    public String engine() {
        return engine;
    }

    /** {@code rtl/<top>.v}, or null when the project has no RTL design. */
    public Path verilog() {
        return verilog;
    }

    /** A path inside the project, relative to it, with forward slashes. */
    public String relative(Path p) {
        return dir.relativize(p).toString().replace('\\', '/');
    }

    /** The streams of the C++ top function that carry a depth pragma, in the order they are declared. */
    public List<String> pragmaStreams() {
        return List.copyOf(DepthRewriter.pragmaDepths(cppText).keySet());
    }

    /**
     * Refuses a project without inter-layer streams: there is nothing to optimize.
     *
     * @param names  the streams found
     * @param detail where they were looked for, e.g. " (no #pragma HLS STREAM in firmware/myproject.cpp)"
     * @throws ConfigurationException when {@code names} is empty
     */
    public void requireStreams(List<String> names, String detail) {
        if (names.isEmpty()) {
            throw new ConfigurationException("FIFO depth optimization (" + request.flow() + ") found no FIFO between"
                    + " layers in " + dir + detail + ": the model's only streams are its input and output, which are"
                    + " not sized; remove " + request.flow() + " from Flows. The project is unchanged");
        }
    }

    /**
     * The depth of each named stream, as its pragma states it.
     *
     * @throws ConfigurationException a stream without a pragma, or an RTL FIFO whose Verilog depth differs
     */
    public Map<String, Integer> currentDepths(List<String> names) {
        Map<String, Integer> pragmas = DepthRewriter.pragmaDepths(cppText);
        Map<String, Integer> consts = verilogText == null ? Map.of() : DepthRewriter.verilogDepths(verilogText);
        Set<String> inRtl = rtlFifos();
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String n : names) {
            Integer p = pragmas.get(n);
            Integer v = consts.get(n);
            if (p == null || inRtl.contains(n) && !p.equals(v)) {
                throw new ConfigurationException("the project " + dir + " is inconsistent: stream " + n + " has "
                        + (p == null ? "no pragma" : "depth " + p) + " in " + relative(cpp)
                        + (inRtl.contains(n) ? " and " + (v == null ? "no depth constant" : "depth " + v) + " in "
                        + relative(verilog) : "") + "; run hls4ml:generate again (e.g. mvn clean verify)");
            }
            out.put(n, p);
        }
        return out;
    }

    /**
     * The hash of what the optimization depends on: the generated project, the flow and profiling depth, the engine
     * and its settings, the test inputs.
     *
     * @param settings adds the engine's own settings
     */
    public String hash(UnaryOperator<ContentHash> settings) throws IOException {
        Path input = dir.resolve("tb_data").resolve("tb_input_features.dat");
        ContentHash h = settings.apply(new ContentHash()
                .add("format", "fifo-opt-1")
                .add("generated", Stamp.read(dir.resolve(".hls4ml/generate.sha256")).orElse("unknown"))
                .add("flow", request.flow())
                .add("profiling", Integer.toString(request.profilingDepth()))
                .add("engine", engine));
        if (Files.isRegularFile(input)) {
            h.addFile("input", input);
        }
        return h.hex();
    }

    /**
     * Compares with the last optimization: up to date when its stamp holds {@code hash} and the streams still have the
     * depths it set (then says so in the log); otherwise the stamp is removed, so that an interrupted run is redone.
     */
    public Baseline baseline(String hash, Map<String, Integer> current) throws IOException {
        Path depthsFile = dir.resolve(FifoDepths.FILE);
        FifoDepths previous = null;
        if (Files.isRegularFile(depthsFile)) {
            try {
                previous = FifoDepths.read(depthsFile);
            } catch (IOException | RuntimeException e) {
                log.warn("FIFO depth optimization: ignoring " + depthsFile + " (" + e.getMessage() + ")");
            }
        }
        boolean optimized = previous != null && previous.optimized().equals(current);
        Path stamp = dir.resolve(STAMP);
        if (optimized && Stamp.matches(stamp, hash)) {
            log.info("FIFO depth optimization: depths of " + manifest.projectName() + " are up to date ("
                    + FifoDepths.FILE + "); nothing profiled");
            log.info("FIFO depths (" + previous.engine() + "):");
            previous.table().lines().forEach(log::info);
            return new Baseline(previous, previous.initial());
        }
        Stamp.delete(stamp);
        return new Baseline(null, optimized ? previous.initial() : current);
    }

    /** The depth of each stream while profiled: the profiling depth, or its initial depth when that is 0. */
    public Map<String, Integer> profilingDepths(Map<String, Integer> initial) {
        Map<String, Integer> out = new LinkedHashMap<>();
        initial.forEach((n, d) -> out.put(n, request.profilingDepth() == 0 ? d : request.profilingDepth()));
        return out;
    }

    /**
     * Warns that a stream filled up while profiled, so that its measured maximum may be below its need.
     *
     * @param how e.g. "was full for 12 cycles"
     */
    public void warnSaturated(String stream, String how) {
        log.warn("FIFO depth optimization: " + stream + " " + how + " at the profiling depth "
                + request.profilingDepth() + "; its measured maximum is a lower bound. Raise profiling_fifo_depth");
    }

    /** "depth 100000" or "their default depths", for messages. */
    public String profilingDepthText() {
        return request.profilingDepth() == 0 ? "their default depths" : "depth " + request.profilingDepth();
    }

    /**
     * Every stream's depth becomes its maximum occupancy + 1.
     *
     * @param initial      the streams, with their initial depths
     * @param maxOccupancy the profile, by stream; must hold every stream of {@code initial}
     * @return the result, without further facts yet (see {@link FifoDepths#withExtra})
     */
    public FifoDepths resize(Map<String, Integer> initial, Map<String, Integer> maxOccupancy) {
        Map<String, FifoDepths.Entry> entries = new LinkedHashMap<>();
        initial.forEach((n, d) -> {
            Integer max = maxOccupancy.get(n);
            if (max == null) {
                throw new IllegalArgumentException("no maximum occupancy for " + n);
            }
            entries.put(n, new FifoDepths.Entry(d, max, max + 1));
        });
        return new FifoDepths(entries, engine, request.profilingDepth(), Map.of());
    }

    /** The text of {@code rtl/<top>.v} with the given FIFO depths (null without an RTL design). */
    public String verilogWithDepths(Map<String, Integer> depths) {
        return verilogText == null ? null
                : DepthRewriter.rewriteVerilog(verilogText, onlyRtl(depths), relative(verilog));
    }

    /**
     * Rewrites the depth pragmas only (what a vendor tool synthesizes), after saving the originals.
     *
     * @throws ConfigurationException a stream without exactly one pragma; nothing is written then
     */
    public void rewritePragmas(Map<String, Integer> depths) throws IOException {
        String newCpp = DepthRewriter.rewritePragmas(cppText, depths, relative(cpp));
        backup();
        write(cpp, newCpp);
    }

    /**
     * Rewrites every place that states the depths (pragmas, Verilog constants, manifest), after saving the originals.
     *
     * @throws ConfigurationException a stream without exactly one pragma or constant; nothing is written then
     */
    public void rewrite(Map<String, Integer> depths) throws IOException {
        String newCpp = DepthRewriter.rewritePragmas(cppText, depths, relative(cpp));
        String newVerilog = verilogWithDepths(depths);
        String newManifest = manifest.rtl() == null ? null : manifest.withRtl(manifest.rtl().withDepths(depths)).toJson();
        backup();
        write(cpp, newCpp);
        if (newVerilog != null) {
            write(verilog, newVerilog);
        }
        if (newManifest != null) {
            write(manifestFile, newManifest);
        }
    }

    /** Puts the files back as they were read and drops the backup; a failure to do so is logged. */
    public void restore() {
        try {
            write(cpp, cppText);
            if (verilog != null) {
                write(verilog, verilogText);
            }
            write(manifestFile, manifestText);
            Files.deleteIfExists(dir.resolve(BACKUP));
            backedUp = false;
        } catch (IOException e) {
            log.warn("FIFO depth optimization: could not restore " + dir + " (" + e + "); the next run restores it"
                    + " from " + BACKUP + ", or run hls4ml:generate again (mvn clean verify)");
        }
    }

    /**
     * Records a verified optimization: writes {@code fifo_depths.json} and the stamp, drops the backup and logs the
     * table.
     *
     * @param detail appended to the engine's name in the log line, e.g. ", profiling 3 samples in 2.1 s"
     */
    public void finish(FifoDepths depths, String hash, String detail) throws IOException {
        depths.write(dir.resolve(FifoDepths.FILE));
        Stamp.write(dir.resolve(STAMP), hash);
        Files.deleteIfExists(dir.resolve(BACKUP));
        backedUp = false;
        log.info("FIFO depths of " + manifest.projectName() + " (" + FifoDepths.FILE + ", measured by "
                + depths.engine() + detail + "):");
        depths.table().lines().forEach(log::info);
    }

    /**
     * The failure of a step of the optimization, of the kind of its cause (configuration, tool, otherwise the
     * design's), saying that the project keeps its previous depths.
     */
    public Hls4mlException failure(String what, Exception cause) {
        String msg = "FIFO depth optimization (" + request.flow() + ") of " + manifest.projectName() + ": " + what
                + "\nThe project keeps its previous FIFO depths.";
        if (cause instanceof ConfigurationException) {
            return new ConfigurationException(msg, cause);
        }
        if (cause instanceof ToolException) {
            return new ToolException(msg, cause);
        }
        return new SimulationFailureException(msg, cause);
    }

    private Set<String> rtlFifos() {
        return verilog == null ? Set.of()
                : manifest.rtl().fifos().stream().map(RtlFacts.Fifo::name).collect(Collectors.toSet());
    }

    private Map<String, Integer> onlyRtl(Map<String, Integer> depths) {
        Set<String> inRtl = rtlFifos();
        Map<String, Integer> out = new LinkedHashMap<>(depths);
        out.keySet().retainAll(inRtl);
        return out;
    }

    private void backup() throws IOException {
        if (backedUp) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put(relative(cpp), cppText);
        if (verilog != null) {
            root.put(relative(verilog), verilogText);
        }
        root.put(relative(manifestFile), manifestText);
        FileWriting.writeAtomically(dir.resolve(BACKUP), JSON.writeValueAsBytes(root));
        backedUp = true;
    }

    /**
     * When an optimization was killed before it finished (its backup is still there), puts back the files as they were
     * before it and drops the backup, saying so in the log; otherwise does nothing.
     */
    public static void recoverInterrupted(Path projectDir, ProgressListener log) throws IOException {
        Path dir = projectDir.toAbsolutePath().normalize();
        Path file = dir.resolve(BACKUP);
        if (!Files.isRegularFile(file)) {
            return;
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            log.warn("FIFO depth optimization: ignoring the unreadable " + file + "; if an earlier run was interrupted,"
                    + " run hls4ml:generate again (mvn clean verify)");
            Files.delete(file);
            return;
        }
        List<String> restored = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Path target = dir.resolve(e.getKey()).normalize();
            if (target.startsWith(dir) && e.getValue().isTextual()) {
                write(target, e.getValue().asText());
                restored.add(e.getKey());
            }
        }
        Files.delete(file);
        log.warn("FIFO depth optimization: an earlier run of " + dir.getFileName() + " was interrupted; restored "
                + String.join(", ", restored) + " as they were before it");
    }

    private static void write(Path file, String text) throws IOException {
        FileWriting.writeIfChanged(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
