package org.hls4ml.backends;

import java.util.List;

/**
 * A constant array the writer puts in its own header under {@code firmware/weights/}: a weight array or a lookup
 * table. {@code declaration} is the C++ declarator without initializer (e.g. {@code weight2_t w2[1024]}).
 */
public record CppArray(String fileName, String declaration, List<String> values, List<String> comments) {
    public CppArray {
        values = List.copyOf(values);
        comments = List.copyOf(comments);
    }
}
