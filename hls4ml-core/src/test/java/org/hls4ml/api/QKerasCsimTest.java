package org.hls4ml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hls4ml.sim.DatFile;
import org.hls4ml.testing.SharedData;
import org.hls4ml.tools.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * qkeras_3layer (QDense with quantized_bits(6,0) weights and biases, QActivation quantized_relu(6,0)) through
 * generation and C simulation: the precisions hls4ml assigns, weights equal to QKeras' quantization of the stored
 * floats, io_parallel and io_stream bit-identical on the first 1000 samples of jet16_normal_n10000.
 */
class QKerasCsimTest {

    static final int N = 1000;
    static final List<String> FAST = List.of("-O0", "-std=c++14", "-Wno-unknown-pragmas");
    static final String[] DENSE = {"fc1", "fc2", "fc3", "output"};

    @TempDir
    Path out;

    GenerateRequest.Builder qkeras3layer(String project, String io) throws Exception {
        Path inputs = out.resolve("jet16_normal_n10000_head" + N + ".dat");
        if (!Files.exists(inputs)) {
            inputs = SharedData.referenceHead("inputs/jet16_normal_n10000.dat", N, out);
        }
        return GenerateRequest.builder()
                .model(SharedData.model("keras/qkeras_3layer.json"))
                .weights(SharedData.model("keras/qkeras_3layer_weights.h5"))
                .outputDirectory(out)
                .projectName(project)
                .ioType(io)
                .inputData(inputs);
    }

    /** QKeras' quantized_bits(6, 0, keep_negative=1, alpha=1), written independently of the converter. */
    static double quantizedBits60(float x) {
        double scaled = Math.rint(x * 32.0); // 2^(bits-1-integer) = 32 steps per unit, ties to even like tf.round
        return Math.max(-32, Math.min(31, scaled)) / 32.0;
    }

    static float[] flat(Object array) {
        List<Float> v = new ArrayList<>();
        if (array instanceof float[] f) {
            for (float x : f) {
                v.add(x);
            }
        } else {
            for (float[] row : (float[][]) array) {
                for (float x : row) {
                    v.add(x);
                }
            }
        }
        float[] r = new float[v.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = v.get(i);
        }
        return r;
    }

    static List<Double> headerValues(Path header) throws Exception {
        String text = Files.readString(header);
        String body = text.substring(text.indexOf('{') + 1, text.lastIndexOf('}'));
        List<Double> v = new ArrayList<>();
        for (String s : body.split(",")) {
            if (!s.isBlank()) {
                v.add(Double.parseDouble(s.trim()));
            }
        }
        return v;
    }

    @Test
    void convertsWithQuantizerPrecisionsAndRunsIdenticallyInBothIoTypes() throws Exception {
        GenerateResult par = Hls4ml.generate(qkeras3layer("qpar", "io_parallel").build(), ProgressListener.NONE);
        GenerateResult str = Hls4ml.generate(qkeras3layer("qstr", "io_stream").build(), ProgressListener.NONE);

        String params = Files.readString(par.projectDir().resolve("firmware/parameters.h"));
        String defines = Files.readString(par.projectDir().resolve("firmware/defines.h"));
        String types = params + defines;
        for (int i : new int[] {2, 4, 6, 8}) {
            assertTrue(types.contains("typedef ap_fixed<6,1> weight" + i + "_t;"), "weight" + i + "_t in\n" + types);
            assertTrue(types.contains("typedef ap_fixed<6,1> bias" + i + "_t;"), "bias" + i + "_t in\n" + types);
        }
        for (int i : new int[] {3, 5, 7}) {
            assertTrue(types.contains("typedef ap_ufixed<6,0,AP_RND_CONV,AP_SAT> layer" + i + "_t;"),
                    "layer" + i + "_t in\n" + types);
        }

        Path h5 = SharedData.model("keras/qkeras_3layer_weights.h5");
        try (HdfFile f = new HdfFile(h5)) {
            int i = 2;
            for (String layer : DENSE) {
                for (String[] kv : new String[][] {{"kernel", "w"}, {"bias", "b"}}) {
                    float[] stored = flat(f.getDatasetByPath(layer + "/" + layer + "/" + kv[0] + ":0").getData());
                    List<Double> written = headerValues(par.projectDir().resolve("firmware/weights/" + kv[1] + i
                            + ".h"));
                    assertEquals(stored.length, written.size(), layer + " " + kv[0]);
                    int changed = 0;
                    for (int k = 0; k < stored.length; k++) {
                        assertEquals(quantizedBits60(stored[k]), written.get(k), 0.0, layer + " " + kv[0] + "[" + k
                                + "] from " + stored[k]);
                        if (stored[k] != written.get(k)) {
                            changed++;
                        }
                    }
                    if (kv[0].equals("kernel")) {
                        assertTrue(changed > 0, layer + ": the stored kernel is already quantized; the test proves "
                                + "nothing");
                    }
                }
                i += 2;
            }
        }

        List<double[]> a = csim(par.projectDir());
        List<double[]> b = csim(str.projectDir());
        for (int s = 0; s < N; s++) {
            assertEquals(java.util.Arrays.toString(a.get(s)), java.util.Arrays.toString(b.get(s)), "sample " + (s + 1));
        }
    }

    static List<double[]> csim(Path projectDir) throws Exception {
        CsimReport r = Hls4ml.csim(new CsimOptions(projectDir, null, FAST, null, Duration.ofMinutes(10), null, null),
                ProgressListener.NONE);
        assertTrue(r.result().ran());
        assertEquals(N, r.result().samples());
        List<double[]> rows = DatFile.read(projectDir.resolve("tb_data/csim_results.log"));
        assertEquals(N, rows.size());
        return rows;
    }

    @Test
    void alphaAutoFailsNamingLayerAndSetting() throws Exception {
        String json = Files.readString(SharedData.model("keras/qkeras_3layer.json"));
        assertTrue(json.contains("\"alpha\": 1"));
        String bad = json.replace("\"alpha\": 1", "\"alpha\": \"auto\"");
        Path badJson = Files.writeString(out.resolve("qkeras_alpha_auto.json"), bad);
        ModelException e = assertThrows(ModelException.class, () -> Hls4ml.generate(GenerateRequest.builder()
                .model(badJson).weights(SharedData.model("keras/qkeras_3layer_weights.h5")).outputDirectory(out)
                .projectName("bad").build(), ProgressListener.NONE));
        String msg = e.getMessage();
        assertTrue(msg.contains("qkeras_alpha_auto.json") && msg.contains("'fc1'") && msg.contains("kernel_quantizer")
                && msg.contains("alpha='auto'"), msg);
    }
}
