package org.hls4ml.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hls4ml.api.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatFileTest {

    @TempDir
    Path dir;

    @Test
    void readsSamplesSkippingBlankLinesWithSpacesAndTabs() throws IOException {
        Path f = dir.resolve("in.dat");
        Files.writeString(f, "1 2.5\t-3\n\n   \n0.0009765625  1e-05 +4\r\n");
        List<double[]> rows = DatFile.read(f, 3, "the model input");
        assertEquals(2, rows.size());
        assertArrayEquals(new double[] {1, 2.5, -3}, rows.get(0));
        assertArrayEquals(new double[] {0.0009765625, 1e-05, 4}, rows.get(1));
        List<String[]> raw = DatFile.readRaw(f);
        assertArrayEquals(new String[] {"0.0009765625", "1e-05", "+4"}, raw.get(1));
        assertEquals(2, DatFile.countSamples(f));
    }

    @Test
    void wrongValueCountNamesFileLineFoundAndExpected() throws IOException {
        Path f = dir.resolve("tb_input_features.dat");
        StringBuilder b = new StringBuilder();
        for (int line = 1; line <= 20; line++) {
            int n = line == 17 ? 15 : 16;
            for (int i = 0; i < n; i++) {
                b.append(i == 0 ? "" : " ").append(i * 0.5);
            }
            b.append('\n');
            if (line == 3) {
                b.append('\n'); // blank lines still count for line numbers
            }
        }
        Files.writeString(f, b.toString());
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> DatFile.read(f, 16, "the model input"));
        assertEquals(f + " line 18 has 15 values, the model input needs 16: each line must hold one sample",
                e.getMessage());

        ConfigurationException inconsistent = assertThrows(ConfigurationException.class, () -> DatFile.readRaw(f));
        assertEquals(f + " line 18 has 15 values, line 1 has 16: each line must hold one sample",
                inconsistent.getMessage());
    }

    @Test
    void rejectsNonNumbersButAcceptsNanAndInf() throws IOException {
        Path f = dir.resolve("bad.dat");
        Files.writeString(f, "1 2\n3 x4\n");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> DatFile.read(f));
        assertTrue(e.getMessage().startsWith(f + " line 2 value 2 'x4' is not a decimal number"), e.getMessage());

        Files.writeString(f, "1,2\n");
        assertThrows(ConfigurationException.class, () -> DatFile.read(f));

        Files.writeString(f, "nan -inf 1\n");
        double[] v = DatFile.read(f).get(0);
        assertTrue(Double.isNaN(v[0]));
        assertEquals(Double.NEGATIVE_INFINITY, v[1]);
    }

    @Test
    void missingFileIsAConfigurationError() {
        Path f = dir.resolve("nope.dat");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> DatFile.read(f));
        assertEquals(f + " does not exist", e.getMessage());
    }

    @Test
    void writeRoundTripsAndSkipsUnchangedContent() throws IOException {
        Path f = dir.resolve("out/x.dat");
        List<double[]> rows = List.of(new double[] {1, -0.5, 1e-5}, new double[] {0, 3.25, 1.0 / 3});
        assertTrue(DatFile.write(f, rows));
        assertEquals("1 -0.5 1.0E-5\n0 3.25 0.3333333333333333\n", Files.readString(f));
        List<double[]> back = DatFile.read(f, 3, null);
        assertArrayEquals(rows.get(1), back.get(1));
        assertFalse(DatFile.write(f, rows));
        assertTrue(DatFile.writeRaw(f, List.<String[]>of(new String[] {"1.0", "2"})));
        assertEquals("1.0 2\n", Files.readString(f));
    }
}
