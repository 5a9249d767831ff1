package org.hls4ml.ip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.ToolException;
import org.hls4ml.cosim.RtlFacts;
import org.hls4ml.tools.ContentHash;
import org.hls4ml.tools.FileWriting;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.tools.Stamp;
import org.hls4ml.vendor.ExportVersion;
import org.hls4ml.vendor.VendorExport;
import org.hls4ml.writer.ProjectManifest;

/**
 * Builds the IP core zip of a generated io_stream project:
 * <pre>
 * component.xml            IP-XACT (IEEE 1685-2009) description: VLNV, AXI4-Stream/clock/reset interfaces, ports, files
 * hdl/verilog/*.v          the synthesizable Verilog of rtl/ (not the Verilator test bench or its file list)
 * hls/...                  the HLS project: firmware/, tb_data/ (with the csim and co-simulation logs), build_prj.tcl,
 *                          project.tcl, vivado_synth.tcl, &lt;project&gt;_test.cpp, hls4ml_config.yml, hls4ml-project.json
 * reports/*.json           reports/cosim.json, reports/resources.json, fifo_depths.json, when present and not stale
 * </pre>
 *
 * <p>Reproducible: entries sorted by name, every entry's time the request's timestamp (DOS time fields only, no extra
 * fields; version-made-by and attributes are the JDK's constants), absolute paths in {@code hls4ml_config.yml} made
 * relative (the test bench files) or cut to their file name, and the host-dependent wall-clock figures
 * ({@code simulation_seconds}, {@code cycles_per_second}) left out of the packaged {@code cosim.json}. A final check
 * refuses to package any entry that still names the project's directory or one of its parents.
 *
 * <p>With a vendor tool ({@link #pack(IpRequest, Supplier, ProgressListener)}) the zip holds instead what the vendor's
 * {@code export_design -format ip_catalog} packaged, entry for entry as its zip lays them out ({@code component.xml}
 * with the vendor's VLNV, {@code hdl/}, {@code drivers/}, {@code xgui/}, ...), plus the project's reports:
 * <pre>
 * reports/csim_results.log, reports/rtl_cosim_results.log    the C simulation's and the co-simulation's results
 * reports/*.json            reports/csynth.json, reports/vendor_fifo_profile.json, ..., fifo_depths.json, when present
 * </pre>
 * It is re-zipped the same reproducible way (the vendor's own entries are kept as they are: an absolute path in them
 * is warned about, not refused), and the vendor zip's hash counts among the inputs. A failure in this path removes the
 * zip an earlier packaging left at the request's path, so no zip of another design stands there.
 *
 * <p>Incremental: the content hash of every entry and the settings is kept in {@code .hls4ml/ip.sha256} with the
 * zip's own hash; when both match, the zip is not rewritten. The zip is written to a temporary file and moved into
 * place, so a failed run never leaves a half-written zip under the final name.
 *
 * <p>Reports count as stale, and are left out with a warning, when they are older than the design they describe:
 * the co-simulation outputs than {@code rtl/} and the test bench inputs, the C simulation's log than
 * {@code firmware/}, the test bench and its inputs (unless a fresh co-simulation log, which must equal it, vouches
 * for it).
 */
public final class IpPackager {

    /** Stamp of the last zip written, inside the project. */
    public static final String STAMP = ".hls4ml/ip.sha256";

    /** Bump when the zip's layout or component.xml changes, so old stamps no longer match. */
    static final String FORMAT = "ip-zip-1";

    /** The same for the zip of a vendor's export. */
    static final String VENDOR_FORMAT = "ip-zip-vendor-1";

    private static final String REPORTS = "reports/";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String CSIM_LOG = "tb_data/csim_results.log";
    private static final String COSIM_LOG = "tb_data/rtl_cosim_results.log";
    private static final String TB_INPUT = "tb_data/tb_input_features.dat";

    private IpPackager() {
    }

    /**
     * Packages the project into the request's zip, unless the zip already holds exactly this.
     *
     * @throws ConfigurationException when the project is not an io_stream design with RTL, or a setting is invalid
     */
    public static IpResult pack(IpRequest request, ProgressListener log) {
        ProgressListener listener = log == null ? ProgressListener.NONE : log;
        try {
            return new Run(request, listener, null).run();
        } catch (IOException e) {
            throw failure(request, e);
        }
    }

    /**
     * Packages the IP the vendor tool exports, plus the project's reports, into the request's zip, unless the zip
     * already holds exactly this. Any failure, the export's included, removes the zip at the request's path.
     *
     * @param export runs the vendor's export (synthesis first when needed), e.g.
     *               {@code () -> VendorFacade.export(options, tool, log)}
     * @throws ToolException the export failed, or its zip is not an IP catalog zip
     */
    public static IpResult pack(IpRequest request, Supplier<VendorExport> export, ProgressListener log) {
        Objects.requireNonNull(export, "export");
        ProgressListener listener = log == null ? ProgressListener.NONE : log;
        try {
            return new Run(request, listener, export.get()).run();
        } catch (IOException e) {
            throw discard(request, listener, failure(request, e));
        } catch (RuntimeException e) {
            throw discard(request, listener, e);
        }
    }

    private static UncheckedIOException failure(IpRequest request, IOException e) {
        return new UncheckedIOException("cannot package the IP core " + request.zipFile() + ": " + e.getMessage(), e);
    }

    /** Removes the zip (and the stamp) an earlier packaging left, so a failed one leaves no zip; returns the cause. */
    private static RuntimeException discard(IpRequest request, ProgressListener log, RuntimeException cause) {
        Path zip = request.zipFile().toAbsolutePath().normalize();
        try {
            Stamp.delete(request.projectDir().toAbsolutePath().normalize().resolve(STAMP));
            if (Files.deleteIfExists(zip)) {
                log.warn("IP core: removed " + zip + ", packaged earlier, since packaging the design again failed");
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        return cause;
    }

    /**
     * What goes into the zip.
     *
     * @param entries   entry name to content
     * @param vendor    the names of the entries taken from the vendor's export (empty for the open engine)
     * @param component the open engine's component.xml, or null
     * @param engine    {@link IpResult#engine()}
     * @param vlnv      the VLNV of the zip's component.xml
     * @param vendorZip the SHA-256 of the vendor's zip, or null
     */
    private record Contents(Map<String, byte[]> entries, Set<String> vendor, IpComponent component, String engine,
                            String vlnv, String vendorZip) {
    }

    private static final class Run {
        private final IpRequest req;
        private final ProgressListener log;
        private final VendorExport export;
        private final Path prj;
        private final List<String> leftOut = new ArrayList<>();

        /** {@code export}: the vendor's export to package, or null to package the generated Verilog. */
        Run(IpRequest req, ProgressListener log, VendorExport export) {
            this.req = req;
            this.log = log;
            this.export = export;
            this.prj = req.projectDir().toAbsolutePath().normalize();
        }

        IpResult run() throws IOException {
            ProjectManifest manifest = ProjectManifest.read(prj);
            Contents c = export == null ? open(manifest) : vendor(manifest);
            Map<String, byte[]> entries = c.entries();
            refuseAbsolutePaths(entries, c.vendor());

            String hash = inputHash(c);
            Path zip = req.zipFile().toAbsolutePath().normalize();
            Path stamp = prj.resolve(STAMP);
            List<String> names = List.copyOf(entries.keySet());
            boolean upToDate = Files.isRegularFile(zip) && Stamp.matches(stamp, hash + " " + sha256(zip));
            if (!upToDate) {
                Stamp.delete(stamp);
                writeZip(zip, entries);
                Stamp.write(stamp, hash + " " + sha256(zip));
            }
            IpResult result = new IpResult(zip, upToDate, c.engine(), c.vlnv(), c.component(), names,
                    Files.size(zip), leftOut);
            summary(result, c);
            return result;
        }

        /** The open engine's zip: component.xml, the Verilog, the HLS project, the reports. */
        private Contents open(ProjectManifest manifest) throws IOException {
            RtlFacts rtl = requireRtl(manifest);
            List<String> verilog = verilogFiles(manifest, rtl);
            String topFile = "rtl/" + rtl.top() + ".v";
            if (!verilog.contains(topFile)) {
                throw new ConfigurationException("the project " + prj + " has no " + topFile
                        + "; run hls4ml:generate again");
            }
            List<VerilogPorts.Port> ports;
            try {
                ports = VerilogPorts.parse(Files.readString(prj.resolve(topFile)), rtl.top());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("cannot read the ports of " + topFile + ": " + e.getMessage(), e);
            }
            List<String> hdl = verilog.stream().map(f -> "hdl/verilog/" + f.substring("rtl/".length())).toList();
            IpComponent component = IpComponent.of(req.vendor(), req.library(), manifest.projectName(),
                    req.version(), describe(manifest, ports), ports, hdl);
            for (IpComponent.AxisInterface s : component.streams()) {
                if (s.tdata().width() % 8 != 0) {
                    log.warn("IP core: " + s.tdata().name() + " is " + s.tdata().width() + " bits wide, not a whole"
                            + " number of bytes; Vivado's AXI4-Stream interface expects TDATA in whole bytes");
                }
            }

            Map<String, byte[]> entries = new TreeMap<>();
            entries.put("component.xml", ComponentXml.write(component));
            for (int i = 0; i < verilog.size(); i++) {
                entries.put(hdl.get(i), Files.readAllBytes(prj.resolve(verilog.get(i))));
            }
            for (String f : manifest.files()) {
                if (!f.startsWith("rtl/")) {
                    entries.put("hls/" + f, hlsFile(f));
                }
            }
            List<Path> design = new ArrayList<>();
            verilog.forEach(f -> design.add(prj.resolve(f)));
            design.add(prj.resolve(TB_INPUT));
            addReports(entries, manifest, design, "the RTL");
            return new Contents(entries, Set.of(), component, IpResult.OPEN_ENGINE, component.vlnv(), null);
        }

        /** The vendor's export zip as it is, and the reports of the HLS design it was synthesized from. */
        private Contents vendor(ProjectManifest manifest) throws IOException {
            VendorIpZip v = VendorIpZip.read(export.zip(), export.step().logFile());
            for (String name : v.entries().keySet()) {
                if (name.startsWith(REPORTS)) {
                    throw new ToolException("the vendor's IP export " + export.zip() + " holds " + name + ", where"
                            + " the project's reports go; cannot package both");
                }
            }
            String version = ExportVersion.of(req.version());
            if (ExportVersion.fallsBack(req.version())) {
                log.warn("IP core: the project version '" + req.version() + "' does not start with a number; the"
                        + " vendor packages IP version " + version + " (export_design -version takes <major>.<minor>)");
            }
            if (!v.vlnv().endsWith(":" + version)) {
                log.warn("IP core: the vendor packaged " + v.vlnv() + ", not version " + version + " (the project"
                        + " version " + req.version() + " as <major>.<minor>): project.tcl was generated for another"
                        + " version; run hls4ml:generate again");
            }
            Map<String, byte[]> entries = new TreeMap<>(v.entries());
            addReports(entries, manifest, hlsSources(manifest), "the HLS C++");
            return new Contents(entries, v.entries().keySet(), null, export.step().tool().engineName(), v.vlnv(),
                    sha256(export.zip()));
        }

        private RtlFacts requireRtl(ProjectManifest m) {
            String skip = "or skip packaging with -Dhls4ml.ip.skip";
            if (!"io_stream".equals(m.ioType())) {
                throw new ConfigurationException("without a vendor tool the IP core (hls4ml:ip) packages the generated"
                        + " Verilog of io_stream designs, and the project " + m.projectName() + " is " + m.ioType() + ": set IOType io_stream"
                        + " (<ioType>io_stream</ioType> or -Dhls4ml.ioType=io_stream), package it with the vendor"
                        + " tool (installed vivado_hls or vitis_hls, <engine> auto or vendor), " + skip);
            }
            if (m.rtl() == null) {
                throw new ConfigurationException("the project " + prj + " has no RTL design (no \"rtl\" section in "
                        + ProjectManifest.FILE + "); run hls4ml:generate again with IOType io_stream, " + skip);
            }
            if (!m.rtl().unsupported().isEmpty()) {
                throw new ConfigurationException("the IP core cannot be packaged: the RTL backend cannot express "
                        + String.join(", ", m.rtl().unsupported()) + "; change those layers, " + skip);
            }
            return m.rtl();
        }

        /** The synthesizable Verilog, in the order of {@code rtl/files.f} (dependencies first, the top last). */
        private List<String> verilogFiles(ProjectManifest m, RtlFacts rtl) throws IOException {
            Set<String> generated = new LinkedHashSet<>();
            for (String f : m.files()) {
                if (f.startsWith("rtl/") && f.endsWith(".v")) {
                    generated.add(f);
                }
            }
            List<String> ordered = new ArrayList<>();
            Path list = prj.resolve("rtl/files.f");
            if (Files.isRegularFile(list)) {
                for (String line : Files.readAllLines(list)) {
                    String f = line.trim();
                    if (generated.contains(f)) {
                        ordered.add(f);
                    }
                }
            }
            List<String> rest = new ArrayList<>(generated);
            rest.removeAll(ordered);
            rest.sort(null);
            String top = "rtl/" + rtl.top() + ".v";
            if (rest.remove(top)) {
                rest.add(top);
            }
            ordered.addAll(rest);
            for (String f : ordered) {
                if (!Files.isRegularFile(prj.resolve(f))) {
                    throw new ConfigurationException("the project " + prj + " lacks " + f
                            + " although hls4ml-project.json lists it; run hls4ml:generate again");
                }
            }
            return ordered;
        }

        private byte[] hlsFile(String f) throws IOException {
            Path p = prj.resolve(f);
            if (!Files.isRegularFile(p)) {
                throw new ConfigurationException("the project " + prj + " lacks " + f
                        + " although hls4ml-project.json lists it; run hls4ml:generate again");
            }
            byte[] bytes = Files.readAllBytes(p);
            return f.equals("hls4ml_config.yml") ? relativeConfig(bytes) : bytes;
        }

        /** The HLS C++ the C simulation compiles (and the vendor synthesizes): firmware, test bench, its inputs. */
        private List<Path> hlsSources(ProjectManifest m) {
            List<Path> sources = new ArrayList<>();
            for (String f : m.files()) {
                if (f.startsWith("firmware/") || f.equals(m.projectName() + "_test.cpp")) {
                    sources.add(prj.resolve(f));
                }
            }
            sources.add(prj.resolve(TB_INPUT));
            return sources;
        }

        /** Where a simulation log of tb_data/ goes: in the HLS project (hls/tb_data/), or reports/ beside a vendor's. */
        private String logEntry(String log) {
            return export == null ? "hls/" + log : REPORTS + log.substring(log.lastIndexOf('/') + 1);
        }

        /**
         * The simulation logs, reports/*.json and fifo_depths.json that are not older than {@code design} (what
         * {@code what} names); the C simulation's log against the HLS C++ unless the co-simulation's vouches for it.
         */
        private void addReports(Map<String, byte[]> entries, ProjectManifest m, List<Path> design, String what)
                throws IOException {
            boolean cosimFresh = false;
            if (fresh(COSIM_LOG, design, what)) {
                entries.put(logEntry(COSIM_LOG), Files.readAllBytes(prj.resolve(COSIM_LOG)));
                cosimFresh = true;
            }
            if (Files.isRegularFile(prj.resolve(CSIM_LOG))) {
                boolean vouched = cosimFresh && Files.mismatch(prj.resolve(CSIM_LOG), prj.resolve(COSIM_LOG)) == -1;
                if (vouched || fresh(CSIM_LOG, hlsSources(m), "the HLS C++")) {
                    entries.put(logEntry(CSIM_LOG), Files.readAllBytes(prj.resolve(CSIM_LOG)));
                }
            }
            Path reports = prj.resolve("reports");
            if (Files.isDirectory(reports)) {
                List<String> jsons = new ArrayList<>();
                try (var s = Files.list(reports)) {
                    s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json"))
                            .forEach(p -> jsons.add(REPORTS + p.getFileName()));
                }
                jsons.sort(null);
                for (String r : jsons) {
                    if (fresh(r, design, what)) {
                        byte[] bytes = Files.readAllBytes(prj.resolve(r));
                        entries.put(r, r.equals("reports/cosim.json") ? withoutWallClock(bytes) : bytes);
                    }
                }
            }
            if (fresh("fifo_depths.json", design, what)) {
                entries.put(REPORTS + "fifo_depths.json", Files.readAllBytes(prj.resolve("fifo_depths.json")));
            }
        }

        /** Whether {@code rel} exists and is not older than any of {@code inputs}; a stale one is recorded. */
        private boolean fresh(String rel, List<Path> inputs, String what) throws IOException {
            Path f = prj.resolve(rel);
            if (!Files.isRegularFile(f)) {
                return false;
            }
            FileTime time = Files.getLastModifiedTime(f);
            for (Path in : inputs) {
                if (Files.isRegularFile(in) && time.compareTo(Files.getLastModifiedTime(in)) < 0) {
                    String why = rel + " (older than " + prj.relativize(in).toString().replace('\\', '/') + ")";
                    leftOut.add(why);
                    log.warn("IP core: " + why + " describes an earlier version of " + what + "; not packaged."
                            + " Run the goal that writes it again (hls4ml:csim, or hls4ml:cosim with mvn verify)");
                    return false;
                }
            }
            return true;
        }

        /**
         * hls4ml_config.yml with its absolute paths replaced: InputData and OutputPredictions by the project's own
         * copies under tb_data/, any other absolute path (the model files) by its file name.
         */
        private byte[] relativeConfig(byte[] yaml) throws IOException {
            ObjectMapper mapper = new ObjectMapper(new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
            Object root = mapper.readValue(yaml, Object.class);
            boolean[] changed = {false};
            Object relative = relativize(null, root, changed);
            return changed[0] ? mapper.writeValueAsBytes(relative) : yaml;
        }

        private Object relativize(String key, Object value, boolean[] changed) {
            if (value instanceof Map<?, ?> map) {
                Map<Object, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(k, relativize(String.valueOf(k), v, changed)));
                return out;
            }
            if (value instanceof List<?> list) {
                List<Object> out = new ArrayList<>();
                list.forEach(v -> out.add(relativize(key, v, changed)));
                return out;
            }
            if (value instanceof String s && looksAbsolute(s)) {
                changed[0] = true;
                if ("InputData".equals(key)) {
                    return TB_INPUT;
                }
                if ("OutputPredictions".equals(key)) {
                    return "tb_data/tb_output_predictions.dat";
                }
                String name = s.replace('\\', '/');
                return name.substring(name.lastIndexOf('/') + 1);
            }
            return value;
        }

        private static boolean looksAbsolute(String s) {
            return s.startsWith("/") || s.startsWith("\\\\") || s.matches("[A-Za-z]:[\\\\/].*");
        }

        /** cosim.json without the figures that depend on the host's speed, so the zip is reproducible. */
        private static byte[] withoutWallClock(byte[] json) throws IOException {
            JsonNode root = JSON.readTree(json);
            if (!(root instanceof ObjectNode o) || !(o.has("simulation_seconds") || o.has("cycles_per_second"))) {
                return json;
            }
            o.remove("simulation_seconds");
            o.remove("cycles_per_second");
            return (JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8);
        }

        /**
         * Fails when an entry names the project's directory or a parent of it (a non-reproducible, leaky zip); in the
         * entries of the vendor's export, which are packaged as the vendor wrote them, that is a warning.
         */
        private void refuseAbsolutePaths(Map<String, byte[]> entries, Set<String> vendor) throws IOException {
            Set<String> forbidden = new LinkedHashSet<>();
            addAncestors(forbidden, prj);
            try {
                addAncestors(forbidden, prj.toRealPath());
            } catch (IOException e) {
                // the project directory exists (the manifest was read); a failing toRealPath only loses a spelling
            }
            String home = System.getProperty("user.home");
            if (home != null && !home.isBlank()) {
                Path h = Path.of(home).toAbsolutePath().normalize();
                if (h.getNameCount() >= 2) {
                    forbidden.add(h.toString());
                }
            }
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                String text = new String(e.getValue(), StandardCharsets.ISO_8859_1);
                String found = forbidden.stream().filter(text::contains).findFirst().orElse(null);
                if (found != null && vendor.contains(e.getKey())) {
                    log.warn("IP core: the vendor's entry " + e.getKey() + " contains the absolute path " + found
                            + "; packaged as the vendor wrote it, but the zip then depends on where it was built");
                } else if (found != null) {
                    throw new ConfigurationException("the IP core entry " + e.getKey() + " contains the absolute"
                            + " path " + found + "; it would make the zip depend on where it was built. Remove it"
                            + " from the project's files (or report the file that holds it as a bug)");
                }
            }
        }

        private static void addAncestors(Set<String> out, Path p) {
            for (Path a = p; a != null && a.getNameCount() >= 2; a = a.getParent()) {
                out.add(a.toString());
                if (!"/".equals(FileSystems.getDefault().getSeparator())) {
                    out.add(a.toString().replace(FileSystems.getDefault().getSeparator(), "/"));
                }
            }
        }

        private String inputHash(Contents c) {
            ContentHash h = new ContentHash()
                    .add("format", export == null ? FORMAT : VENDOR_FORMAT)
                    .add("zip", req.zipFile().toAbsolutePath().normalize().toString())
                    .add("timestamp", req.timestamp().toString());
            if (export != null) {
                h.add("engine", c.engine()).add("vendor zip", c.vendorZip());
            }
            for (Map.Entry<String, byte[]> e : c.entries().entrySet()) {
                h.add(e.getKey());
                h.add(HexFormat.of().formatHex(sha256(e.getValue())));
            }
            return h.hex();
        }

        private void writeZip(Path zip, Map<String, byte[]> entries) throws IOException {
            Files.createDirectories(zip.getParent());
            Path tmp = Files.createTempFile(zip.getParent(), "." + zip.getFileName() + ".", ".tmp");
            try {
                LocalDateTime time = LocalDateTime.ofInstant(req.timestamp(), ZoneOffset.UTC);
                try (OutputStream file = Files.newOutputStream(tmp);
                     ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(file, 1 << 16))) {
                    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                        ZipEntry z = new ZipEntry(e.getKey());
                        // DOS date/time fields only: no extended-timestamp extra field, no time zone involved
                        z.setTimeLocal(time);
                        z.setMethod(ZipEntry.DEFLATED);
                        out.putNextEntry(z);
                        out.write(e.getValue());
                        out.closeEntry();
                    }
                }
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the default permissions stay
                }
                FileWriting.moveIntoPlace(tmp, zip);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }

        private String describe(ProjectManifest m, List<VerilogPorts.Port> ports) {
            return m.projectName() + ": neural network (" + m.inputSize() + " inputs, " + m.outputSize()
                    + " outputs) as AXI4-Stream RTL, generated by hls4ml-maven-plugin from an hls4ml "
                    + m.backend() + " " + m.ioType() + " project";
        }

        private void summary(IpResult r, Contents contents) throws IOException {
            long reports = r.entries().stream().filter(e -> e.startsWith(REPORTS)).count();
            if (r.upToDate()) {
                log.info("IP core " + r.zipFile() + " is up to date (same design, reports and settings); not"
                        + " rewritten");
            }
            String what;
            if (export != null) {
                what = String.format(Locale.ROOT, "packaged by %s (export_design -format ip_catalog): %d entries (%d"
                        + " of the vendor's %s, %d reports)", r.engine(), r.entries().size(), contents.vendor().size(),
                        prj.relativize(export.zip()).toString().replace('\\', '/'), reports);
            } else {
                long hdl = r.entries().stream().filter(e -> e.startsWith("hdl/")).count();
                long hls = r.entries().stream().filter(e -> e.startsWith("hls/")).count();
                what = String.format(Locale.ROOT, "packaged by the open engine from the generated Verilog: %d entries"
                        + " (component.xml, %d Verilog files under hdl/verilog, %d HLS project files under hls/, %d"
                        + " reports)", r.entries().size(), hdl, hls, reports);
            }
            log.info(String.format(Locale.ROOT, "IP core %s, %s, %.1f kB%s %s", r.vlnv(), what, r.size() / 1024.0,
                    r.upToDate() ? " in" : " ->", r.zipFile()));
            if (export != null) {
                log.info("  IP version " + ExportVersion.of(req.version()) + " (export_design -version): the project"
                        + " version " + req.version() + " as <major>.<minor>; vendor export log "
                        + prj.relativize(export.step().logFile()).toString().replace('\\', '/'));
                return;
            }
            IpComponent c = r.component();
            List<String> streams = new ArrayList<>();
            for (IpComponent.AxisInterface s : c.streams()) {
                streams.add((s.slave() ? "in " : "out ") + s.name() + " (" + s.tdata().width() + " bits)");
            }
            log.info("  AXI4-Stream " + String.join(", ", streams) + "; clock " + c.clock().name()
                    + ", reset " + c.reset().name() + " (active low)");
            Path cosim = prj.resolve("reports/cosim.json");
            if (r.entries().contains("reports/cosim.json")) {
                JsonNode j = JSON.readTree(cosim.toFile());
                log.info(String.format(Locale.ROOT, "  co-simulation: latency %d cycles, interval %s cycles,"
                                + " %d samples (reports/cosim.json)", j.path("latency_cycles").asLong(),
                        j.path("interval_cycles").asText(), j.path("samples").asLong()));
            } else {
                log.info("  no co-simulation report packaged yet (hls4ml:cosim runs in integration-test: mvn verify)");
            }
            if (r.entries().contains("reports/resources.json")) {
                JsonNode t = JSON.readTree(prj.resolve("reports/resources.json").toFile()).path("total");
                log.info(String.format(Locale.ROOT, "  resources (yosys estimate, reports/resources.json): LUT %d,"
                                + " FF %d, BRAM18 %d, DSP %d", t.path("lut").asLong(), t.path("ff").asLong(),
                        t.path("bram18").asLong() + 2 * t.path("bram36").asLong(), t.path("dsp").asLong()));
            }
        }
    }

    static byte[] sha256(byte[] bytes) {
        return digest().digest(bytes);
    }

    static String sha256(Path file) throws IOException {
        MessageDigest d = digest();
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                d.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
