package org.hls4ml.fifo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.hls4ml.api.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vendor FIFO profiles, in the formats the tools write: an xsim VCD of each FIFO instance's usedw and DEPTH
 * (Vivado HLS, one FIFO per array element of a stream), and Vitis HLS's channel.zip with channel_info.csv and
 * chan_status*.csv files.
 */
class VendorFifoProfileTest {

    @TempDir
    Path dir;

    /** Two streams of arrays (two elements each, Vivado HLS naming) and a decoy whose name extends another's. */
    static final String VCD = """
            $date
              Mon Nov 23 10:00:00 2026
            $end
            $version
              Vivado Simulator 2020.1
            $end
            $timescale
              1ps
            $end
            $scope module apatb_myproject_top $end
            $scope module AESL_inst_myproject $end
            $scope module layer2_out_V_data_0_V_U $end
            $var wire 17 ! usedw [16:0] $end
            $var parameter 32 " DEPTH [31:0] $end
            $upscope $end
            $scope module layer2_out_V_data_1_V_U $end
            $var wire 17 # usedw [16:0] $end
            $var parameter 32 $ DEPTH [31:0] $end
            $upscope $end
            $scope module layer21_out_V_data_0_V_U $end
            $var wire 17 % usedw [16:0] $end
            $upscope $end
            $scope module layer3_out_V_data_0_V_U $end
            $var wire 17 & usedw [16:0]
             $end
            $var wire 1 ' full_n $end
            $upscope $end
            $upscope $end
            $upscope $end
            $enddefinitions $end
            #0
            $dumpvars
            bxxxxxxxxxxxxxxxxx !
            b11000011010100000 "
            b0 #
            b11000011010100000 $
            b0 %
            b0 &
            1'
            $end
            #1000
            b1 !
            b11 #
            b1111111 %
            b10 &
            0'
            #2000
            b10 !
            b1 #
            b0 &
            #3000
            b0 !
            """;

    @Test
    void vivadoVcdGivesEachInstancesMaximumAndDepth() throws IOException {
        Path vcd = Files.writeString(dir.resolve("fifo_opt.vcd"), VCD);
        Map<String, VendorFifoProfile.Measured> m = VendorFifoProfile.readVcd(vcd);
        assertEquals(new VendorFifoProfile.Measured(2, 100000), m.get("layer2_out_V_data_0_V_U"));
        assertEquals(new VendorFifoProfile.Measured(3, 100000), m.get("layer2_out_V_data_1_V_U"));
        assertEquals(new VendorFifoProfile.Measured(127, 0), m.get("layer21_out_V_data_0_V_U"));
        assertEquals(new VendorFifoProfile.Measured(2, 0), m.get("layer3_out_V_data_0_V_U"));
        assertEquals(4, m.size(), m.toString());

        // per stream: the maximum over its elements; layer2_out does not take layer21_out's 127
        Map<String, Integer> streams = VendorFifoProfile.assign(m, List.of("layer2_out", "layer3_out"), "fifo_opt.vcd");
        assertEquals(Map.of("layer2_out", 3, "layer3_out", 2), streams);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> VendorFifoProfile.assign(m, List.of("layer2_out", "layer4_out"), "fifo_opt.vcd"));
        assertTrue(e.getMessage().contains("layer4_out") && e.getMessage().contains("fifo_opt.vcd"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAVcdIsRefused() throws IOException {
        Path bad = Files.writeString(dir.resolve("x.vcd"), "hello\n#10\n");
        IOException e = assertThrows(IOException.class, () -> VendorFifoProfile.readVcd(bad));
        assertTrue(e.getMessage().contains("x.vcd"), e.getMessage());
    }

    static void zip(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(os)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
    }

    @Test
    void vitisChannelProfileFromTheZipOrBesideIt() throws IOException {
        Path db = Files.createDirectories(dir.resolve("myproject_prj/solution1/.autopilot/db/channel_depth_info"));
        String info = """
                Vitis HLS channel profile
                version,1
                top,myproject

                id,name,type,file
                0,layer2_out_U,fifo,chan_status0.csv
                1,layer3_out_U,fifo,chan_status1.csv
                2,layer13_out_U,fifo,chan_status2.csv
                """;
        Map<String, String> files = new java.util.LinkedHashMap<>();
        files.put("chan_status0.csv", "depth\n0\n1\n5\n");
        files.put("chan_status1.csv", "depth\n2\n");
        files.put("chan_status2.csv", "depth\n40\n");
        Map<String, String> withInfo = new java.util.LinkedHashMap<>(files);
        withInfo.put("channel_info.csv", info);
        Path zip = db.resolve("channel.zip");
        zip(zip, withInfo);
        Map<String, VendorFifoProfile.Measured> m = VendorFifoProfile.readVitisChannels(zip);
        assertEquals(Map.of("layer2_out_U", new VendorFifoProfile.Measured(5, 0),
                "layer3_out_U", new VendorFifoProfile.Measured(2, 0),
                "layer13_out_U", new VendorFifoProfile.Measured(40, 0)), m);
        assertEquals(Map.of("layer2_out", 5, "layer3_out", 2),
                VendorFifoProfile.assign(m, List.of("layer2_out", "layer3_out"), "channel.zip"));

        // channel_info.csv in .autopilot/db (beside the zip's folder), as other versions write it
        zip(zip, files);
        Files.writeString(db.resolveSibling("channel_info.csv"), info);
        assertEquals(m, VendorFifoProfile.readVitisChannels(zip));

        IOException e = assertThrows(IOException.class,
                () -> VendorFifoProfile.readVitisChannels(dir.resolve("missing/channel.zip")));
        assertTrue(e.getMessage().contains("-enable_fifo_sizing"), e.getMessage());
    }
}
