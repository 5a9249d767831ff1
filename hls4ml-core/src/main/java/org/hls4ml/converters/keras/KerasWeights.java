package org.hls4ml.converters.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hls4ml.api.ModelException;
import org.hls4ml.converters.NDArray;

/**
 * The weight arrays of a Keras 2 HDF5 file: either a weights file ({@code model.save_weights(...h5)}, layer groups at
 * the root) or a full-model file ({@code model.save(...h5)}, layer groups under {@code model_weights}).
 *
 * <p>Each layer group carries a {@code weight_names} attribute (e.g. {@code fc1/kernel:0}) naming its datasets relative
 * to the group; arrays are returned under their short name ({@code kernel}, {@code bias}, {@code gamma}, ...).
 * Every jhdf failure is turned into a {@link ModelException} naming the file.
 */
final class KerasWeights implements AutoCloseable {

    private final Path file;
    private final String role;
    private final HdfFile hdf;
    private final String weightsGroup;
    private final Map<String, Map<String, NDArray>> cache = new LinkedHashMap<>();

    private KerasWeights(Path file, String role, HdfFile hdf, String weightsGroup) {
        this.file = file;
        this.role = role;
        this.hdf = hdf;
        this.weightsGroup = weightsGroup;
    }

    /**
     * Opens an HDF5 file.
     *
     * @param role         how messages call the file, e.g. "weights file" or "model file"
     * @param weightsGroup the group holding the layer groups ("" for the root)
     */
    static KerasWeights open(Path file, String role, String weightsGroup) {
        KerasReader.requireReadableFile(file, role,
                "pass the HDF5 file written by Keras' model.save_weights(...) or model.save(...)");
        HdfFile hdf = null;
        try {
            hdf = new HdfFile(file);
            hdf.getAttributes();
            hdf.getChildren();
            return new KerasWeights(file, role, hdf, weightsGroup);
        } catch (RuntimeException e) {
            closeQuietly(hdf);
            throw new ModelException(role + " " + file + " is not a valid HDF5 file (truncated or corrupt?): "
                    + describe(e) + ". Pass the HDF5 file written by Keras (model.save_weights(...) or model.save(...)).", e);
        }
    }

    Path file() {
        return file;
    }

    /** A string attribute of the file's root group, or null when absent. */
    String rootStringAttribute(String name) {
        try {
            Attribute a = hdf.getAttribute(name);
            if (a == null) {
                return null;
            }
            Object data = a.getData();
            if (data instanceof String s) {
                return s;
            }
            if (data instanceof String[] arr && arr.length == 1) {
                return arr[0];
            }
            if (data instanceof byte[] bytes) {
                return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            }
            throw new ModelException(role + " " + file + ": attribute '" + name + "' is not a string (found "
                    + (data == null ? "nothing" : data.getClass().getSimpleName()) + ")");
        } catch (ModelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw corrupt("reading attribute '" + name + "'", e);
        }
    }

    /**
     * The arrays stored for a layer, by short name, in the order of the layer's {@code weight_names}; empty when the
     * file has no group (or no arrays) for the layer.
     */
    Map<String, NDArray> layerArrays(String layerName) {
        return cache.computeIfAbsent(layerName, this::load);
    }

    private Map<String, NDArray> load(String layerName) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        try {
            Group root = weightsRoot();
            if (root == null) {
                return out;
            }
            Node node = root.getChildren().get(layerName);
            if (!(node instanceof Group group)) {
                return out;
            }
            List<String> names = weightNames(group);
            if (names == null) {
                collectDatasets(group, out);
                return out;
            }
            for (String wn : names) {
                Node d;
                try {
                    d = group.getByPath(wn);
                } catch (RuntimeException e) {
                    throw corrupt("reading dataset '" + wn + "' of layer '" + layerName + "'", e);
                }
                if (!(d instanceof Dataset ds)) {
                    throw new ModelException(role + " " + file + ": layer group '" + group.getPath()
                            + "' lists weight '" + wn + "' but holds no such dataset; the file is not a valid"
                            + " Keras weights file (truncated or corrupt?)");
                }
                out.putIfAbsent(shortName(wn), toArray(ds));
            }
            return out;
        } catch (ModelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw corrupt("reading the arrays of layer '" + layerName + "'", e);
        }
    }

    private Group weightsRoot() {
        if (weightsGroup.isEmpty()) {
            return hdf;
        }
        Node n = hdf.getChildren().get(weightsGroup);
        return n instanceof Group g ? g : null;
    }

    private static List<String> weightNames(Group group) {
        Attribute a = group.getAttribute("weight_names");
        if (a == null) {
            return null;
        }
        Object data = a.getData();
        if (data instanceof String[] arr) {
            return List.of(arr);
        }
        if (data instanceof String s) {
            return List.of(s);
        }
        return List.of();   // an empty attribute (h5py writes an empty float array): no weights
    }

    private void collectDatasets(Group group, Map<String, NDArray> out) {
        for (Node child : group) {
            if (child instanceof Dataset ds) {
                out.putIfAbsent(shortName(child.getName()), toArray(ds));
            } else if (child instanceof Group g) {
                collectDatasets(g, out);
            }
        }
    }

    /** "fc1/kernel:0" -> "kernel". */
    static String shortName(String weightName) {
        String s = weightName;
        int slash = s.lastIndexOf('/');
        if (slash >= 0) {
            s = s.substring(slash + 1);
        }
        int colon = s.lastIndexOf(':');
        if (colon > 0) {
            s = s.substring(0, colon);
        }
        return s;
    }

    private NDArray toArray(Dataset ds) {
        int[] shape = ds.isScalar() ? new int[0] : ds.getDimensions();
        Object flat = ds.getDataFlat();
        double[] values;
        if (flat instanceof float[] f) {
            values = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                values[i] = f[i];
            }
        } else if (flat instanceof double[] d) {
            values = d.clone();
        } else if (flat instanceof int[] v) {
            values = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                values[i] = v[i];
            }
        } else if (flat instanceof long[] v) {
            values = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                values[i] = v[i];
            }
        } else if (flat instanceof short[] v) {
            values = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                values[i] = v[i];
            }
        } else if (flat instanceof byte[] v) {
            values = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                values[i] = v[i];
            }
        } else if (flat instanceof Number n) {
            values = new double[] {n.doubleValue()};
        } else {
            throw new ModelException(role + " " + file + ": dataset '" + ds.getPath() + "' holds "
                    + (flat == null ? "no data" : flat.getClass().getSimpleName()) + ", not numbers");
        }
        return new NDArray(shape, values);
    }

    private ModelException corrupt(String what, RuntimeException e) {
        return new ModelException(role + " " + file + " could not be read while " + what
                + ": it is not a valid HDF5 file (truncated or corrupt?): " + describe(e), e);
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }

    private static void closeQuietly(HdfFile hdf) {
        if (hdf != null) {
            try {
                hdf.close();
            } catch (RuntimeException ignored) {
                // already failing
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(hdf);
    }

    static boolean looksLikeZip(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
