package org.hls4ml.vendor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the vendor tools put their results inside a generated project ({@code <project>_prj/solution1/...}, the
 * names {@code build_prj.tcl} chooses) and where this plugin puts its own.
 *
 * @param dir  the generated project ({@code outputDirectory/<ProjectName>})
 * @param name the project name (top function)
 */
public record VendorProject(Path dir, String name) {

    /** {@code <project>_prj/solution1}. */
    public Path solution() {
        return dir.resolve(name + "_prj").resolve("solution1");
    }

    /** The synthesis report: {@code <project>_prj/solution1/syn/report/<project>_csynth.xml}. */
    public Path csynthXml() {
        return solution().resolve("syn").resolve("report").resolve(name + "_csynth.xml");
    }

    /** {@code reports/csynth.json}, the summary of {@link #csynthXml()}. */
    public Path csynthJson() {
        return dir.resolve("reports").resolve("csynth.json");
    }

    /** {@code tb_data/csim_results.log}. */
    public Path csimResults() {
        return dir.resolve("tb_data").resolve("csim_results.log");
    }

    /** {@code tb_data/rtl_cosim_results.log}. */
    public Path cosimResults() {
        return dir.resolve("tb_data").resolve("rtl_cosim_results.log");
    }

    /** Vivado HLS's FIFO profile ({@code fifo_opt=1}): {@code solution1/sim/verilog/fifo_opt.vcd}. */
    public Path fifoVcd() {
        return solution().resolve("sim").resolve("verilog").resolve("fifo_opt.vcd");
    }

    /** Vitis HLS's FIFO profile: {@code solution1/.autopilot/db/channel_depth_info/channel.zip}. */
    public Path channelZip() {
        return solution().resolve(".autopilot").resolve("db").resolve("channel_depth_info").resolve("channel.zip");
    }

    /** What {@code export_design} writes: {@code solution1/impl}. */
    public Path impl() {
        return solution().resolve("impl");
    }

    /** The IP catalog folder {@code solution1/impl/ip} ({@code component.xml} and the packaged zip). */
    public Path ipDir() {
        return impl().resolve("ip");
    }

    /**
     * The packaged IP: {@code solution1/impl/export.zip} (Vitis HLS) or the zip inside {@code solution1/impl/ip}
     * (Vivado HLS: {@code xilinx_com_hls_<project>_1_0.zip}), whichever exists.
     */
    public Optional<Path> exportZip() {
        Path vitis = impl().resolve("export.zip");
        if (Files.isRegularFile(vitis)) {
            return Optional.of(vitis);
        }
        if (!Files.isDirectory(ipDir())) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(ipDir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".zip") && Files.isRegularFile(p)).sorted()
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
