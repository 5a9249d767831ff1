package org.hls4ml.converters.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hls4ml.api.ModelException;
import org.hls4ml.converters.ConvertedLayer;
import org.hls4ml.converters.ConvertedModel;
import org.hls4ml.converters.NDArray;
import org.hls4ml.testing.SharedData;
import org.junit.jupiter.api.Test;

/** KerasReader on the real models in ../shared/models/keras. */
class KerasReaderModelsTest {

    static Path keras(String file) {
        return SharedData.model("keras/" + file);
    }

    static ConvertedModel pair(String name) {
        return KerasReader.read(keras(name + ".json"), keras(name + "_weights.h5"));
    }

    static List<String> names(ConvertedModel m) {
        return m.layers().stream().map(ConvertedLayer::name).toList();
    }

    static List<String> classes(ConvertedModel m) {
        return m.layers().stream().map(ConvertedLayer::className).toList();
    }

    static ConvertedLayer layer(ConvertedModel m, String name) {
        return m.layers().stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no layer " + name + " in " + names(m)));
    }

    /** The kernel read a second way: jhdf's multi-dimensional getData on the documented dataset path. */
    static float[][] kernelDirect(Path h5, String layer) {
        try (HdfFile f = new HdfFile(h5)) {
            return (float[][]) f.getDatasetByPath(layer + "/" + layer + "/kernel:0").getData();
        }
    }

    @Test
    void keras3layerStructure() {
        ConvertedModel m = pair("KERAS_3layer");
        assertEquals(List.of("input_1", "fc1_relu", "fc1_relu_relu", "fc2_relu", "fc2_relu_relu", "fc3_relu",
                "fc3_relu_relu", "output_softmax", "output_softmax_softmax"), names(m));
        assertEquals(List.of("Input", "Dense", "Activation", "Dense", "Activation", "Dense", "Activation", "Dense",
                "Softmax"), classes(m));
        assertEquals(List.of("input_1"), m.inputNames());
        assertEquals(List.of("output_softmax_softmax"), m.outputNames());
        assertEquals(List.of(16), layer(m, "input_1").attributes().get("input_shape"));
        int[][] dims = {{16, 64}, {64, 32}, {32, 32}, {32, 5}};
        String[] dense = {"fc1_relu", "fc2_relu", "fc3_relu", "output_softmax"};
        for (int i = 0; i < dense.length; i++) {
            ConvertedLayer d = layer(m, dense[i]);
            assertEquals(dims[i][0], d.attributes().get("n_in"));
            assertEquals(dims[i][1], d.attributes().get("n_out"));
            assertEquals(Boolean.TRUE, d.attributes().get("use_bias"));
            assertEquals(List.of(dims[i][0], dims[i][1]), List.of(d.weights().get("weight").shape()[0],
                    d.weights().get("weight").shape()[1]));
            assertEquals(1, d.weights().get("bias").rank());
            assertEquals(dims[i][1], d.weights().get("bias").dim(0));
            assertEquals(List.of(dense[i]), d.outputs());
            assertEquals("KERAS_3layer.json layer '" + dense[i] + "' (Dense)", d.source());
        }
        ConvertedLayer act = layer(m, "fc2_relu_relu");
        assertEquals(List.of("fc2_relu"), act.inputs());
        assertEquals("relu", act.attributes().get("activation"));
        assertEquals(List.of("fc1_relu_relu"), layer(m, "fc2_relu").inputs());
        ConvertedLayer sm = layer(m, "output_softmax_softmax");
        assertEquals(Map.of("activation", "softmax", "axis", -1), sm.attributes());
        assertEquals(List.of("output_softmax"), sm.inputs());
    }

    @Test
    void keras3layerWeightsMatchAnIndependentRead() {
        Path h5 = keras("KERAS_3layer_weights.h5");
        ConvertedModel m = pair("KERAS_3layer");
        for (String name : List.of("fc1_relu", "fc2_relu", "fc3_relu", "output_softmax")) {
            float[][] direct = kernelDirect(h5, name);
            NDArray w = layer(m, name).weights().get("weight");
            double sumDirect = 0;
            double sumRead = 0;
            for (int i = 0; i < direct.length; i++) {
                for (int j = 0; j < direct[i].length; j++) {
                    sumDirect += direct[i][j];
                    // exact float32 -> double, row-major [n_in][n_out]
                    assertEquals((double) direct[i][j], w.data()[i * direct[i].length + j], 0.0, name + "[" + i + "][" + j + "]");
                }
            }
            for (double v : w.data()) {
                sumRead += v;
            }
            assertEquals(sumDirect, sumRead, 1e-9);
            assertTrue(Math.abs(sumRead) > 1e-6, "kernel should not be all zeros");
        }
        // every value is a float32 value
        for (double v : layer(m, "fc1_relu").weights().get("bias").data()) {
            assertEquals(v, (double) (float) v, 0.0);
        }
    }

    /** The converted model reproduces the float64 forward pass of Keras (reference/float) to 1e-9. */
    private static void assertMatchesFloatReference(ConvertedModel m, String input, String reference, int rows)
            throws Exception {
        double[][] in = FloatForward.readRows(SharedData.reference("inputs/" + input), rows);
        double[][] expected = FloatForward.readRows(SharedData.reference("float/" + reference), rows);
        for (int r = 0; r < rows; r++) {
            double[] y = FloatForward.run(m, in[r]);
            assertEquals(expected[r].length, y.length, "output width, row " + r);
            for (int k = 0; k < y.length; k++) {
                assertEquals(expected[r][k], y[k], 1e-9 * Math.max(1, Math.abs(expected[r][k])),
                        reference + " row " + r + " output " + k);
            }
        }
    }

    @Test
    void keras3layerReproducesKerasOutputs() throws Exception {
        assertMatchesFloatReference(pair("KERAS_3layer"), "jet16_normal_n10000.dat",
                "KERAS_3layer_floatref_normal_n10000.dat", 300);
    }

    @Test
    void keras1layer() throws Exception {
        ConvertedModel m = pair("KERAS_1layer");
        assertEquals(List.of("input_1", "fc1_relu", "fc1_relu_relu", "output_sigmoid", "output_sigmoid_sigmoid"),
                names(m));
        assertEquals(List.of("Input", "Dense", "Activation", "Dense", "Activation"), classes(m));
        assertEquals(List.of(10), layer(m, "input_1").attributes().get("input_shape"));
        assertEquals("sigmoid", layer(m, "output_sigmoid_sigmoid").attributes().get("activation"));
        assertEquals(List.of("output_sigmoid_sigmoid"), m.outputNames());
        assertMatchesFloatReference(m, "dense10_normal_n2000.dat", "KERAS_1layer_floatref_normal_n2000.dat", 300);
    }

    @Test
    void keras3layerBatchNorm() throws Exception {
        ConvertedModel m = pair("KERAS_3layer_batch_norm");
        assertEquals(List.of("input_1", "fc1_relu", "bn1", "relu1", "fc2_relu", "bn2", "relu2", "fc3_relu", "bn3",
                "relu3", "output_softmax", "bn4", "softmax"), names(m));
        assertEquals(List.of("Input", "Dense", "BatchNormalization", "Activation", "Dense", "BatchNormalization",
                "Activation", "Dense", "BatchNormalization", "Activation", "Dense", "BatchNormalization", "Softmax"),
                classes(m));
        ConvertedLayer bn1 = layer(m, "bn1");
        assertEquals(64, bn1.attributes().get("n_filt"));
        assertEquals(1e-6, (Double) bn1.attributes().get("epsilon"), 0.0);
        assertEquals(Boolean.TRUE, bn1.attributes().get("center"));
        assertEquals(Boolean.TRUE, bn1.attributes().get("scale"));
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"), List.copyOf(bn1.weights().keySet()));
        for (NDArray a : bn1.weights().values()) {
            assertEquals("[64]", a.shapeString());
        }
        assertEquals(5, layer(m, "bn4").attributes().get("n_filt"));
        assertEquals(List.of("fc1_relu"), bn1.inputs());
        assertEquals(Map.of("activation", "softmax", "axis", -1), layer(m, "softmax").attributes());
        assertEquals(List.of("softmax"), m.outputNames());
        for (double v : layer(m, "bn2").weights().get("moving_variance").data()) {
            assertTrue(v > 0, "variances are positive");
        }
        assertMatchesFloatReference(m, "jet16_normal_n10000.dat", "KERAS_3layer_batch_norm_floatref_normal_n10000.dat",
                300);
    }

    @Test
    void kerasDense16x100RemovesDropout() throws Exception {
        ConvertedModel m = pair("KERAS_dense_16x100x100x100x100x100x5");
        assertFalse(names(m).stream().anyMatch(n -> n.startsWith("dropout")), names(m).toString());
        assertEquals(1 + 6 * 2, m.layers().size());
        assertEquals(List.of("fc1_relu_relu"), layer(m, "fc2_relu").inputs(), "rewired past dropout_1");
        assertEquals(List.of("fc4_relu_relu"), layer(m, "fc5_relu").inputs(), "rewired past dropout_4");
        assertEquals(100, layer(m, "fc3_relu").attributes().get("n_in"));
        assertEquals(5, layer(m, "output_softmax").attributes().get("n_out"));
        assertEquals(List.of("output_softmax_softmax"), m.outputNames());
        assertMatchesFloatReference(m, "jet16_normal_n10000.dat",
                "KERAS_dense_16x100x100x100x100x100x5_floatref_normal_n10000.dat", 200);
    }

    @Test
    void prunedWeightsLoadIntoTheSameArchitecture() {
        ConvertedModel m = KerasReader.read(keras("KERAS_3layer.json"),
                keras("KERAS_3layer_95pruned_retrained_weights.h5"));
        double[] w = layer(m, "fc1_relu").weights().get("weight").data();
        long zeros = java.util.Arrays.stream(w).filter(v -> v == 0.0).count();
        assertTrue(zeros > w.length / 2, "95% pruned kernel should be mostly zeros, has " + zeros + "/" + w.length);
    }

    @Test
    void hgqFullModelsFailOnTheirQuantizerLayers() {
        for (String f : List.of("hgq_jet_classifier.h5", "hgq_mnist_heterogeneous.h5", "hgq_mnist_homogeneous.h5")) {
            ModelException e = assertThrows(ModelException.class, () -> KerasReader.readFullModel(keras(f)));
            assertTrue(e.getMessage().contains(f), e.getMessage());
            assertTrue(e.getMessage().contains("'FixedPointQuantizer'"), e.getMessage());
            assertTrue(e.getMessage().contains("Supported Keras classes: ["), e.getMessage());
        }
    }

    @Test
    void keras3ArchiveFailsClearly() {
        ModelException e = assertThrows(ModelException.class,
                () -> KerasReader.readFullModel(keras("qkeras-v3_3layer.keras")));
        assertTrue(e.getMessage().contains("zip archive"), e.getMessage());
    }

    /** Every .json model in the folder converts, or fails naming an unsupported Keras class or QKeras quantizer. */
    @Test
    void everyJsonModelConvertsOrNamesItsUnsupportedClass() throws Exception {
        Path dir = SharedData.model("keras");
        List<Path> jsons;
        try (Stream<Path> s = Files.list(dir)) {
            jsons = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(jsons.size() >= 10, "expected the example models, found " + jsons);
        List<String> converted = new ArrayList<>();
        for (Path json : jsons) {
            String name = json.getFileName().toString().replaceFirst("\\.json$", "");
            Path weights = dir.resolve(name + "_weights.h5");
            try {
                ConvertedModel m = KerasReader.read(json, weights);
                assertFalse(m.layers().isEmpty());
                converted.add(name);
            } catch (ModelException e) {
                String msg = e.getMessage();
                if (!msg.contains(json.getFileName().toString()) || !msg.contains("is not supported")
                        || !(msg.contains("Keras class '") || msg.contains("_quantizer "))) {
                    fail(name + " failed without naming an unsupported class: " + msg);
                }
            }
        }
        assertTrue(converted.containsAll(List.of("KERAS_1layer", "KERAS_3layer", "KERAS_3layer_batch_norm",
                "KERAS_dense_16x100x100x100x100x100x5", "KERAS_dense_16x200x200x200x200x200x5",
                "KERAS_dense_16x500x500x500x500x500x5", "KERAS_conv1d_small", "KERAS_conv2d_model",
                "jetTagger_Conv2D_Small_NoBatchNorm", "qkeras_3layer", "qkeras_mnist_cnn", "qkeras_mnist_dense",
                "KERAS_3layer_binary_smaller", "KERAS_3layer_ternary_small", "KERAS_3layer_binarydense_relu_max",
                "keras_bnn", "KERAS_conv1d", "jetTagger_Conv2D_Small")), converted.toString());
        // only the GarNet models (a custom layer hls4ml handles outside its Keras layer set) are left unconverted
        List<String> failed = jsons.stream().map(j -> j.getFileName().toString().replaceFirst("\\.json$", ""))
                .filter(n -> !converted.contains(n)).toList();
        assertEquals(List.of("garnet_1layer", "garnet_3layer"), failed);
    }

    @Test
    void unsupportedClassMessageNamesFileLayerClassAndSupportedList() {
        ModelException e = assertThrows(ModelException.class, () -> pair("garnet_1layer"));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("garnet_1layer.json: layer 'gar_1' has Keras class 'GarNet'"), msg);
        for (String cls : KerasReader.supportedClasses()) {
            assertTrue(msg.contains(cls), msg);
        }
    }
}
