package org.hls4ml.optimizer;

import java.util.List;

/** A named, ordered list of passes, applied after the flows it requires. */
public record Flow(String name, List<String> passes, List<String> requires, String summary) {
    public Flow {
        passes = List.copyOf(passes);
        requires = List.copyOf(requires);
    }
}
