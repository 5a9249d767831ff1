package org.hls4ml.testing;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small Keras models written the way Keras 2 saves them (architecture JSON + weights HDF5), for tests. */
public final class KerasModelFiles {

    private KerasModelFiles() {
    }

    /** The two files of a model. */
    public record Model(Path json, Path weights) {
    }

    /**
     * A Sequential stack of Dense layers with seeded random weights (uniform in +-1/sqrt(n_in), biases in +-0.25):
     * {@code units[i]} outputs and {@code activations[i]} ("relu", "softmax", "linear"...) for layer i, after an input
     * of {@code inputs} features.
     */
    public static Model denseStack(Path dir, String name, int inputs, int[] units, String[] activations, long seed)
            throws IOException {
        if (units.length != activations.length) {
            throw new IllegalArgumentException("one activation per layer");
        }
        StringBuilder json = new StringBuilder();
        json.append("{\"class_name\": \"Sequential\", \"config\": {\"name\": \"").append(name)
                .append("\", \"layers\": [\n  {\"class_name\": \"InputLayer\", \"config\": {\"name\": \"input_1\","
                        + " \"batch_input_shape\": [null, ").append(inputs).append("]}}");
        Map<String, Map<String, Object>> weights = new LinkedHashMap<>();
        Random r = new Random(seed);
        int nIn = inputs;
        for (int i = 0; i < units.length; i++) {
            String layer = "fc" + (i + 1);
            json.append(",\n  {\"class_name\": \"Dense\", \"config\": {\"name\": \"").append(layer)
                    .append("\", \"units\": ").append(units[i]).append(", \"activation\": \"").append(activations[i])
                    .append("\", \"use_bias\": true}}");
            float scale = (float) (1 / Math.sqrt(nIn));
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("kernel", randomMatrix(r, nIn, units[i], scale));
            w.put("bias", randomMatrix(r, 1, units[i], 0.25f)[0]);
            weights.put(layer, w);
            nIn = units[i];
        }
        json.append("]}}\n");
        Path j = Files.writeString(dir.resolve(name + ".json"), json);
        Path h5 = dir.resolve(name + "_weights.h5");
        writeWeights(h5, weights);
        return new Model(j, h5);
    }

    /**
     * One Keras Conv1D (input {@code [width, channels]}, one kernel size) or Conv2D (input
     * {@code [height, width, channels]}, kernel {@code [kh, kw]}) layer with a linear activation after an InputLayer,
     * named {@code conv}, with seeded random weights uniform in [-1, 1) and biases in [-0.5, 0.5). {@code extra} is
     * added to the layer's config as it is (JSON members, e.g. {@code "dilation_rate": [2]}), may be empty.
     *
     * @return the model files; the kernel (Keras layout {@code [k..., channels, filters]}, flattened in C order) and the
     *         biases are in {@link Conv#kernel()} and {@link Conv#bias()}
     */
    public static Conv convolution(Path dir, String name, int[] inputShape, int filters, int[] kernel, int[] strides,
                                   String padding, String extra, long seed) throws IOException {
        return convolution(dir, name, inputShape, filters, kernel, strides, padding, extra, seed, List.of(), Map.of());
    }

    /**
     * {@link #convolution(Path, String, int[], int, int[], int[], String, String, long)} followed by {@code after}, the
     * JSON objects of further Keras layers, with their weights {@code afterWeights} (as {@link #writeWeights}).
     */
    public static Conv convolution(Path dir, String name, int[] inputShape, int filters, int[] kernel, int[] strides,
                                   String padding, String extra, long seed, List<String> after,
                                   Map<String, Map<String, Object>> afterWeights) throws IOException {
        int rank = kernel.length;
        if (inputShape.length != rank + 1 || strides.length != rank) {
            throw new IllegalArgumentException("input shape, kernel and strides disagree on the rank");
        }
        int channels = inputShape[rank];
        Random r = new Random(seed);
        int taps = 1;
        for (int k : kernel) {
            taps *= k;
        }
        // rows = kernel taps x channels, C order over [k..., channels]
        float[][] flat = randomMatrix(r, taps * channels, filters, 1f);
        float[] bias = randomMatrix(r, 1, filters, 0.5f)[0];
        Object kernelArray;
        if (rank == 1) {
            float[][][] k = new float[kernel[0]][channels][];
            for (int t = 0; t < kernel[0]; t++) {
                for (int c = 0; c < channels; c++) {
                    k[t][c] = flat[t * channels + c];
                }
            }
            kernelArray = k;
        } else {
            float[][][][] k = new float[kernel[0]][kernel[1]][channels][];
            for (int h = 0; h < kernel[0]; h++) {
                for (int w = 0; w < kernel[1]; w++) {
                    for (int c = 0; c < channels; c++) {
                        k[h][w][c] = flat[(h * kernel[1] + w) * channels + c];
                    }
                }
            }
            kernelArray = k;
        }
        String json = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"" + name + "\", \"layers\": [\n"
                + "  {\"class_name\": \"InputLayer\", \"config\": {\"name\": \"input_1\", \"batch_input_shape\": [null, "
                + join(inputShape) + "]}},\n"
                + "  {\"class_name\": \"Conv" + rank + "D\", \"config\": {\"name\": \"conv\", \"filters\": " + filters
                + ", \"kernel_size\": [" + join(kernel) + "], \"strides\": [" + join(strides) + "], \"padding\": \""
                + padding + "\", \"activation\": \"linear\", \"use_bias\": true"
                + (extra.isEmpty() ? "" : ", " + extra) + "}}" + after.stream().map(l -> ",\n  " + l)
                .collect(java.util.stream.Collectors.joining()) + "]}}\n";
        Path j = Files.writeString(dir.resolve(name + ".json"), json);
        Path h5 = dir.resolve(name + "_weights.h5");
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("kernel", kernelArray);
        w.put("bias", bias);
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        all.put("conv", w);
        all.putAll(afterWeights);
        writeWeights(h5, all);
        double[] kernelValues = new double[taps * channels * filters];
        for (int row = 0; row < flat.length; row++) {
            for (int f = 0; f < filters; f++) {
                kernelValues[row * filters + f] = flat[row][f];
            }
        }
        double[] biasValues = new double[filters];
        for (int f = 0; f < filters; f++) {
            biasValues[f] = bias[f];
        }
        return new Conv(new Model(j, h5), kernelValues, biasValues);
    }

    /**
     * A Sequential model: an InputLayer of shape {@code inputShape}, then {@code layers}, each the JSON object of one
     * Keras layer as it is (e.g. {@code {"class_name": "MaxPooling2D", "config": {"name": "pool", "pool_size": [2, 2]}}}),
     * with the weights {@code weights} (layer name to weight name to array, as {@link #writeWeights}).
     */
    public static Model sequential(Path dir, String name, int[] inputShape, List<String> layers,
                                   Map<String, Map<String, Object>> weights) throws IOException {
        StringBuilder json = new StringBuilder("{\"class_name\": \"Sequential\", \"config\": {\"name\": \"" + name
                + "\", \"layers\": [\n  {\"class_name\": \"InputLayer\", \"config\": {\"name\": \"input_1\","
                + " \"batch_input_shape\": [null, " + join(inputShape) + "]}}");
        for (String layer : layers) {
            json.append(",\n  ").append(layer);
        }
        json.append("]}}\n");
        Path j = Files.writeString(dir.resolve(name + ".json"), json);
        Path h5 = dir.resolve(name + "_weights.h5");
        // a model without weights still gets a file (jHDF cannot write an empty layer_names): the input's empty group
        writeWeights(h5, weights.isEmpty() ? Map.of("input_1", Map.of()) : weights);
        return new Model(j, h5);
    }

    /** A convolution model and its weights as doubles (the float32 values, exactly). */
    public record Conv(Model files, double[] kernel, double[] bias) {
    }

    private static String join(int[] values) {
        StringBuilder sb = new StringBuilder();
        for (int v : values) {
            sb.append(sb.length() == 0 ? "" : ", ").append(v);
        }
        return sb.toString();
    }

    /** Writes Keras-2-style weights: group LAYER with weight_names, datasets LAYER/LAYER/KEY:0. */
    public static void writeWeights(Path file, Map<String, Map<String, Object>> layers) {
        try (WritableHdfFile f = HdfFile.write(file)) {
            f.putAttribute("layer_names", layers.keySet().toArray(new String[0]));
            for (var layer : layers.entrySet()) {
                WritableGroup g = f.putGroup(layer.getKey());
                if (!layer.getValue().isEmpty()) { // jHDF cannot write an empty string array: no weight_names
                    g.putAttribute("weight_names", layer.getValue().keySet().stream()
                            .map(k -> layer.getKey() + "/" + k + ":0").toArray(String[]::new));
                }
                WritableGroup inner = g.putGroup(layer.getKey());
                layer.getValue().forEach((k, v) -> inner.putDataset(k + ":0", v));
            }
        }
    }

    /** rows x cols values uniform in [-scale, scale). */
    public static float[][] randomMatrix(Random r, int rows, int cols, float scale) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = (r.nextFloat() * 2 - 1) * scale;
            }
        }
        return m;
    }
}
