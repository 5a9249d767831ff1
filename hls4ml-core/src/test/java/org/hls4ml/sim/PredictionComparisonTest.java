package org.hls4ml.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionComparisonTest {

    private static List<String[]> rows(String... lines) {
        return java.util.Arrays.stream(lines).map(l -> l.trim().split("\\s+")).toList();
    }

    @Test
    void numericallyEqualTextIsAnExactMatch() {
        PredictionComparison c = PredictionComparison.compare(rows("1.0 0 0.5", "0.25 0.75 0"),
                rows("1 0.000 5e-1", "0.250 0.75 -0"));
        assertTrue(c.exactMatch(), c.describe());
        assertEquals(0.0, c.maxAbsDiff());
        assertEquals(1.0, c.argmaxAgreement());
        assertEquals(Optional.empty(), c.firstDifference());
        assertEquals("2 samples x 3 outputs, actual vs expected: exact match", c.describe());
    }

    @Test
    void statisticsAndFirstDifference() {
        PredictionComparison c = PredictionComparison.compare(
                rows("0.1 0.9", "0.6 0.4", "0.5 0.5", "0.3 0.7"),
                rows("0.1 0.9", "0.4 0.6", "0.5 0.5", "0.3 0.75"), "csim", "predictions");
        assertFalse(c.exactMatch());
        assertEquals(4, c.samples());
        assertEquals(2, c.outputs());
        assertEquals(3, c.differingValues());
        assertEquals(0.2, c.maxAbsDiff(), 1e-12);
        assertEquals((0.2 + 0.2 + 0.05) / 8, c.meanAbsDiff(), 1e-12);
        assertEquals(0.75, c.argmaxAgreement(), 1e-12); // sample 2 flips its top class
        assertEquals(Optional.of("line 2 value 1: csim 0.6, predictions 0.4"), c.firstDifference());
        String d = c.describe();
        assertTrue(d.startsWith("4 samples x 2 outputs, csim vs predictions: 3 of 8 values differ, max |diff| 0.200"),
                d);
        assertTrue(d.contains("argmax agrees on 75.00% (3/4)"), d);
        assertTrue(d.endsWith("first difference line 2 value 1: csim 0.6, predictions 0.4"), d);
    }

    @Test
    void shapeDifferencesAreReported() {
        PredictionComparison fewer = PredictionComparison.compare(rows("1 2"), rows("1 2", "3 4"));
        assertFalse(fewer.exactMatch());
        assertEquals(Optional.of("actual has 1 samples, expected 2"), fewer.shapeMismatch());
        assertEquals(Optional.of("line 2: only in expected (actual has 1 lines, expected 2)"),
                fewer.firstDifference());
        assertTrue(fewer.describe().contains("SHAPE MISMATCH"), fewer.describe());

        PredictionComparison narrower = PredictionComparison.compare(rows("1 2", "3"), rows("1 2", "3 4"));
        assertEquals(Optional.of("line 2: actual has 1 outputs, expected 2"), narrower.shapeMismatch());
        assertEquals(Optional.of("line 2: actual has 1 values, expected 2"), narrower.firstDifference());
    }

    @Test
    void comparesFilesAgainstTheReferenceFormat(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("csim_results.log");
        Path e = dir.resolve("tb_output_predictions.dat");
        Files.writeString(a, "0.0009765625 1\n-0.5 0.5\n");
        Files.writeString(e, "0.0009765625 1.0\n\n-0.5 0.5000\n");
        PredictionComparison c = PredictionComparison.compare(a, e);
        assertTrue(c.exactMatch(), c.describe());
        Files.writeString(a, "0.0009765625 1\n-0.5 0.4990234375\n");
        c = PredictionComparison.compare(a, e);
        assertEquals(Optional.of("line 2 value 2: csim_results.log 0.4990234375, tb_output_predictions.dat 0.5000"),
                c.firstDifference());
        assertEquals(0.0009765625, c.maxAbsDiff(), 0);
    }

    @Test
    void nanOnBothSidesIsEqual() {
        assertTrue(PredictionComparison.sameValue("nan", "NaN"));
        assertFalse(PredictionComparison.sameValue("nan", "0"));
        assertFalse(PredictionComparison.sameValue("inf", "-inf"));
        assertTrue(PredictionComparison.sameValue("-0", "0.0"));
    }
}
