package org.hls4ml.model.layers;

import java.util.ArrayList;
import java.util.List;
import org.hls4ml.converters.NDArray;
import org.hls4ml.model.AttributeSpec;
import org.hls4ml.model.WeightVariable;

/**
 * Keras' PReLU as hls4ml's prelu: {@code res[i] = x[i] > 0 ? x[i] : alpha[i] * x[i]} with one alpha per element,
 * held in {@code param_t} (array {@code a<i>}); the product is exact, then converted to the result type.
 */
public final class PReLU extends Activation {

    public PReLU(String name, List<String> inputs, List<String> outputs) {
        super(name, inputs, outputs);
    }

    @Override
    public String className() {
        return "PReLU";
    }

    @Override
    protected List<AttributeSpec> ownAttributes() {
        List<AttributeSpec> all = new ArrayList<>(super.ownAttributes());
        all.add(AttributeSpec.weight("alpha", "the slope below zero of each element"));
        return all;
    }

    @Override
    protected void initTypes() {
        super.initTypes();
        set("param_t", model().resolveType(this, "param", name() + "_param_t", null));
        NDArray a = get("alpha_data", NDArray.class);
        if (a != null) {
            set("alpha", new WeightVariable("a" + index(), new NDArray(new int[] {a.size()}, a.data()),
                    type("param_t")));
        }
        set("alpha_data", null);
    }

    @Override
    protected void validateMore(List<String> problems) {
        super.validateMore(problems);
        WeightVariable a = get("alpha", WeightVariable.class);
        if (a == null) {
            problems.add("has no alpha weights");
        } else if (a.size() != input().size()) {
            problems.add("alpha has " + a.size() + " values, the input " + input().size());
        }
        if (!"prelu".equals(getString("activation"))) {
            problems.add("activation must be prelu, is " + getString("activation"));
        }
    }
}
