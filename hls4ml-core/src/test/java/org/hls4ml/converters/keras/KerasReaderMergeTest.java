package org.hls4ml.converters.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hls4ml.api.ModelException;
import org.hls4ml.converters.ConvertedLayer;
import org.hls4ml.converters.ConvertedModel;
import org.hls4ml.testing.KerasFunctionalModels;
import org.hls4ml.testing.KerasModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keras' merge layers become hls4ml's Merge (op) and Concatenate (axis) reading both tensors in Keras' order. */
class KerasReaderMergeTest {

    @TempDir
    Path tmp;

    private ConvertedModel read(int[] s1, int[] s2, String kerasClass, String config, String... inbound)
            throws Exception {
        KerasModelFiles.Model m = KerasFunctionalModels.write(tmp, "m", List.of(KerasFunctionalModels.input("a", s1),
                KerasFunctionalModels.input("b", s2),
                KerasFunctionalModels.layer("merge", kerasClass, config, inbound)),
                List.of("a", "b"), List.of("merge"), Map.of());
        return KerasReader.read(m.json(), m.weights());
    }

    @ParameterizedTest
    @CsvSource({"Add, add", "Subtract, subtract", "Multiply, multiply", "Average, average", "Maximum, maximum",
            "Minimum, minimum"})
    void elementWiseMergesBecomeMergeWithTheirOp(String kerasClass, String op) throws Exception {
        ConvertedModel m = read(new int[] {3, 4}, new int[] {3, 4}, kerasClass, "", "b", "a");
        ConvertedLayer l = KerasReaderModelsTest.layer(m, "merge");
        assertEquals("Merge", l.className());
        assertEquals(Map.of("op", op), l.attributes());
        assertEquals(List.of("b", "a"), l.inputs()); // Keras' operand order (Subtract: b - a)
        assertEquals(List.of("a", "b"), m.inputNames());
        assertEquals(List.of("merge"), m.outputNames());
    }

    @Test
    void concatenateKeepsKerasAxis() throws Exception {
        ConvertedLayer l = KerasReaderModelsTest.layer(read(new int[] {2, 3, 4}, new int[] {2, 5, 4}, "Concatenate",
                "\"axis\": -2", "a", "b"), "merge");
        assertEquals("Concatenate", l.className());
        assertEquals(Map.of("axis", -2), l.attributes());
        assertEquals(List.of("a", "b"), l.inputs());
    }

    @Test
    void aTensorReadTwiceIsTwoInputs() throws Exception {
        ConvertedLayer l = KerasReaderModelsTest.layer(read(new int[] {4}, new int[] {4}, "Multiply", "", "a", "a"),
                "merge");
        assertEquals(List.of("a", "a"), l.inputs());
    }

    @Test
    void unequalShapesFailNamingTheLayer() throws Exception {
        ModelException e = assertThrows(ModelException.class,
                () -> read(new int[] {4}, new int[] {5}, "Add", "", "a", "b"));
        assertTrue(e.getMessage().contains("layer 'merge' (Add)") && e.getMessage().contains("[4] and [5] differ"),
                e.getMessage());
    }

    @Test
    void concatenateOnTheBatchAxisOrMismatchedShapesFails() throws Exception {
        ModelException batch = assertThrows(ModelException.class,
                () -> read(new int[] {2, 3}, new int[] {2, 3}, "Concatenate", "\"axis\": 0", "a", "b"));
        assertTrue(batch.getMessage().contains("config 'axis' is 0"), batch.getMessage());
        ModelException outside = assertThrows(ModelException.class,
                () -> read(new int[] {2, 3}, new int[] {2, 3}, "Concatenate", "\"axis\": 3", "a", "b"));
        assertTrue(outside.getMessage().contains("config 'axis' is 3"), outside.getMessage());
        ModelException shape = assertThrows(ModelException.class,
                () -> read(new int[] {2, 3}, new int[] {3, 3}, "Concatenate", "\"axis\": -1", "a", "b"));
        assertTrue(shape.getMessage().contains("differ outside axis -1"), shape.getMessage());
    }

    @Test
    void threeInputsFail() throws Exception {
        KerasModelFiles.Model m = KerasFunctionalModels.write(tmp, "three", List.of(KerasFunctionalModels.input("a", 4),
                KerasFunctionalModels.input("b", 4), KerasFunctionalModels.input("c", 4),
                KerasFunctionalModels.layer("sum", "Add", "", "a", "b", "c")),
                List.of("a", "b", "c"), List.of("sum"), Map.of());
        ModelException e = assertThrows(ModelException.class, () -> KerasReader.read(m.json(), m.weights()));
        assertTrue(e.getMessage().contains("layer 'sum' (Add): has 3 inputs"), e.getMessage());
    }
}
