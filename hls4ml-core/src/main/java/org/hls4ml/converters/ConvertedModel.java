package org.hls4ml.converters;

import java.nio.file.Path;
import java.util.List;

/**
 * A whole model as a converter reads it: its layers in topological order, and the names of the model's input and
 * output tensors.
 */
public record ConvertedModel(List<ConvertedLayer> layers, List<String> inputNames, List<String> outputNames,
                             Path source) {

    public ConvertedModel {
        layers = List.copyOf(layers);
        inputNames = List.copyOf(inputNames);
        outputNames = List.copyOf(outputNames);
    }
}
