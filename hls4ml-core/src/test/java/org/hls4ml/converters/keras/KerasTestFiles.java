package org.hls4ml.converters.keras;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes small Keras-2-style HDF5 weight files with jhdf's writer, for tests. */
final class KerasTestFiles {

    private KerasTestFiles() {
    }

    /**
     * Writes layer groups {@code LAYER/LAYER/KEY:0} with a {@code weight_names} attribute, under {@code prefix}
     * ("" for a weights file, "model_weights" for a full model). Arrays are float[] or float[][].
     * Layers without arrays get no group (jhdf 0.9.4 writes empty groups that it cannot read back).
     */
    static void writeWeights(Path file, String prefix, Map<String, Map<String, Object>> layers, String modelConfig) {
        try (WritableHdfFile f = HdfFile.write(file)) {
            if (modelConfig != null) {
                f.putAttribute("model_config", modelConfig);
            }
            WritableGroup root = prefix.isEmpty() ? f : f.putGroup(prefix);
            if (!layers.isEmpty()) {
                root.putAttribute("layer_names", layers.keySet().toArray(new String[0]));
            } else {
                root.putDataset("placeholder", new float[] {0f}); // jhdf cannot read back empty groups
            }
            for (var layer : layers.entrySet()) {
                String name = layer.getKey();
                WritableGroup g = root.putGroup(name);
                List<String> weightNames = new ArrayList<>();
                for (String key : layer.getValue().keySet()) {
                    weightNames.add(name + "/" + key + ":0");
                }
                g.putAttribute("weight_names", weightNames.toArray(new String[0]));
                WritableGroup inner = g.putGroup(name);
                for (var a : layer.getValue().entrySet()) {
                    inner.putDataset(a.getKey() + ":0", a.getValue());
                }
            }
        }
    }

    static float[] vector(int n, float start, float step) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = start + i * step;
        }
        return v;
    }

    static float[][] matrix(int r, int c, float start, float step) {
        float[][] m = new float[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                m[i][j] = start + (i * c + j) * step;
            }
        }
        return m;
    }
}
