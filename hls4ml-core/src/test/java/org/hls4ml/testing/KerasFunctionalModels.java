package org.hls4ml.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Small Keras functional models (several inputs, forks, merges) written as Keras 2 saves them: architecture JSON with
 * {@code inbound_nodes} plus an HDF5 weights file ({@link KerasModelFiles#writeWeights}).
 */
public final class KerasFunctionalModels {

    private KerasFunctionalModels() {
    }

    /** One layer: its name, Keras class, the members of its config besides the name (may be empty) and what it reads. */
    public record Node(String name, String kerasClass, String config, List<String> inbound) {
    }

    public static Node input(String name, int... shape) {
        StringBuilder s = new StringBuilder("\"batch_input_shape\": [null");
        for (int d : shape) {
            s.append(", ").append(d);
        }
        return new Node(name, "InputLayer", s.append(']').toString(), List.of());
    }

    public static Node layer(String name, String kerasClass, String config, String... inbound) {
        return new Node(name, kerasClass, config, List.of(inbound));
    }

    /** Writes {@code <name>.json} and {@code <name>_weights.h5}; inputs and outputs by layer name. */
    public static KerasModelFiles.Model write(Path dir, String name, List<Node> nodes, List<String> inputs,
                                              List<String> outputs, Map<String, Map<String, Object>> weights)
            throws IOException {
        List<String> layers = new ArrayList<>();
        for (Node n : nodes) {
            List<String> in = n.inbound().stream().map(i -> "[\"" + i + "\", 0, 0, {}]").toList();
            layers.add("{\"class_name\": \"" + n.kerasClass() + "\", \"name\": \"" + n.name() + "\", \"config\": {\"name\": \""
                    + n.name() + "\"" + (n.config().isEmpty() ? "" : ", " + n.config()) + "}, \"inbound_nodes\": "
                    + (in.isEmpty() ? "[]" : "[[" + String.join(", ", in) + "]]") + "}");
        }
        String json = "{\"class_name\": \"Functional\", \"config\": {\"name\": \"" + name + "\", \"layers\": [\n  "
                + String.join(",\n  ", layers) + "],\n \"input_layers\": [" + endpoints(inputs)
                + "], \"output_layers\": [" + endpoints(outputs) + "]}}\n";
        Path j = Files.writeString(dir.resolve(name + ".json"), json);
        Path h5 = dir.resolve(name + "_weights.h5");
        KerasModelFiles.writeWeights(h5, weights.isEmpty() ? Map.of(inputs.get(0), Map.of()) : weights);
        return new KerasModelFiles.Model(j, h5);
    }

    private static String endpoints(List<String> names) {
        return String.join(", ", names.stream().map(n -> "[\"" + n + "\", 0, 0]").toList());
    }
}
