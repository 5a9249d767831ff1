package org.hls4ml.ip;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.hls4ml.api.ConfigurationException;

/**
 * What {@link IpPackager#pack} packages, and how.
 *
 * @param projectDir the generated project ({@code outputDirectory/<ProjectName>})
 * @param zipFile    the IP core zip to write
 * @param vendor     IP-XACT vendor (the Maven groupId by default)
 * @param library    IP-XACT library ({@code hls4ml} by default)
 * @param version    IP-XACT version (the Maven project version)
 * @param timestamp  modification time of every zip entry (Maven's {@code project.build.outputTimestamp});
 *                   see {@link #parseTimestamp}
 */
public record IpRequest(Path projectDir, Path zipFile, String vendor, String library, String version,
                        Instant timestamp) {

    /** Entry time when no {@code project.build.outputTimestamp} is set: a constant, so the zip stays reproducible. */
    public static final Instant DEFAULT_TIMESTAMP = Instant.parse("1980-02-01T00:00:00Z");

    public static final String DEFAULT_LIBRARY = "hls4ml";

    public IpRequest {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(zipFile, "zipFile");
        library = library == null || library.isBlank() ? DEFAULT_LIBRARY : library;
        timestamp = timestamp == null ? DEFAULT_TIMESTAMP : timestamp;
    }

    /**
     * Reads {@code project.build.outputTimestamp} as Maven does: seconds since the epoch, or an ISO-8601 date-time
     * with offset ({@code 2026-01-01T00:00:00Z}). Unset, blank, a single character (Maven's way to turn it off) or an
     * unresolved {@code ${...}} give {@link #DEFAULT_TIMESTAMP}.
     *
     * @throws ConfigurationException for anything else
     */
    public static Instant parseTimestamp(String value) {
        if (value == null || value.isBlank() || value.trim().length() < 2 || value.startsWith("${")) {
            return DEFAULT_TIMESTAMP;
        }
        String v = value.trim();
        try {
            if (v.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochSecond(Long.parseLong(v));
            }
            return OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException | NumberFormatException e) {
            throw new ConfigurationException("project.build.outputTimestamp '" + value + "' is neither seconds since"
                    + " the epoch nor an ISO-8601 date-time with offset such as 2026-01-01T00:00:00Z", e);
        }
    }
}
