package org.hls4ml.vendor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.api.ToolException;
import org.hls4ml.ip.IpPackager;
import org.hls4ml.ip.IpRequest;
import org.hls4ml.ip.IpResult;
import org.hls4ml.testing.RecordingListener;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hls4ml:ip with a vendor tool ({@link Hls4ml#ip(IpRequest, VendorOptions, ProgressListener)}): the attached zip is
 * the vendor's {@code export_design -format ip_catalog} zip plus the project's reports, re-zipped reproducibly. The
 * vendor programs are the tclsh stand-ins ({@link StandIn}) running the generated build_prj.tcl.
 */
class VendorIpTest {

    static final Instant T2026 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path out;

    /** An environment whose only HLS program is the stand-in {@code program} in $XILINX_HLS/bin. */
    Map<String, String> xilinxHls(String program, Map<String, String> standinEnv) throws IOException {
        StandIn.create(out.resolve("xilinx/bin"), program, standinEnv);
        return Map.of("PATH", Files.createDirectories(out.resolve("emptybin")).toString(),
                "XILINX_HLS", out.resolve("xilinx").toString());
    }

    IpRequest request(Path prj, String version) {
        return new IpRequest(prj, out.resolve("target/myproject-" + version + "-ip.zip"), "org.example", "hls4ml",
                version, T2026);
    }

    /** Entry name to bytes, in the zip's order. */
    static Map<String, byte[]> read(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(zip)))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    @Test
    void theZipIsTheVendorsExportPlusTheReports() throws Exception {
        Path prj = StandIn.generate(out, "Vivado", "io_stream", false, "2.3.4-SNAPSHOT");
        VendorOptions v = new VendorOptions(prj, Engine.AUTO, null, VendorFacadeTest.MINUTE,
                xilinxHls("vivado_hls", Map.of()));
        Hls4ml.csim(VendorFacadeTest.csimOptions(prj), v, ProgressListener.NONE);
        Hls4ml.cosim(VendorFacadeTest.cosimOptions(prj), v, ProgressListener.NONE);
        RecordingListener log = new RecordingListener();

        IpResult r = Hls4ml.ip(request(prj, "2.3.4-SNAPSHOT"), v, log);

        // the export step ran with export=1 and the project version as <major>.<minor>
        List<List<String>> calls = StandIn.toolCalls(prj);
        assertEquals(VendorStep.EXPORT.options(), calls.get(calls.size() - 1).get(3));
        assertTrue(VendorStep.EXPORT.options().contains(" export=1 "));
        assertTrue(StandIn.calls(prj).contains("export_design -format ip_catalog -version 2.3"),
                StandIn.calls(prj).toString());
        Path vendorZip = prj.resolve("myproject_prj/solution1/impl/ip/xilinx_com_hls_myproject_2_3.zip");
        Map<String, byte[]> vendor = read(vendorZip);

        // the vendor's entries, byte for byte, plus the reports; sorted, dated the timestamp, no extra fields
        assertFalse(r.upToDate());
        assertEquals("vivado_hls", r.engine());
        assertEquals("xilinx.com:hls:myproject:2.3", r.vlnv());
        assertNull(r.component());
        TreeSet<String> expected = new TreeSet<>(vendor.keySet());
        expected.addAll(List.of("reports/csim_results.log", "reports/rtl_cosim_results.log", "reports/csynth.json"));
        Map<String, byte[]> zip = read(r.zipFile());
        assertEquals(List.copyOf(expected), List.copyOf(zip.keySet()));
        assertEquals(r.entries(), List.copyOf(zip.keySet()));
        assertTrue(vendor.keySet().containsAll(List.of("component.xml", "hdl/verilog/myproject.v", "xgui/",
                "xgui/myproject_v2_3.tcl")), vendor.keySet().toString());
        vendor.forEach((name, bytes) -> assertArrayEquals(bytes, zip.get(name), name));
        assertArrayEquals(Files.readAllBytes(prj.resolve("tb_data/csim_results.log")),
                zip.get("reports/csim_results.log"));
        assertArrayEquals(Files.readAllBytes(prj.resolve("tb_data/rtl_cosim_results.log")),
                zip.get("reports/rtl_cosim_results.log"));
        assertArrayEquals(Files.readAllBytes(prj.resolve("reports/csynth.json")), zip.get("reports/csynth.json"));
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(r.zipFile()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                assertEquals(LocalDateTime.ofInstant(T2026, ZoneOffset.UTC), e.getTimeLocal(), e.getName());
                assertNull(e.getExtra(), e.getName());
            }
        }
        String all = String.join("\n", log.lines);
        assertTrue(all.contains("IP core xilinx.com:hls:myproject:2.3, packaged by vivado_hls (export_design -format"
                + " ip_catalog): " + zip.size() + " entries (" + vendor.size() + " of the vendor's"
                + " myproject_prj/solution1/impl/ip/xilinx_com_hls_myproject_2_3.zip, 3 reports)"), all);
        assertTrue(all.contains("IP version 2.3 (export_design -version): the project version 2.3.4-SNAPSHOT"), all);
        assertFalse(all.contains("WARN"), all);

        // nothing changed: neither the vendor tool nor the zip is touched
        int runs = StandIn.toolCalls(prj).size();
        assertTrue(Hls4ml.ip(request(prj, "2.3.4-SNAPSHOT"), v, ProgressListener.NONE).upToDate());
        assertEquals(runs, StandIn.toolCalls(prj).size());

        // a new export (other bytes: the stand-in dates its entries and comments its archive) packages the same bytes
        byte[] first = Files.readAllBytes(r.zipFile());
        byte[] firstVendor = Files.readAllBytes(vendorZip);
        Files.delete(r.zipFile());
        Files.delete(prj.resolve(".hls4ml/vendor/export.sha256"));
        IpResult again = Hls4ml.ip(request(prj, "2.3.4-SNAPSHOT"), v, ProgressListener.NONE);
        assertEquals(runs + 1, StandIn.toolCalls(prj).size(), "the export ran again, the synthesis did not");
        assertFalse(Arrays.equals(firstVendor, Files.readAllBytes(vendorZip)));
        assertFalse(again.upToDate());
        assertArrayEquals(first, Files.readAllBytes(again.zipFile()));
    }

    @Test
    void aFailingExportFailsWithItsLogAndLeavesNoZip() throws Exception {
        Path prj = StandIn.generate(out, "Vivado", "io_parallel", false);
        VendorOptions ok = new VendorOptions(prj, Engine.VENDOR, null, VendorFacadeTest.MINUTE,
                xilinxHls("vivado_hls", Map.of()));
        IpResult r = Hls4ml.ip(request(prj, "1.0.0"), ok, ProgressListener.NONE);
        assertEquals("xilinx.com:hls:myproject:1.0", r.vlnv(), "the vendor packages io_parallel designs too");
        assertTrue(Files.isRegularFile(r.zipFile()));

        VendorOptions failing = new VendorOptions(prj, Engine.VENDOR, null, VendorFacadeTest.MINUTE,
                xilinxHls("vivado_hls", Map.of("STANDIN_EXIT", "export_design")));
        Files.delete(prj.resolve(".hls4ml/vendor/export.sha256"));
        RecordingListener log = new RecordingListener();
        ToolException e = assertThrows(ToolException.class, () -> Hls4ml.ip(request(prj, "1.0.0"), failing, log));
        assertTrue(e.getMessage().startsWith("vendor export failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("(full log: " + prj.resolve("build/vendor/export.log") + ")"),
                e.getMessage());
        assertTrue(e.getMessage().contains("stand-in export_design: simulated failure"), e.getMessage());
        assertFalse(Files.exists(r.zipFile()), "the zip of the earlier packaging is gone");
        assertFalse(Files.exists(prj.resolve(IpPackager.STAMP)));
        try (var files = Files.list(r.zipFile().getParent())) {
            assertEquals(List.of(), files.toList(), "no temporary file either");
        }
        assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("WARN IP core: removed " + r.zipFile())),
                log.lines.toString());
    }

    @Test
    void vitisHlsExportZipIsPackaged() throws Exception {
        Path prj = StandIn.generate(out, "Vitis", "io_stream", false);
        VendorOptions v = new VendorOptions(prj, Engine.VENDOR, null, VendorFacadeTest.MINUTE,
                xilinxHls("vitis_hls", Map.of()));
        IpResult r = Hls4ml.ip(request(prj, "1.0.0"), v, ProgressListener.NONE);
        assertEquals("vitis_hls", r.engine());
        TreeSet<String> expected = new TreeSet<>(read(prj.resolve("myproject_prj/solution1/impl/export.zip")).keySet());
        expected.add("reports/csynth.json");
        assertEquals(List.copyOf(expected), r.entries());
    }

    @Test
    void engineOpenIgnoresTheVendorTool() throws Exception {
        Path prj = StandIn.generate(out, "Vivado", "io_stream", false);
        VendorOptions v = new VendorOptions(prj, Engine.OPEN, null, VendorFacadeTest.MINUTE,
                xilinxHls("vivado_hls", Map.of()));
        IpResult r = Hls4ml.ip(request(prj, "1.0.0"), v, ProgressListener.NONE);
        assertEquals(IpResult.OPEN_ENGINE, r.engine());
        assertEquals("org.example:hls4ml:myproject:1.0.0", r.vlnv());
        assertTrue(r.entries().contains("hdl/verilog/myproject.v") && r.entries().contains("hls/build_prj.tcl"),
                r.entries().toString());
        assertEquals(List.of(), StandIn.toolCalls(prj));
        assertFalse(Files.exists(prj.resolve("build/vendor")));
    }
}
