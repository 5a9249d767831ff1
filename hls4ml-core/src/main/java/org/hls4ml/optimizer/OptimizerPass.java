package org.hls4ml.optimizer;

/**
 * A pass over the model graph. Kinds: {@link LayerOptimizerPass} (match and transform one layer),
 * {@link GlobalOptimizerPass} (every layer), {@link ModelOptimizerPass} (the whole model once),
 * {@link ConfigurablePass} (takes parameters), {@link TemplatePass} (fills a layer's C++ text), and passes registered
 * from annotated backend methods ({@link LayerOptimizer}).
 */
public interface OptimizerPass {

    /** Name without the backend prefix, e.g. {@code eliminate_linear_activation}. */
    String name();

    /** One line for the registry listing and error messages. */
    String summary();
}
