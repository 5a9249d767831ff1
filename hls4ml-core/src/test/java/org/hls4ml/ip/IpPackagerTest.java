package org.hls4ml.ip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.GenerateRequest;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.testing.SharedData;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IP core zip of the verified KERAS_3layer io_stream project: content, reproducibility, incrementality. */
class IpPackagerTest {

    static final Instant T2026 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    static IpRequest request(Path prj, Path zip, Instant time) {
        return new IpRequest(prj, zip, "org.example", "hls4ml", "1.0.0", time);
    }

    /** Entry name to bytes, in the zip's order. */
    static Map<String, byte[]> read(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(zip)))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    @Test
    void holdsTheVerilogTheHlsProjectAndTheReports() throws IOException {
        Path prj = IpTestProjects.keras3layer();
        IpResult r = Hls4ml.ip(request(prj, tmp.resolve("ip.zip"), T2026), ProgressListener.NONE);
        assertFalse(r.upToDate());
        assertTrue(r.leftOut().isEmpty(), r.leftOut().toString());
        Map<String, byte[]> zip = read(r.zipFile());
        assertEquals(r.entries(), List.copyOf(zip.keySet()));

        // hdl/verilog: exactly the project's synthesizable Verilog, byte for byte
        Set<String> rtl;
        try (var s = Files.list(prj.resolve("rtl"))) {
            rtl = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".v"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(12, rtl.size(), "fifo, top, one module per layer and activation, the softmax's exp and inverse"
                + " ROMs: " + rtl);
        Set<String> hdl = zip.keySet().stream().filter(n -> n.startsWith("hdl/"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(rtl.stream().map(n -> "hdl/verilog/" + n).collect(Collectors.toCollection(TreeSet::new)), hdl);
        for (String n : rtl) {
            assertArrayEquals(Files.readAllBytes(prj.resolve("rtl/" + n)), zip.get("hdl/verilog/" + n), n);
        }
        assertTrue(zip.keySet().stream().noneMatch(n -> n.contains("tb_main") || n.endsWith("files.f")
                || n.startsWith("hls/rtl/") || n.contains("/build/") || n.startsWith("hls/build/") || n.contains(".hls4ml/")),
                zip.keySet().toString());

        for (String f : List.of("component.xml", "hls/build_prj.tcl", "hls/project.tcl", "hls/vivado_synth.tcl",
                "hls/myproject_test.cpp", "hls/hls4ml_config.yml", "hls/hls4ml-project.json",
                "hls/firmware/myproject.cpp", "hls/firmware/myproject.h", "hls/firmware/parameters.h",
                "hls/firmware/defines.h", "hls/firmware/weights/w2.h", "hls/firmware/nnet_utils/nnet_dense_stream.h",
                "hls/firmware/ap_types/ap_fixed.h", "hls/tb_data/tb_input_features.dat",
                "hls/tb_data/tb_output_predictions.dat", "hls/tb_data/csim_results.log",
                "hls/tb_data/rtl_cosim_results.log", "reports/cosim.json")) {
            assertTrue(zip.containsKey(f), f + " in " + zip.keySet());
        }
        assertArrayEquals(Files.readAllBytes(prj.resolve("firmware/myproject.cpp")), zip.get("hls/firmware/myproject.cpp"));
        assertArrayEquals(Files.readAllBytes(prj.resolve("tb_data/rtl_cosim_results.log")),
                zip.get("hls/tb_data/rtl_cosim_results.log"));
        assertEquals(IpTestProjects.SAMPLES, new String(zip.get("hls/tb_data/csim_results.log"),
                StandardCharsets.UTF_8).lines().count());

        // the packaged co-simulation report keeps the cycles and drops the host's wall-clock figures
        String cosim = new String(zip.get("reports/cosim.json"), StandardCharsets.UTF_8);
        assertTrue(cosim.contains("\"latency_cycles\""), cosim);
        assertTrue(cosim.contains("\"interval_cycles\""), cosim);
        assertFalse(cosim.contains("simulation_seconds") || cosim.contains("cycles_per_second"), cosim);
        assertTrue(Files.readString(prj.resolve("reports/cosim.json")).contains("simulation_seconds"),
                "the project's own report is left as it is");
        assertEquals(Files.size(r.zipFile()), r.size());
    }

    @Test
    void theSameProjectTwiceGivesByteIdenticalZipsWhateverTheTimeZone() throws IOException {
        Path prj = IpTestProjects.keras3layer();
        Path a = Hls4ml.ip(request(prj, tmp.resolve("a/ip.zip"), T2026), ProgressListener.NONE).zipFile();
        TimeZone saved = TimeZone.getDefault();
        Path b;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            b = Hls4ml.ip(request(prj, tmp.resolve("b/other-name.zip"), T2026), ProgressListener.NONE).zipFile();
        } finally {
            TimeZone.setDefault(saved);
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void entriesAreSortedAndCarryTheTimestampWithConstantAttributesAndNoExtraFields() throws IOException {
        Path prj = IpTestProjects.keras3layer();
        Path a = Hls4ml.ip(request(prj, tmp.resolve("a.zip"), T2026), ProgressListener.NONE).zipFile();
        Path b = Hls4ml.ip(request(prj, tmp.resolve("b.zip"), IpRequest.DEFAULT_TIMESTAMP), ProgressListener.NONE)
                .zipFile();
        assertFalse(Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)), "the timestamp is in the bytes");

        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(a))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
                assertEquals(LocalDateTime.ofInstant(T2026, ZoneOffset.UTC), e.getTimeLocal(), e.getName());
                assertEquals(null, e.getExtra(), e.getName());
            }
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        assertEquals(sorted, names);
        assertEquals(names.size(), new LinkedHashSet<>(names).size());

        // the central directory: one "version made by", external attributes 0, no extra field, no comment
        List<CentralEntry> central = centralDirectory(Files.readAllBytes(a));
        assertEquals(names, central.stream().map(CentralEntry::name).toList());
        for (CentralEntry c : central) {
            assertEquals(central.get(0).madeBy(), c.madeBy(), c.name());
            assertEquals(0, c.externalAttributes(), c.name());
            assertEquals(0, c.extraLength(), c.name());
            assertEquals(0, c.commentLength(), c.name());
            assertEquals(c.dosTime(), central.get(0).dosTime());
        }
    }

    record CentralEntry(String name, int madeBy, int dosTime, int extraLength, int commentLength,
                        long externalAttributes) {
    }

    /** Reads the central directory records (signature 0x02014b50) straight from the bytes. */
    static List<CentralEntry> centralDirectory(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = zip.length - 22;
        while (b.getInt(eocd) != 0x06054b50) {
            eocd--;
        }
        int offset = b.getInt(eocd + 16);
        int count = Short.toUnsignedInt(b.getShort(eocd + 10));
        List<CentralEntry> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            assertEquals(0x02014b50, b.getInt(offset));
            int nameLength = Short.toUnsignedInt(b.getShort(offset + 28));
            int extra = Short.toUnsignedInt(b.getShort(offset + 30));
            int comment = Short.toUnsignedInt(b.getShort(offset + 32));
            String name = new String(zip, offset + 46, nameLength, StandardCharsets.UTF_8);
            out.add(new CentralEntry(name, Short.toUnsignedInt(b.getShort(offset + 4)), b.getInt(offset + 12), extra,
                    comment, Integer.toUnsignedLong(b.getInt(offset + 38))));
            offset += 46 + nameLength + extra + comment;
        }
        return out;
    }

    @Test
    void noEntryNamesTheBuildMachine() throws IOException {
        Path prj = IpTestProjects.keras3layer();
        Map<String, byte[]> zip = read(Hls4ml.ip(request(prj, tmp.resolve("ip.zip"), T2026), ProgressListener.NONE)
                .zipFile());
        Set<String> forbidden = new LinkedHashSet<>();
        for (Path p : List.of(prj.toAbsolutePath(), prj.toRealPath(), Path.of("").toAbsolutePath(),
                SharedData.dir().toAbsolutePath().normalize(), tmp.toAbsolutePath())) {
            for (Path a = p; a != null && a.getNameCount() >= 2; a = a.getParent()) {
                forbidden.add(a.toString());
            }
        }
        String home = System.getProperty("user.home");
        if (Path.of(home).getNameCount() >= 2) {
            forbidden.add(home);
        }
        String host = InetAddress.getLocalHost().getHostName();
        Pattern hostWord = Pattern.compile("(?<![A-Za-z0-9_.-])" + Pattern.quote(host) + "(?![A-Za-z0-9_-])");
        for (Map.Entry<String, byte[]> e : zip.entrySet()) {
            String text = new String(e.getValue(), StandardCharsets.ISO_8859_1);
            for (String f : forbidden) {
                assertFalse(text.contains(f), e.getKey() + " contains " + f);
            }
            assertFalse(hostWord.matcher(text).find(), e.getKey() + " contains the host name " + host);
        }
        // the project's own config holds the absolute test bench paths; the packaged one points at tb_data/
        assertTrue(Files.readString(prj.resolve("hls4ml_config.yml")).contains(prj.getParent().getParent().toString()));
        String yml = new String(zip.get("hls/hls4ml_config.yml"), StandardCharsets.UTF_8);
        assertTrue(yml.contains("InputData: \"tb_data/tb_input_features.dat\""), yml);
        assertTrue(yml.contains("OutputPredictions: \"tb_data/tb_output_predictions.dat\""), yml);
        assertTrue(yml.contains("Precision: \"ap_fixed<16,6>\""), yml);
    }

    @Test
    void aSecondRunWithTheSameInputsDoesNotRewriteTheZip() throws IOException {
        Path prj = IpTestProjects.copy(IpTestProjects.keras3layer(), tmp.resolve("prj"));
        Path zip = tmp.resolve("target/ip.zip");
        IpResult first = Hls4ml.ip(request(prj, zip, T2026), ProgressListener.NONE);
        assertFalse(first.upToDate());
        FileTime written = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(zip, written);

        List<String> log = new ArrayList<>();
        IpResult second = Hls4ml.ip(request(prj, zip, T2026), listener(log));
        assertTrue(second.upToDate());
        assertEquals(written, Files.getLastModifiedTime(zip), "not rewritten");
        assertEquals(first.entries(), second.entries());
        assertTrue(log.stream().anyMatch(l -> l.contains("is up to date")), log.toString());

        // a setting changes the bytes
        IpResult vendor = Hls4ml.ip(new IpRequest(prj, zip, "org.other", "hls4ml", "1.0.0", T2026),
                ProgressListener.NONE);
        assertFalse(vendor.upToDate());
        assertTrue(new String(read(zip).get("component.xml"), StandardCharsets.UTF_8)
                .contains("<spirit:vendor>org.other</spirit:vendor>"));
        // so does a changed design file
        Files.writeString(prj.resolve("firmware/parameters.h"), "// changed\n", java.nio.file.StandardOpenOption.APPEND);
        assertFalse(Hls4ml.ip(new IpRequest(prj, zip, "org.other", "hls4ml", "1.0.0", T2026), ProgressListener.NONE)
                .upToDate());
        // and a zip that is not what was written (damaged, replaced) is rewritten
        Files.write(zip, new byte[] {1, 2, 3});
        IpResult repaired = Hls4ml.ip(new IpRequest(prj, zip, "org.other", "hls4ml", "1.0.0", T2026),
                ProgressListener.NONE);
        assertFalse(repaired.upToDate());
        assertEquals(repaired.entries(), List.copyOf(read(zip).keySet()));
        assertNoTemporaryFiles(zip.getParent());
    }

    @Test
    void reportsOlderThanTheDesignAreLeftOutWithAWarning() throws IOException {
        Path prj = IpTestProjects.copy(IpTestProjects.keras3layer(), tmp.resolve("prj"));
        // the RTL changed after the co-simulation (as after a regeneration without hls4ml:cosim)
        Path top = prj.resolve("rtl/myproject.v");
        Files.setLastModifiedTime(top, FileTime.from(Files.getLastModifiedTime(prj.resolve("reports/cosim.json"))
                .toInstant().plusSeconds(60)));
        List<String> log = new ArrayList<>();
        IpResult r = Hls4ml.ip(request(prj, tmp.resolve("ip.zip"), T2026), listener(log));
        assertFalse(r.entries().contains("reports/cosim.json"), r.entries().toString());
        assertFalse(r.entries().contains("hls/tb_data/rtl_cosim_results.log"));
        assertTrue(r.entries().contains("hls/tb_data/csim_results.log"), "the C++ did not change");
        assertEquals(List.of("tb_data/rtl_cosim_results.log (older than rtl/myproject.v)",
                "reports/cosim.json (older than rtl/myproject.v)"), r.leftOut());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN") && l.contains("reports/cosim.json")
                && l.contains("not packaged")), log.toString());
    }

    @Test
    void theSummaryNamesTheZipTheInterfacesTheCyclesAndTheResources() throws IOException {
        Path prj = IpTestProjects.copy(IpTestProjects.keras3layer(), tmp.resolve("prj"));
        Files.writeString(prj.resolve("reports/resources.json"), "{\"method\": \"estimate\", \"top\": \"myproject\","
                + " \"total\": {\"lut\": 1234, \"ff\": 567, \"bram18\": 1, \"bram36\": 2, \"dsp\": 3}}\n");
        List<String> log = new ArrayList<>();
        IpResult r = Hls4ml.ip(request(prj, tmp.resolve("ip.zip"), T2026), listener(log));
        assertTrue(r.entries().contains("reports/resources.json"));
        String all = String.join("\n", log);
        assertTrue(all.contains("IP core org.example:hls4ml:myproject:1.0.0, packaged by the open engine from the"
                + " generated Verilog: " + r.entries().size() + " entries"), all);
        assertEquals(IpResult.OPEN_ENGINE, r.engine());
        assertEquals("org.example:hls4ml:myproject:1.0.0", r.vlnv());
        assertTrue(all.contains(r.zipFile().toString()), all);
        assertTrue(all.contains("AXI4-Stream in input_1 (256 bits), out layer9_out (80 bits)"), all);
        assertTrue(all.contains("co-simulation: latency "), all);
        assertTrue(all.contains("LUT 1234, FF 567, BRAM18 5, DSP 3"), all);
    }

    @Test
    void ioParallelIsRefusedNamingTheSettingAndTheSkipProperty() {
        GenerateRequest request = GenerateRequest.builder()
                .model(SharedData.model("keras/KERAS_1layer.json"))
                .weights(SharedData.model("keras/KERAS_1layer_weights.h5"))
                .outputDirectory(tmp.resolve("out")).ioType("io_parallel").build();
        Path prj = Hls4ml.generate(request, ProgressListener.NONE).projectDir();
        Path zip = tmp.resolve("ip.zip");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Hls4ml.ip(request(prj, zip, T2026), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("io_parallel"), e.getMessage());
        assertTrue(e.getMessage().contains("set IOType io_stream"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dhls4ml.ip.skip"), e.getMessage());
        assertTrue(e.getMessage().contains("package it with the vendor tool"), e.getMessage());
        assertFalse(Files.exists(zip));
    }

    @Test
    void aMissingProjectSaysToRunGenerate() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Hls4ml.ip(request(tmp.resolve("nothing"), tmp.resolve("ip.zip"), T2026), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("hls4ml:generate"), e.getMessage());
    }

    @Test
    void aBadVendorFailsByNameAndLeavesThePreviousZipAlone() throws IOException {
        Path prj = IpTestProjects.keras3layer();
        Path zip = tmp.resolve("ip.zip");
        Hls4ml.ip(request(prj, zip, T2026), ProgressListener.NONE);
        byte[] before = Files.readAllBytes(zip);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Hls4ml.ip(
                new IpRequest(prj, zip, "my <vendor>", "hls4ml", "1.0.0", T2026), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("vendor 'my <vendor>'") && e.getMessage().contains("-Dhls4ml.ip.vendor"),
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(zip));
        assertNoTemporaryFiles(tmp);
    }

    @Test
    void outputTimestampIsReadAsMavenWritesIt() {
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), IpRequest.parseTimestamp("2026-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), IpRequest.parseTimestamp("2026-01-01T01:00:00+01:00"));
        assertEquals(Instant.ofEpochSecond(1767225600L), IpRequest.parseTimestamp("1767225600"));
        for (String unset : new String[] {null, "", " ", "a", "${project.build.outputTimestamp}"}) {
            assertEquals(IpRequest.DEFAULT_TIMESTAMP, IpRequest.parseTimestamp(unset), String.valueOf(unset));
        }
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> IpRequest.parseTimestamp("yesterday"));
        assertTrue(e.getMessage().contains("project.build.outputTimestamp"), e.getMessage());
        assertNotEquals(IpRequest.DEFAULT_TIMESTAMP, T2026);
    }

    static void assertNoTemporaryFiles(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            List<Path> tmp = s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertTrue(tmp.isEmpty(), tmp.toString());
        }
    }

    static ProgressListener listener(List<String> log) {
        return new ProgressListener() {
            @Override
            public synchronized void info(String msg) {
                log.add("INFO " + msg);
            }

            @Override
            public synchronized void warn(String msg) {
                log.add("WARN " + msg);
            }
        };
    }
}
