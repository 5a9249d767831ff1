package org.hls4ml.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.hls4ml.types.NamedType;
import org.hls4ml.types.PrecisionType;

/**
 * An attribute a layer class expects: its name, value type, default, whether the configuration may set it, and the
 * allowed choices. hls4ml's {@code Attribute}, {@code ConfigurableAttribute}, {@code TypeAttribute},
 * {@code ChoiceAttribute}, {@code WeightAttribute} and {@code VariableAttribute} in one record.
 *
 * @param name         attribute name (snake case, e.g. {@code reuse_factor}); type attributes end in {@code _t}
 * @param valueType    the Java type of the value
 * @param defaultValue default, or null when the attribute is required (or computed during initialization)
 * @param configurable whether a configuration (HLSConfig) may set it
 * @param choices      allowed values (lower case strings for choice attributes), empty when any value is allowed
 * @param description  one line for documentation and error messages
 */
public record AttributeSpec(String name, Class<?> valueType, Object defaultValue, boolean configurable,
                            List<Object> choices, String description) {

    public AttributeSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(valueType);
        choices = List.copyOf(choices);
        description = description == null ? "" : description;
    }

    public static AttributeSpec required(String name, Class<?> type, String description) {
        return new AttributeSpec(name, type, null, false, List.of(), description);
    }

    public static AttributeSpec withDefault(String name, Class<?> type, Object def, String description) {
        return new AttributeSpec(name, type, def, false, List.of(), description);
    }

    public static AttributeSpec configurable(String name, Class<?> type, Object def, String description) {
        return new AttributeSpec(name, type, def, true, List.of(), description);
    }

    public static AttributeSpec choice(String name, String def, List<String> choices, String description) {
        return new AttributeSpec(name, String.class, def, true, List.copyOf(choices), description);
    }

    /** A configurable precision attribute ({@code <name>_t}); its default may come from the model default. */
    public static AttributeSpec type(String name, PrecisionType def, String description) {
        return new AttributeSpec(name, NamedType.class, def, true, List.of(), description);
    }

    /** A weight array attribute (filled by the converter). */
    public static AttributeSpec weight(String name, String description) {
        return new AttributeSpec(name, WeightVariable.class, null, false, List.of(), description);
    }

    /** A tensor variable attribute (created during initialization). */
    public static AttributeSpec variable(String name, String description) {
        return new AttributeSpec(name, TensorVariable.class, null, false, List.of(), description);
    }

    public boolean isType() {
        return valueType == NamedType.class;
    }

    public boolean isChoice() {
        return !choices.isEmpty();
    }

    /**
     * Converts a configuration value (from YAML, JSON or a plugin parameter) to this attribute's value type;
     * returns null when it cannot.
     */
    public Object coerce(Object value) {
        if (value == null) {
            return null;
        }
        if (valueType.isInstance(value)) {
            return isChoice() && value instanceof String s ? s.toLowerCase(Locale.ROOT) : value;
        }
        Function<String, Object> fromString = s -> {
            try {
                if (valueType == Integer.class) {
                    return Integer.valueOf(s.trim());
                }
                if (valueType == Double.class) {
                    return Double.valueOf(s.trim());
                }
                if (valueType == Boolean.class) {
                    String t = s.trim().toLowerCase(Locale.ROOT);
                    return t.equals("true") ? Boolean.TRUE : t.equals("false") ? Boolean.FALSE : null;
                }
            } catch (NumberFormatException e) {
                return null;
            }
            return null;
        };
        if (value instanceof String s) {
            return fromString.apply(s);
        }
        if (valueType == Integer.class && value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        if (valueType == Double.class && value instanceof Number n) {
            return n.doubleValue();
        }
        return null;
    }

    /** Returns an error text when the value is not valid for this attribute, else null. */
    public String check(Object value) {
        if (value == null) {
            return "is missing";
        }
        if (!valueType.isInstance(value)) {
            return "must be " + typeName() + ", got " + value.getClass().getSimpleName() + " '" + value + "'";
        }
        if (isChoice() && !choices.contains(value instanceof String s ? s.toLowerCase(Locale.ROOT) : value)) {
            return "is '" + value + "', must be one of " + choices;
        }
        return null;
    }

    public String typeName() {
        if (valueType == NamedType.class) {
            return "a precision such as ap_fixed<16,6>";
        }
        if (isChoice()) {
            return "one of " + choices;
        }
        return switch (valueType.getSimpleName()) {
            case "Integer" -> "an integer";
            case "Double" -> "a number";
            case "Boolean" -> "true or false";
            case "String" -> "a string";
            default -> valueType.getSimpleName();
        };
    }
}
