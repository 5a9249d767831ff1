package org.hls4ml.converters.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hls4ml.api.ModelException;
import org.hls4ml.converters.ConvertedLayer;
import org.hls4ml.converters.ConvertedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs: each must fail with a ModelException naming the file and saying what is wrong. */
class KerasReaderErrorsTest {

    @TempDir
    Path tmp;

    static Path json3() {
        return KerasReaderModelsTest.keras("KERAS_3layer.json");
    }

    static Path weights3() {
        return KerasReaderModelsTest.keras("KERAS_3layer_weights.h5");
    }

    private static String fails(Executable e, String... fragments) {
        ModelException ex = assertThrows(ModelException.class, e);
        for (String f : fragments) {
            assertTrue(ex.getMessage().contains(f), "message lacks '" + f + "': " + ex.getMessage());
        }
        return ex.getMessage();
    }

    private Path write(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void missingModelFile() {
        Path missing = tmp.resolve("nope.json");
        fails(() -> KerasReader.read(missing, weights3()), missing.toString(), "does not exist");
        Path missingH5 = tmp.resolve("nope.h5");
        fails(() -> KerasReader.readFullModel(missingH5), missingH5.toString(), "does not exist");
        fails(() -> KerasReader.read(tmp, weights3()), tmp.toString(), "not a regular file");
    }

    @Test
    void notJson() throws Exception {
        Path p = write("garbage.json", "this is { not json");
        fails(() -> KerasReader.read(p, weights3()), p.toString(), "is not valid JSON", "model.to_json()");
        Path empty = write("empty.json", "");
        fails(() -> KerasReader.read(empty, weights3()), empty.toString(), "not a Keras model");
    }

    @Test
    void jsonThatIsNotAKerasModel() throws Exception {
        Path p = write("other.json", "{\"name\": \"x\", \"values\": [1, 2]}");
        fails(() -> KerasReader.read(p, weights3()), p.toString(), "not a Keras model", "'class_name'");
        Path layer = write("layer.json", "{\"class_name\": \"Dense\", \"config\": {\"units\": 3}}");
        fails(() -> KerasReader.read(layer, weights3()), layer.toString(), "class_name is 'Dense'");
        Path array = write("array.json", "[1, 2, 3]");
        fails(() -> KerasReader.read(array, weights3()), array.toString(), "not a Keras model");
    }

    @Test
    void missingWeightsFile() {
        Path missing = tmp.resolve("missing_weights.h5");
        fails(() -> KerasReader.read(json3(), missing), "weights file " + missing, "does not exist");
        fails(() -> KerasReader.read(json3(), null), "no weights file");
    }

    @Test
    void weightsFileThatIsNotHdf5() throws Exception {
        Path p = write("weights.h5", "definitely not HDF5\n".repeat(50));
        fails(() -> KerasReader.read(json3(), p), "weights file " + p, "is not a valid HDF5 file (truncated or corrupt?)");
        Path empty = write("empty.h5", "");
        fails(() -> KerasReader.read(json3(), empty), "weights file " + empty, "not a valid HDF5 file");
    }

    @Test
    void truncatedWeightsFiles() throws Exception {
        byte[] all = Files.readAllBytes(weights3());
        for (int len : new int[] {100, 1500, all.length / 2, all.length - 1000}) {
            Path p = tmp.resolve("truncated_" + len + ".h5");
            Files.write(p, java.util.Arrays.copyOf(all, len));
            fails(() -> KerasReader.read(json3(), p), p.toString(), "truncated or corrupt?");
        }
    }

    @Test
    void corruptedWeightsFile() throws Exception {
        byte[] all = Files.readAllBytes(weights3());
        // overwrite the area after the superblock (object headers, B-trees) with garbage
        for (int i = 200; i < 1200; i++) {
            all[i] = (byte) (i * 37);
        }
        Path p = tmp.resolve("corrupt.h5");
        Files.write(p, all);
        fails(() -> KerasReader.read(json3(), p), p.toString(), "truncated or corrupt?");
    }

    @Test
    void weightsFileWithoutTheLayersArrays() throws Exception {
        String renamed = Files.readString(json3()).replace("\"fc1_relu\"", "\"fc1\"");
        Path p = write("renamed.json", renamed);
        String msg = fails(() -> KerasReader.read(p, weights3()));
        assertTrue(msg.startsWith("weights file " + weights3() + " has no arrays for layer 'fc1' (expected kernel and bias)"),
                msg);
    }

    @Test
    void weightsOfTheWrongShape() throws Exception {
        String text = Files.readString(json3());
        int at = text.indexOf("\"units\": 64");
        assertTrue(at > 0, "fixture: KERAS_3layer.json has fc1 units 64");
        Path p = write("narrow.json", text.substring(0, at) + "\"units\": 32" + text.substring(at + 11));
        String msg = fails(() -> KerasReader.read(p, weights3()));
        assertTrue(msg.startsWith("layer 'fc1_relu': kernel in " + weights3() + " has shape [16, 64], expected [16, 32]"),
                msg);
    }

    @Test
    void weightsFileLackingOneArray() throws Exception {
        Map<String, Map<String, Object>> w = new LinkedHashMap<>();
        w.put("d", Map.of("kernel", KerasTestFiles.matrix(2, 3, 0f, 1f)));
        Path h5 = tmp.resolve("w.h5");
        KerasTestFiles.writeWeights(h5, "", w, null);
        Path json = write("m.json", """
                {"class_name": "Sequential", "config": [
                  {"class_name": "Dense", "config": {"name": "d", "units": 3, "batch_input_shape": [null, 2]}}]}
                """);
        fails(() -> KerasReader.read(json, h5), "weights file " + h5, "no 'bias' array for layer 'd'", "[kernel]");
    }

    @Test
    void fullModelWithoutModelConfig() {
        fails(() -> KerasReader.readFullModel(weights3()), weights3().toString(), "no 'model_config' attribute",
                "KerasReader.read(json, weights)");
    }

    @Test
    void fullModelThatIsNotHdf5() throws Exception {
        Path p = write("model.h5", "{\"class_name\": \"Sequential\"}");
        fails(() -> KerasReader.readFullModel(p), "Keras model file " + p, "not a valid HDF5 file");
    }

    @Test
    void fullModelWithBrokenModelConfig() {
        Path h5 = tmp.resolve("broken.h5");
        KerasTestFiles.writeWeights(h5, "model_weights", Map.of(), "{not json");
        fails(() -> KerasReader.readFullModel(h5), h5.toString(), "attribute model_config", "is not valid JSON");
    }

    /** A full-model .h5 built from KERAS_3layer's JSON and arrays reads exactly like the JSON + weights pair. */
    @Test
    void fullModelBuiltFromKeras3layerReadsLikeThePair() throws Exception {
        ConvertedModel fromPair = KerasReader.read(json3(), weights3());
        Map<String, Map<String, Object>> layers = new LinkedHashMap<>();
        try (io.jhdf.HdfFile f = new io.jhdf.HdfFile(weights3())) {
            for (String l : List.of("fc1_relu", "fc2_relu", "fc3_relu", "output_softmax")) {
                Map<String, Object> arrays = new LinkedHashMap<>();
                arrays.put("kernel", f.getDatasetByPath(l + "/" + l + "/kernel:0").getData());
                arrays.put("bias", f.getDatasetByPath(l + "/" + l + "/bias:0").getData());
                layers.put(l, arrays);
            }
        }
        Path h5 = tmp.resolve("KERAS_3layer_full.h5");
        KerasTestFiles.writeWeights(h5, "model_weights", layers, Files.readString(json3()));
        ConvertedModel full = KerasReader.readFullModel(h5);
        assertEquals(h5, full.source());
        assertEquals(fromPair.outputNames(), full.outputNames());
        assertEquals(fromPair.layers().size(), full.layers().size());
        for (int i = 0; i < full.layers().size(); i++) {
            ConvertedLayer a = fromPair.layers().get(i);
            ConvertedLayer b = full.layers().get(i);
            assertEquals(a.name(), b.name());
            assertEquals(a.className(), b.className());
            assertEquals(a.inputs(), b.inputs());
            assertEquals(a.attributes(), b.attributes());
            assertEquals(a.weights(), b.weights(), a.name());
            assertEquals(a.source().replace("KERAS_3layer.json", "KERAS_3layer_full.h5"), b.source());
        }
    }
}
