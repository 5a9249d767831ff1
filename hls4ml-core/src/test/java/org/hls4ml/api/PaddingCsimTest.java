package org.hls4ml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hls4ml.sim.DatFile;
import org.hls4ml.testing.KerasModelFiles;
import org.hls4ml.testing.RecordingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ZeroPadding1D/2D, Cropping1D/2D and UpSampling1D/2D alone after the input, in both IO types: each output value is the
 * input value under it (truncated to ap_fixed&lt;16,6&gt;) or zero, checked bit for bit against a Java computation of
 * where each output pixel comes from. Then Conv + these layers + pooling + Flatten + Dense chains give the same numbers
 * in both IO types.
 */
class PaddingCsimTest {

    static final int SAMPLES = PoolingCsimTest.SAMPLES;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {3} {4}")
    @CsvSource(delimiter = ';', value = {
            "ZeroPadding2D; 3 4 2; \"padding\": [[1, 2], [0, 3]]; 1 2 0 3; io_parallel",
            "ZeroPadding2D; 3 4 2; \"padding\": [[1, 2], [0, 3]]; 1 2 0 3; io_stream",
            "ZeroPadding2D; 3 3 1; \"padding\": 1; 1 1 1 1; io_parallel",
            "ZeroPadding2D; 3 3 1; \"padding\": 1; 1 1 1 1; io_stream",
            "ZeroPadding1D; 5 3; \"padding\": [2, 1]; 0 0 2 1; io_parallel",
            "ZeroPadding1D; 5 3; \"padding\": [2, 1]; 0 0 2 1; io_stream",
            "Cropping2D; 6 5 2; \"cropping\": [[1, 2], [2, 0]]; 1 2 2 0; io_parallel",
            "Cropping2D; 6 5 2; \"cropping\": [[1, 2], [2, 0]]; 1 2 2 0; io_stream",
            "Cropping2D; 5 5 1; \"cropping\": [1, 2]; 1 1 2 2; io_parallel",
            "Cropping2D; 5 5 1; \"cropping\": [1, 2]; 1 1 2 2; io_stream",
            "Cropping1D; 7 2; \"cropping\": [3, 1]; 0 0 3 1; io_parallel",
            "Cropping1D; 7 2; \"cropping\": [3, 1]; 0 0 3 1; io_stream",
            "UpSampling2D; 3 2 2; \"size\": [2, 3]; 2 3; io_parallel",
            "UpSampling2D; 3 2 2; \"size\": [2, 3]; 2 3; io_stream",
            "UpSampling1D; 4 3; \"size\": 3; 1 3; io_parallel",
            "UpSampling1D; 4 3; \"size\": 3; 1 3; io_stream"})
    void eachOutputIsTheInputUnderItOrZero(String kerasClass, String input, String config, String geometry, String io)
            throws Exception {
        int[] in = ConvExactCsimTest.ints(input);
        int[] g = ConvExactCsimTest.ints(geometry);
        String name = kerasClass.toLowerCase(Locale.ROOT) + "_" + Math.abs(config.hashCode() % 1000);
        KerasModelFiles.Model m = KerasModelFiles.sequential(dir, name, in,
                List.of("{\"class_name\": \"" + kerasClass + "\", \"config\": {\"name\": \"layer\", " + config + "}}"),
                Map.of());
        Path inputs = ConvExactCsimTest.inputs(dir, in, 5);
        List<double[]> actual = DatFile.read(PoolingCsimTest.csim(dir, m, name, io, inputs));
        List<double[]> x = DatFile.read(inputs);
        assertEquals(SAMPLES, actual.size());
        int h = in.length == 3 ? in[0] : 1;
        int w = in[in.length - 2];
        int c = in[in.length - 1];
        for (int n = 0; n < SAMPLES; n++) {
            long[] q = Arrays.stream(x.get(n)).mapToLong(ConvExactCsimTest.Reference::quantize).toArray();
            ConvExactCsimTest.assertRaw(expected(kerasClass, q, h, w, c, g), actual.get(n),
                    name + " " + io + " sample " + (n + 1));
        }
    }

    /**
     * The output in raw values: {@code g} = {top, bottom, left, right} (ZeroPadding, Cropping; 1-D: top = bottom = 0)
     * or {height factor, width factor} (UpSampling).
     */
    private static long[] expected(String kerasClass, long[] in, int h, int w, int c, int[] g) {
        boolean up = kerasClass.startsWith("UpSampling");
        int sign = kerasClass.startsWith("ZeroPadding") ? 1 : -1;
        int oh = up ? h * g[0] : h + sign * (g[0] + g[1]);
        int ow = up ? w * g[1] : w + sign * (g[2] + g[3]);
        long[] out = new long[oh * ow * c];
        for (int r = 0; r < oh; r++) {
            for (int col = 0; col < ow; col++) {
                int sr = up ? r / g[0] : r - sign * g[0];
                int sc = up ? col / g[1] : col - sign * g[2];
                for (int ch = 0; ch < c; ch++) {
                    boolean inside = sr >= 0 && sr < h && sc >= 0 && sc < w;
                    out[(r * ow + col) * c + ch] = inside ? in[(sr * w + sc) * c + ch] : 0;
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "conv2d_pad_crop_up_pool; 5 4 2; {\"class_name\": \"ZeroPadding2D\", \"config\": {\"name\": \"pad\","
                    + " \"padding\": [[1, 0], [2, 1]]}}|{\"class_name\": \"Cropping2D\", \"config\": {\"name\": \"crop\","
                    + " \"cropping\": [[0, 2], [1, 1]]}}|{\"class_name\": \"UpSampling2D\", \"config\": {\"name\": \"up\","
                    + " \"size\": [2, 2]}}|{\"class_name\": \"MaxPooling2D\", \"config\": {\"name\": \"pool\","
                    + " \"pool_size\": [3, 3]}}; 18",
            "conv1d_up_crop_pad; 6 2; {\"class_name\": \"UpSampling1D\", \"config\": {\"name\": \"up\", \"size\": 2}}|"
                    + "{\"class_name\": \"Cropping1D\", \"config\": {\"name\": \"crop\", \"cropping\": [1, 2]}}|"
                    + "{\"class_name\": \"ZeroPadding1D\", \"config\": {\"name\": \"pad\", \"padding\": 2}}; 39"})
    void convChainsGiveTheSameNumbersInBothIoTypes(String name, String input, String middle, int flat) throws Exception {
        PoolingCsimTest.assertConvChainAgreesAcrossIoTypes(dir, name, ConvExactCsimTest.ints(input),
                List.of(middle.split("\\|")), flat);
    }

    private GenerateRequest.Builder model(String kerasClass, String config) throws Exception {
        KerasModelFiles.Model m = KerasModelFiles.sequential(dir, "bad", new int[] {4, 4, 2},
                List.of("{\"class_name\": \"" + kerasClass + "\", \"config\": {\"name\": \"layer\"" + config + "}}"),
                Map.of());
        return GenerateRequest.builder().model(m.json()).weights(m.weights()).outputDirectory(dir.resolve("out"))
                .projectName("bad");
    }

    private void assertFails(String kerasClass, String config, String setting) {
        ModelException e = assertThrows(ModelException.class, () -> Hls4ml.generate(model(kerasClass, config).build(),
                new RecordingListener()));
        assertTrue(e.getMessage().contains("layer 'layer' (" + kerasClass + ")") && e.getMessage().contains(setting),
                e.getMessage());
    }

    @Test
    void unsupportedSettingsFailNamingTheLayerAndTheSetting() {
        assertFails("UpSampling2D", ", \"size\": [2, 2], \"interpolation\": \"bilinear\"", "'interpolation' is 'bilinear'");
        assertFails("ZeroPadding2D", ", \"padding\": 1, \"data_format\": \"channels_first\"",
                "'data_format' is 'channels_first'");
        assertFails("Cropping2D", ", \"cropping\": [[2, 2], [0, 0]]", "'cropping' removes all of the input");
        assertFails("ZeroPadding2D", ", \"padding\": [[1, 2, 3], [0, 0]]", "'padding' is [[1,2,3],[0,0]]");
        assertFails("Cropping2D", ", \"cropping\": -1", "'cropping' is -1");
    }
}
