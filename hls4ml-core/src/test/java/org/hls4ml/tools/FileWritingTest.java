package org.hls4ml.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWritingTest {

    @TempDir
    Path dir;

    private static final FileTime OLD = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));

    @Test
    void unchangedContentDoesNotTouchTheFile() throws IOException {
        Path f = dir.resolve("sub/defines.h");
        assertTrue(FileWriting.writeIfChanged(f, "#define N 16\n"));
        Files.setLastModifiedTime(f, OLD);

        assertFalse(FileWriting.writeIfChanged(f, "#define N 16\n"));
        assertEquals(OLD, Files.getLastModifiedTime(f));

        assertTrue(FileWriting.writeIfChanged(f, "#define N 17\n"));
        assertNotEquals(OLD, Files.getLastModifiedTime(f));
        assertEquals("#define N 17\n", Files.readString(f));
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void stampRoundTrip() throws IOException {
        Path stamp = dir.resolve("build/step.stamp");
        assertEquals(Optional.empty(), Stamp.read(stamp));
        assertFalse(Stamp.matches(stamp, "abc"));
        Stamp.write(stamp, "abc");
        assertEquals(Optional.of("abc"), Stamp.read(stamp));
        assertTrue(Stamp.matches(stamp, "abc"));
        assertFalse(Stamp.matches(stamp, "abd"));
        Stamp.delete(stamp);
        assertEquals(Optional.empty(), Stamp.read(stamp));
    }

    @Test
    void contentHashIsStableAndSensitive() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a/firmware/weights"));
        Files.writeString(a.resolve("w1.h"), "1");
        Files.writeString(a.getParent().resolve("x.h"), "x");
        Path b = Files.createDirectories(dir.resolve("b/firmware/weights"));
        Files.writeString(b.getParent().resolve("x.h"), "x"); // created in the other order
        Files.writeString(b.resolve("w1.h"), "1");

        String ha = new ContentHash().add("flags", "-O2").addTree(dir.resolve("a")).hex();
        String hb = new ContentHash().add("flags", "-O2").addTree(dir.resolve("b")).hex();
        assertEquals(ha, hb, "same relative paths and contents hash the same wherever they live");
        assertEquals(64, ha.length());

        Files.writeString(b.resolve("w1.h"), "2");
        assertNotEquals(ha, new ContentHash().add("flags", "-O2").addTree(dir.resolve("b")).hex());
        assertNotEquals(ha, new ContentHash().add("flags", "-O3").addTree(dir.resolve("a")).hex());
        // no concatenation ambiguity
        assertNotEquals(ContentHash.ofStrings("ab", "c"), ContentHash.ofStrings("a", "bc"));
        // a renamed file changes the hash
        Files.move(a.resolve("w1.h"), a.resolve("w2.h"));
        assertNotEquals(ha, new ContentHash().add("flags", "-O2").addTree(dir.resolve("a")).hex());
    }
}
