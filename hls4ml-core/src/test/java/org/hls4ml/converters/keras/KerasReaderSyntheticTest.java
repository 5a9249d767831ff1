package org.hls4ml.converters.keras;

import static org.hls4ml.converters.keras.KerasTestFiles.matrix;
import static org.hls4ml.converters.keras.KerasTestFiles.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hls4ml.api.ModelException;
import org.hls4ml.converters.ConvertedLayer;
import org.hls4ml.converters.ConvertedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small hand-written models for the cases the shared example models do not cover. */
class KerasReaderSyntheticTest {

    @TempDir
    Path tmp;

    private ConvertedModel convert(String json, Map<String, Map<String, Object>> weights) throws Exception {
        Path j = tmp.resolve("model.json");
        Files.writeString(j, json);
        Path h5 = tmp.resolve("model_weights.h5");
        Map<String, Map<String, Object>> w = weights.isEmpty()
                ? Map.of("unused", Map.of("x", new float[] {0f})) : weights;
        KerasTestFiles.writeWeights(h5, "", w, null);
        return KerasReader.read(j, h5);
    }

    private static ConvertedLayer layer(ConvertedModel m, String name) {
        return KerasReaderModelsTest.layer(m, name);
    }

    private static Map<String, Map<String, Object>> weights(Object... layerKeyArray) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (int i = 0; i < layerKeyArray.length; i += 3) {
            out.computeIfAbsent((String) layerKeyArray[i], k -> new LinkedHashMap<>())
                    .put((String) layerKeyArray[i + 1], layerKeyArray[i + 2]);
        }
        return out;
    }

    @Test
    void sequentialListWithoutInputLayerGetsAKerasStyleInput() throws Exception {
        ConvertedModel m = convert("""
                {"class_name": "Sequential", "config": [
                  {"class_name": "Dense", "config": {"name": "hidden", "units": 3, "activation": "tanh",
                                                     "batch_input_shape": [null, 2]}},
                  {"class_name": "Dropout", "config": {"name": "drop", "rate": 0.5}},
                  {"class_name": "GaussianNoise", "config": {"name": "noise", "stddev": 0.1}},
                  {"class_name": "Dense", "config": {"name": "out", "units": 2, "activation": "softmax"}}]}
                """, weights("hidden", "kernel", matrix(2, 3, 0.5f, 0.25f), "hidden", "bias", vector(3, -1f, 1f),
                "out", "kernel", matrix(3, 2, 1f, -0.125f), "out", "bias", vector(2, 0f, 0f)));
        assertEquals(List.of("hidden_input", "hidden", "hidden_tanh", "out", "out_softmax"),
                KerasReaderModelsTest.names(m));
        assertEquals(List.of("hidden_input"), m.inputNames());
        assertEquals(List.of("out_softmax"), m.outputNames());
        assertEquals(List.of(2), layer(m, "hidden_input").attributes().get("input_shape"));
        assertEquals(List.of("hidden_input"), layer(m, "hidden").inputs());
        assertEquals(List.of("hidden_tanh"), layer(m, "out").inputs(), "rewired past Dropout and GaussianNoise");
        assertEquals("tanh", layer(m, "hidden_tanh").attributes().get("activation"));
        assertEquals("Softmax", layer(m, "out_softmax").className());
        // row-major [n_in, n_out], values exact
        assertArrayEquals(new double[] {0.5, 0.75, 1.0, 1.25, 1.5, 1.75}, layer(m, "hidden").weights().get("weight").data());
        assertArrayEquals(new double[] {-1, 0, 1}, layer(m, "hidden").weights().get("bias").data());
    }

    @Test
    void sequentialDictWithFlattenReshapeAndActivationLayers() throws Exception {
        ConvertedModel m = convert("""
                {"class_name": "Sequential", "config": {"name": "seq", "layers": [
                  {"class_name": "InputLayer", "config": {"name": "x", "batch_input_shape": [null, 4, 3]}},
                  {"class_name": "Reshape", "config": {"name": "r", "target_shape": [2, -1]}},
                  {"class_name": "Dense", "config": {"name": "d", "units": 5, "use_bias": false, "activation": "linear"}},
                  {"class_name": "Flatten", "config": {"name": "f"}},
                  {"class_name": "ReLU", "config": {"name": "plain_relu", "max_value": null, "negative_slope": 0.0,
                                                    "threshold": 0.0}},
                  {"class_name": "Activation", "config": {"name": "lin", "activation": "linear"}},
                  {"class_name": "Softmax", "config": {"name": "sm", "axis": -1}}]}}
                """, weights("d", "kernel", matrix(6, 5, 0f, 1f)));
        assertEquals(List.of("x", "r", "d", "f", "plain_relu", "lin", "sm"), KerasReaderModelsTest.names(m));
        assertEquals(List.of("Input", "Reshape", "Dense", "Reshape", "Activation", "Activation", "Softmax"),
                KerasReaderModelsTest.classes(m));
        assertEquals(List.of(4, 3), layer(m, "x").attributes().get("input_shape"));
        assertEquals(List.of(2, 6), layer(m, "r").attributes().get("target_shape"));
        ConvertedLayer d = layer(m, "d");
        assertEquals(6, d.attributes().get("n_in"));
        assertEquals(5, d.attributes().get("n_out"));
        assertEquals(false, d.attributes().get("use_bias"));
        assertArrayEquals(new double[5], d.weights().get("bias").data());
        assertEquals(List.of(10), layer(m, "f").attributes().get("target_shape"), "Dense keeps leading dim: 2 x 5");
        assertEquals(Map.of("activation", "relu"), layer(m, "plain_relu").attributes());
        assertEquals("linear", layer(m, "lin").attributes().get("activation"));
        assertEquals(Map.of("activation", "softmax", "axis", -1), layer(m, "sm").attributes());
        assertEquals(List.of("sm"), m.outputNames());
    }

    @Test
    void batchNormalizationWithoutCenterAndScale() throws Exception {
        ConvertedModel m = convert("""
                {"class_name": "Sequential", "config": [
                  {"class_name": "BatchNormalization", "config": {"name": "bn", "axis": [1], "center": false,
                     "scale": false, "epsilon": 0.01, "batch_input_shape": [null, 3]}}]}
                """, weights("bn", "moving_mean", vector(3, 1f, 1f), "bn", "moving_variance", vector(3, 2f, 0.5f)));
        ConvertedLayer bn = layer(m, "bn");
        assertEquals(3, bn.attributes().get("n_filt"));
        assertEquals(0.01, bn.attributes().get("epsilon"));
        assertEquals(false, bn.attributes().get("center"));
        assertEquals(false, bn.attributes().get("scale"));
        assertArrayEquals(new double[] {1, 1, 1}, bn.weights().get("gamma").data());
        assertArrayEquals(new double[] {0, 0, 0}, bn.weights().get("beta").data());
        assertArrayEquals(new double[] {1, 2, 3}, bn.weights().get("moving_mean").data());
        assertArrayEquals(new double[] {2, 2.5, 3}, bn.weights().get("moving_variance").data());
    }

    @Test
    void functionalLayersOutOfOrderWithKeras3InboundNodes() throws Exception {
        ConvertedModel m = convert("""
                {"class_name": "Functional", "config": {"name": "f",
                  "layers": [
                    {"class_name": "Dense", "name": "b", "config": {"name": "b", "units": 1, "activation": "sigmoid"},
                     "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__",
                        "config": {"shape": [null, 2], "keras_history": ["a", 0, 0]}}], "kwargs": {}}]},
                    {"class_name": "Dense", "name": "a", "config": {"name": "a", "units": 2,
                       "activation": {"module": "keras.activations", "class_name": "function", "config": "relu"}},
                     "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__",
                        "config": {"shape": [null, 3], "keras_history": ["in", 0, 0]}}], "kwargs": {}}]},
                    {"class_name": "InputLayer", "name": "in", "config": {"name": "in", "batch_shape": [null, 3]},
                     "inbound_nodes": []}],
                  "input_layers": [["in", 0, 0]], "output_layers": ["b", 0, 0]}}
                """, weights("a", "kernel", matrix(3, 2, 0f, 1f), "a", "bias", vector(2, 0f, 0f),
                "b", "kernel", matrix(2, 1, 0f, 1f), "b", "bias", vector(1, 0f, 0f)));
        assertEquals(List.of("in", "a", "a_relu", "b", "b_sigmoid"), KerasReaderModelsTest.names(m));
        assertEquals(List.of("a_relu"), layer(m, "b").inputs());
        assertEquals(List.of("b_sigmoid"), m.outputNames());
        assertEquals(List.of("in"), m.inputNames());
    }

    @Test
    void unsupportedConfigurationsFailClearly() throws Exception {
        ModelException relu6 = assertThrows(ModelException.class, () -> convert("""
                {"class_name": "Sequential", "config": [
                  {"class_name": "ReLU", "config": {"name": "r6", "max_value": 6.0, "threshold": 0.5,
                                                    "batch_input_shape": [null, 3]}}]}
                """, Map.of()));
        assertTrue(relu6.getMessage().contains("model.json layer 'r6' (ReLU): ReLU with max_value=6.0"),
                relu6.getMessage());
        assertTrue(relu6.getMessage().contains("not supported"), relu6.getMessage());

        ModelException act = assertThrows(ModelException.class, () -> convert("""
                {"class_name": "Sequential", "config": [
                  {"class_name": "Activation", "config": {"name": "a", "activation": "relu2",
                                                          "batch_input_shape": [null, 3]}}]}
                """, Map.of()));
        assertTrue(act.getMessage().contains("layer 'a' (Activation): activation 'relu2'"), act.getMessage());

        ModelException shared = assertThrows(ModelException.class, () -> convert("""
                {"class_name": "Model", "config": {"layers": [
                  {"class_name": "InputLayer", "name": "i", "config": {"name": "i", "batch_input_shape": [null, 2]},
                   "inbound_nodes": []},
                  {"class_name": "Dense", "name": "d", "config": {"name": "d", "units": 2},
                   "inbound_nodes": [[["i", 0, 0, {}]], [["i", 0, 0, {}]]]}],
                  "input_layers": [["i", 0, 0]], "output_layers": [["d", 1, 0]]}}
                """, Map.of()));
        assertTrue(shared.getMessage().contains("layer 'd' (Dense) is called 2 times"), shared.getMessage());

        ModelException dangling = assertThrows(ModelException.class, () -> convert("""
                {"class_name": "Model", "config": {"layers": [
                  {"class_name": "Dense", "name": "d", "config": {"name": "d", "units": 2},
                   "inbound_nodes": [[["ghost", 0, 0, {}]]]}],
                  "input_layers": [], "output_layers": [["d", 0, 0]]}}
                """, Map.of()));
        assertTrue(dangling.getMessage().contains("layer 'd' reads 'ghost'"), dangling.getMessage());

        ModelException noShape = assertThrows(ModelException.class, () -> convert("""
                {"class_name": "Sequential", "config": [{"class_name": "Dense", "config": {"name": "d", "units": 2}}]}
                """, Map.of()));
        assertTrue(noShape.getMessage().contains("no InputLayer") && noShape.getMessage().contains("'d'"),
                noShape.getMessage());
    }

    @Test
    void supportedClassesListsTheCoreLayers() {
        List<String> s = KerasReader.supportedClasses();
        assertTrue(s.containsAll(List.of("InputLayer", "Dense", "Activation", "ReLU", "Softmax", "BatchNormalization",
                "Flatten", "Reshape", "Dropout", "SpatialDropout2D", "GaussianNoise", "GaussianDropout", "AlphaDropout",
                "ActivityRegularization")), s.toString());
        assertTrue(s.containsAll(List.of("Conv1D", "Conv2D")) && !s.contains("GarNet"), s.toString());
        assertTrue(s.containsAll(List.of("QDense", "QConv1D", "QConv2D", "QActivation")), s.toString());
        assertEquals(s.stream().sorted().toList(), s);
    }
}
