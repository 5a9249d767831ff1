package org.hls4ml.sim;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Simulated outputs against expected predictions ({@code csim_results.log} against {@code tb_output_predictions.dat}).
 * Values are compared over the samples and outputs both sides have; a difference in the number of samples or of
 * values per sample is reported by {@link #shapeMismatch()} and makes {@link #exactMatch()} false.
 *
 * <p>Exact equality is numeric, as {@link BigDecimal}: "1.0" equals "1", "0.50" equals "5e-1"; nan equals nan.
 */
public final class PredictionComparison {

    private final String actualName;
    private final String expectedName;
    private final int actualSamples;
    private final int expectedSamples;
    private final int comparedSamples;
    private final int outputs;
    private final long comparedValues;
    private final long differingValues;
    private final double maxAbsDiff;
    private final double meanAbsDiff;
    private final int argmaxAgreeing;
    private final Optional<String> shapeMismatch;
    private final Optional<String> firstDifference;

    private PredictionComparison(String actualName, String expectedName, List<String[]> actual,
                                 List<String[]> expected) {
        this.actualName = actualName;
        this.expectedName = expectedName;
        this.actualSamples = actual.size();
        this.expectedSamples = expected.size();
        this.comparedSamples = Math.min(actualSamples, expectedSamples);
        this.outputs = actual.isEmpty() ? (expected.isEmpty() ? 0 : expected.get(0).length) : actual.get(0).length;
        this.shapeMismatch = shapeProblem(actualName, expectedName, actual, expected);
        this.firstDifference = firstDifference(actual, expected, actualName, expectedName);

        long values = 0;
        long differing = 0;
        double max = 0;
        double sum = 0;
        int agree = 0;
        for (int s = 0; s < comparedSamples; s++) {
            String[] a = actual.get(s);
            String[] e = expected.get(s);
            int n = Math.min(a.length, e.length);
            double[] av = new double[n];
            double[] ev = new double[n];
            for (int i = 0; i < n; i++) {
                av[i] = DatFile.toDouble(a[i]);
                ev[i] = DatFile.toDouble(e[i]);
                double d = Math.abs(av[i] - ev[i]);
                if (Double.isNaN(av[i]) && Double.isNaN(ev[i])) {
                    d = 0;
                }
                max = Double.isNaN(d) || Double.isNaN(max) ? Double.NaN : Math.max(max, d);
                sum += d;
                values++;
                if (!sameValue(a[i], e[i])) {
                    differing++;
                }
            }
            if (n > 0 && argmax(av) == argmax(ev)) {
                agree++;
            }
        }
        this.comparedValues = values;
        this.differingValues = differing;
        this.maxAbsDiff = max;
        this.meanAbsDiff = values == 0 ? 0 : sum / values;
        this.argmaxAgreeing = agree;
    }

    /** Compares rows already read (e.g. with {@link DatFile#readRaw}). */
    public static PredictionComparison compare(List<String[]> actual, List<String[]> expected) {
        return new PredictionComparison("actual", "expected", actual, expected);
    }

    /** Compares rows already read, naming the two sides in messages (e.g. "csim", "predictions"). */
    public static PredictionComparison compare(List<String[]> actual, List<String[]> expected, String actualName,
                                               String expectedName) {
        return new PredictionComparison(actualName, expectedName, actual, expected);
    }

    /** Reads both files (each must be consistent in itself) and compares them, naming the sides by file name. */
    public static PredictionComparison compare(Path actualFile, Path expectedFile) throws IOException {
        return new PredictionComparison(actualFile.getFileName().toString(), expectedFile.getFileName().toString(),
                DatFile.readRaw(actualFile), DatFile.readRaw(expectedFile));
    }

    /**
     * The first value that differs (or the first line whose value count differs, or the first missing line):
     * "line 17 value 3: csim 0.123046875, predictions 0.1240234375". Lines and values count from 1.
     */
    public static Optional<String> firstDifference(List<String[]> actual, List<String[]> expected, String actualName,
                                                   String expectedName) {
        int n = Math.min(actual.size(), expected.size());
        for (int s = 0; s < n; s++) {
            String[] a = actual.get(s);
            String[] e = expected.get(s);
            if (a.length != e.length) {
                return Optional.of("line " + (s + 1) + ": " + actualName + " has " + a.length + " values, "
                        + expectedName + " " + e.length);
            }
            for (int i = 0; i < a.length; i++) {
                if (!sameValue(a[i], e[i])) {
                    return Optional.of("line " + (s + 1) + " value " + (i + 1) + ": " + actualName + " " + a[i] + ", "
                            + expectedName + " " + e[i]);
                }
            }
        }
        if (actual.size() != expected.size()) {
            boolean actualShort = actual.size() < expected.size();
            return Optional.of("line " + (n + 1) + ": only in " + (actualShort ? expectedName : actualName) + " ("
                    + actualName + " has " + actual.size() + " lines, " + expectedName + " " + expected.size() + ")");
        }
        return Optional.empty();
    }

    /** {@link #firstDifference(List, List, String, String)} with the sides named "actual" and "expected". */
    public static Optional<String> firstDifference(List<String[]> actual, List<String[]> expected) {
        return firstDifference(actual, expected, "actual", "expected");
    }

    /** Numeric equality as BigDecimal ("1.0" equals "1"); nan equals nan, inf equals inf of the same sign. */
    public static boolean sameValue(String a, String b) {
        BigDecimal da = DatFile.decimal(a);
        BigDecimal db = DatFile.decimal(b);
        if (da == null || db == null) {
            return da == null && db == null && Double.compare(DatFile.toDouble(a), DatFile.toDouble(b)) == 0;
        }
        return da.compareTo(db) == 0;
    }

    private static Optional<String> shapeProblem(String actualName, String expectedName, List<String[]> actual,
                                                 List<String[]> expected) {
        if (actual.size() != expected.size()) {
            return Optional.of(actualName + " has " + actual.size() + " samples, " + expectedName + " "
                    + expected.size());
        }
        for (int s = 0; s < actual.size(); s++) {
            if (actual.get(s).length != expected.get(s).length) {
                return Optional.of("line " + (s + 1) + ": " + actualName + " has " + actual.get(s).length
                        + " outputs, " + expectedName + " " + expected.get(s).length);
            }
        }
        return Optional.empty();
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Same shape and every value numerically equal. */
    public boolean exactMatch() {
        return shapeMismatch.isEmpty() && differingValues == 0;
    }

    /** Why the two sides cannot be compared value for value (sample count or outputs per sample differ). */
    public Optional<String> shapeMismatch() {
        return shapeMismatch;
    }

    /** See {@link #firstDifference(List, List, String, String)}; empty when {@link #exactMatch()}. */
    public Optional<String> firstDifference() {
        return firstDifference;
    }

    /** Samples compared (the smaller of the two counts). */
    public int samples() {
        return comparedSamples;
    }

    /** Values per sample (of the actual side's first line). */
    public int outputs() {
        return outputs;
    }

    /** Largest |actual - expected| over the compared values (NaN if a value is NaN on one side only). */
    public double maxAbsDiff() {
        return maxAbsDiff;
    }

    /** Mean |actual - expected| over the compared values. */
    public double meanAbsDiff() {
        return meanAbsDiff;
    }

    /** Fraction of compared samples whose largest output sits at the same index on both sides (1 when none). */
    public double argmaxAgreement() {
        return comparedSamples == 0 ? 1.0 : (double) argmaxAgreeing / comparedSamples;
    }

    /** Compared values that are not numerically equal. */
    public long differingValues() {
        return differingValues;
    }

    /**
     * One line: "10000 samples x 5 outputs, csim vs predictions: exact match" or "...: 45 of 50000 values differ,
     * max |diff| 0.00391, mean |diff| 1.2e-05, argmax agrees on 99.80% (9980/10000); first difference line 17 value 3:
     * ...".
     */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(comparedSamples).append(comparedSamples == 1 ? " sample x " : " samples x ").append(outputs)
                .append(outputs == 1 ? " output, " : " outputs, ").append(actualName).append(" vs ")
                .append(expectedName).append(": ");
        shapeMismatch.ifPresent(m -> b.append("SHAPE MISMATCH (").append(m).append("); "));
        if (exactMatch()) {
            return b.append("exact match").toString();
        }
        b.append(differingValues).append(" of ").append(comparedValues).append(" values differ, max |diff| ")
                .append(fmt(maxAbsDiff)).append(", mean |diff| ").append(fmt(meanAbsDiff))
                .append(String.format(Locale.ROOT, ", argmax agrees on %.2f%% (%d/%d)", 100 * argmaxAgreement(),
                        argmaxAgreeing, comparedSamples));
        firstDifference.ifPresent(d -> b.append("; first difference ").append(d));
        return b.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
