package org.hls4ml.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Test inputs: seeded random values uniform in [-24, 24) (wide enough for some fixed-point sums to wrap). */
public final class RandomInputs {

    private RandomInputs() {
    }

    /** Writes {@code file}: {@code samples} lines of {@code values} values each, with 6 decimals. */
    public static Path write(Path file, int samples, int values, long seed) throws IOException {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < values; j++) {
                sb.append(j == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.6f", r.nextDouble() * 48 - 24));
            }
            lines.add(sb.toString());
        }
        return Files.write(file, lines);
    }
}
