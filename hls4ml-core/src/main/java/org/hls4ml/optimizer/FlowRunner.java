package org.hls4ml.optimizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.Hls4mlException;
import org.hls4ml.model.Layer;
import org.hls4ml.model.ModelGraph;

/**
 * Applies flows to a model: each requested flow after the flows it requires (each flow once), and inside a flow the
 * passes in order until none changes the graph (a change starts the flow's pass list over, as hls4ml does).
 */
public final class FlowRunner {

    /** Upper bound on restarts of one flow; a pass that always reports a change would otherwise loop forever. */
    private static final int MAX_RESTARTS = 10_000;

    private final OptimizerRegistry registry;
    private final Path dumpDir;
    private final List<String> applied = new ArrayList<>();
    private int dumpCount;

    /**
     * @param dumpDir when not null, the graph is written there as text after every pass ({@code NNN_<pass>.txt})
     */
    public FlowRunner(OptimizerRegistry registry, Path dumpDir) {
        this.registry = registry;
        this.dumpDir = dumpDir;
    }

    /** The flows in the order they will run: requirements first, each once. */
    public List<String> plan(List<String> flowNames) {
        LinkedHashSet<String> order = new LinkedHashSet<>();
        for (String f : flowNames) {
            visit(f, order, new HashSet<>());
        }
        return List.copyOf(order);
    }

    private void visit(String name, LinkedHashSet<String> order, Set<String> stack) {
        if (order.contains(name)) {
            return;
        }
        if (!stack.add(name)) {
            throw new ConfigurationException("flow '" + name + "' requires itself through " + stack);
        }
        Flow f = registry.flow(name);
        for (String r : f.requires()) {
            visit(r, order, stack);
        }
        for (String p : f.passes()) {
            registry.pass(p);
        }
        stack.remove(name);
        order.add(name);
    }

    /** Runs the flows (with their requirements) on the model. Returns the flows applied, in order. */
    public List<String> run(ModelGraph model, List<String> flowNames) {
        List<String> order = plan(flowNames);
        for (String f : order) {
            runFlow(model, registry.flow(f));
            applied.add(f);
        }
        return order;
    }

    public List<String> applied() {
        return List.copyOf(applied);
    }

    private void runFlow(ModelGraph model, Flow flow) {
        Set<String> modelPassesDone = new HashSet<>();
        for (int restart = 0; restart < MAX_RESTARTS; restart++) {
            boolean changed = false;
            for (String passName : flow.passes()) {
                OptimizerPass pass = registry.pass(passName);
                changed = apply(model, passName, pass, modelPassesDone);
                dump(model, passName);
                if (changed) {
                    break;
                }
            }
            if (!changed) {
                return;
            }
        }
        throw new Hls4mlException("flow " + flow.name() + " did not settle after " + MAX_RESTARTS
                + " restarts; a pass keeps reporting changes");
    }

    private boolean apply(ModelGraph model, String passName, OptimizerPass pass, Set<String> modelPassesDone) {
        if (pass instanceof ModelOptimizerPass mp) {
            if (!modelPassesDone.add(passName)) {
                return false;
            }
            return mp.transform(model);
        }
        if (!(pass instanceof LayerOptimizerPass lp)) {
            throw new IllegalStateException("pass " + passName + " is neither a layer nor a model pass");
        }
        for (Layer l : new ArrayList<>(model.layers())) {
            if (model.layers().contains(l) && lp.match(l) && lp.transform(model, l)) {
                return true;
            }
        }
        return false;
    }

    private void dump(ModelGraph model, String passName) {
        if (dumpDir == null) {
            return;
        }
        try {
            Files.createDirectories(dumpDir);
            String file = String.format("%03d_%s.txt", ++dumpCount, passName.replace(':', '_'));
            Files.writeString(dumpDir.resolve(file), model.dump());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the graph dump to " + dumpDir, e);
        }
    }
}
