package org.hls4ml.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.hls4ml.api.ConfigurationException;
import org.hls4ml.tools.FileWriting;

/**
 * The tb_data files: one sample per line, values separated by spaces or tabs, blank lines ignored
 * ({@code tb_input_features.dat}, {@code tb_output_predictions.dat}, {@code csim_results.log}, ...).
 *
 * <p>Every value must be a decimal number ({@code 1}, {@code -0.5}, {@code 1e-05}); {@code nan} and {@code inf} (any
 * case, optionally signed) are accepted because C++ streams print them. Content errors are
 * {@link ConfigurationException}s naming the file and the 1-based line.
 */
public final class DatFile {

    /** Pass as {@code expectedValues} to require only that all lines have as many values as the first. */
    public static final int ANY = -1;

    private static final Pattern SEPARATORS = Pattern.compile("[ \t]+");

    private DatFile() {
    }

    /** The values of every sample; all lines must hold as many values as the first. */
    public static List<double[]> read(Path file) throws IOException {
        return read(file, ANY, null);
    }

    /**
     * The values of every sample.
     *
     * @param expectedValues values each line must hold, or {@link #ANY}
     * @param neededBy       what needs that many, for the message, e.g. "the model input"; null for "expected"
     */
    public static List<double[]> read(Path file, int expectedValues, String neededBy) throws IOException {
        List<String[]> raw = readRaw(file, expectedValues, neededBy);
        List<double[]> rows = new ArrayList<>(raw.size());
        for (String[] r : raw) {
            double[] v = new double[r.length];
            for (int i = 0; i < r.length; i++) {
                v[i] = toDouble(r[i]);
            }
            rows.add(v);
        }
        return rows;
    }

    /** The values as written, for exact comparisons; all lines must hold as many values as the first. */
    public static List<String[]> readRaw(Path file) throws IOException {
        return readRaw(file, ANY, null);
    }

    /**
     * The values as written (each checked to be a number).
     *
     * @throws ConfigurationException when the file is missing, a value is not a number, or a line has the wrong count:
     *                                "tb_data/tb_input_features.dat line 17 has 15 values, the model input needs 16:
     *                                each line must hold one sample"
     */
    public static List<String[]> readRaw(Path file, int expectedValues, String neededBy) throws IOException {
        List<String[]> rows = new ArrayList<>();
        int firstLine = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                String[] values = SEPARATORS.split(trimmed);
                for (int i = 0; i < values.length; i++) {
                    if (!isNumber(values[i])) {
                        throw new ConfigurationException(file + " line " + lineNo + " value " + (i + 1) + " '"
                                + values[i] + "' is not a decimal number: each line must hold one sample, its values "
                                + "separated by spaces");
                    }
                }
                if (expectedValues >= 0 && values.length != expectedValues) {
                    throw new ConfigurationException(file + " line " + lineNo + " has " + plural(values.length)
                            + ", " + (neededBy == null ? "expected " + expectedValues
                            : neededBy + " needs " + expectedValues) + ": each line must hold one sample");
                }
                if (expectedValues < 0 && !rows.isEmpty() && values.length != rows.get(0).length) {
                    throw new ConfigurationException(file + " line " + lineNo + " has " + plural(values.length)
                            + ", line " + firstLine + " has " + rows.get(0).length
                            + ": each line must hold one sample");
                }
                if (rows.isEmpty()) {
                    firstLine = lineNo;
                }
                rows.add(values);
            }
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(file + " does not exist", e);
        }
        return rows;
    }

    /** Number of samples (non-blank lines), without checking the values. */
    public static int countSamples(Path file) throws IOException {
        int n = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Writes samples, one per line, values space separated in the shortest form that reads back to the same double
     * ("1" rather than "1.0"). Rewrites the file only when the content changes.
     *
     * @return whether the file was written
     */
    public static boolean write(Path file, List<double[]> rows) throws IOException {
        StringBuilder b = new StringBuilder();
        for (double[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    b.append(' ');
                }
                b.append(format(row[i]));
            }
            b.append('\n');
        }
        return FileWriting.writeIfChanged(file, b.toString());
    }

    /** Writes samples given as text, one per line, values space separated; rewrites only on change. */
    public static boolean writeRaw(Path file, List<String[]> rows) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            b.append(String.join(" ", row)).append('\n');
        }
        return FileWriting.writeIfChanged(file, b.toString());
    }

    /** "1", "-0.5", "1.0E-5" (round-trips through {@link Double#parseDouble} and C++ streams). */
    static String format(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** The exact decimal value of a token, or null for nan/inf. */
    static BigDecimal decimal(String token) {
        return nonFinite(token) ? null : new BigDecimal(stripPlus(token));
    }

    static double toDouble(String token) {
        if (nonFinite(token)) {
            String t = token.toLowerCase(Locale.ROOT);
            if (t.contains("nan")) {
                return Double.NaN;
            }
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(token);
    }

    private static boolean isNumber(String token) {
        if (nonFinite(token)) {
            return true;
        }
        try {
            new BigDecimal(stripPlus(token));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String stripPlus(String token) {
        return token.startsWith("+") ? token.substring(1) : token;
    }

    private static boolean nonFinite(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        return t.equals("nan") || t.equals("inf") || t.equals("infinity");
    }

    private static String plural(int n) {
        return n + (n == 1 ? " value" : " values");
    }
}
