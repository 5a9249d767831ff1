package org.hls4ml.converters.keras;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hls4ml.converters.ConvertedLayer;
import org.hls4ml.converters.ConvertedModel;
import org.hls4ml.converters.NDArray;

/** A plain double forward pass over a converted dense model, to check the reader against Keras' own outputs. */
final class FloatForward {

    private FloatForward() {
    }

    static double[] run(ConvertedModel model, double[] input) {
        Map<String, double[]> values = new HashMap<>();
        for (ConvertedLayer l : model.layers()) {
            double[] x = l.inputs().isEmpty() ? input : values.get(l.inputs().get(0));
            values.put(l.outputs().get(0), apply(l, x));
        }
        return values.get(model.outputNames().get(0));
    }

    private static double[] apply(ConvertedLayer l, double[] x) {
        switch (l.className()) {
            case "Input", "Reshape":
                return x;
            case "Dense": {
                NDArray w = l.weights().get("weight");
                NDArray b = l.weights().get("bias");
                int nIn = w.dim(0);
                int nOut = w.dim(1);
                double[] y = new double[nOut];
                for (int j = 0; j < nOut; j++) {
                    double s = 0;
                    for (int i = 0; i < nIn; i++) {
                        s += x[i] * w.data()[i * nOut + j];
                    }
                    y[j] = s + b.data()[j];
                }
                return y;
            }
            case "BatchNormalization": {
                double eps = (Double) l.attributes().get("epsilon");
                double[] g = l.weights().get("gamma").data();
                double[] be = l.weights().get("beta").data();
                double[] m = l.weights().get("moving_mean").data();
                double[] v = l.weights().get("moving_variance").data();
                double[] y = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    int c = i % g.length;
                    y[i] = (x[i] - m[c]) / Math.sqrt(v[c] + eps) * g[c] + be[c];
                }
                return y;
            }
            case "Softmax": {
                double max = Double.NEGATIVE_INFINITY;
                for (double d : x) {
                    max = Math.max(max, d);
                }
                double sum = 0;
                double[] y = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    y[i] = Math.exp(x[i] - max);
                    sum += y[i];
                }
                for (int i = 0; i < x.length; i++) {
                    y[i] /= sum;
                }
                return y;
            }
            case "Activation": {
                String act = (String) l.attributes().get("activation");
                double[] y = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    y[i] = switch (act) {
                        case "linear" -> x[i];
                        case "relu" -> Math.max(0, x[i]);
                        case "sigmoid" -> 1 / (1 + Math.exp(-x[i]));
                        case "tanh" -> Math.tanh(x[i]);
                        default -> throw new IllegalArgumentException("activation " + act);
                    };
                }
                return y;
            }
            default:
                throw new IllegalArgumentException("layer class " + l.className());
        }
    }

    static double[][] readRows(java.nio.file.Path file, int maxRows) throws java.io.IOException {
        List<String> lines = java.nio.file.Files.readAllLines(file);
        int n = Math.min(maxRows, lines.size());
        double[][] rows = new double[n][];
        for (int r = 0; r < n; r++) {
            String[] parts = lines.get(r).trim().split("\\s+");
            rows[r] = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                rows[r][i] = Double.parseDouble(parts[i]);
            }
        }
        return rows;
    }
}
