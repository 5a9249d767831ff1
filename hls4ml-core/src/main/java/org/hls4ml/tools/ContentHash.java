package org.hls4ml.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * SHA-256 over the inputs of a build step, for incremental builds. Every item is fed with a kind tag and its length,
 * so different inputs cannot collide by concatenation; directories are walked in a stable order (sorted relative paths
 * with '/' separators) and hashed by relative path, so moving the project directory does not change the hash.
 *
 * <pre>String hash = new ContentHash().add("flags", flags).addTree(firmwareDir).hex();</pre>
 */
public final class ContentHash {

    private final MessageDigest digest;

    public ContentHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    /** SHA-256 of UTF-8 strings, in order. */
    public static String ofStrings(String... values) {
        ContentHash h = new ContentHash();
        for (String v : values) {
            h.add(v);
        }
        return h.hex();
    }

    /** A string (null is hashed distinctly from ""). */
    public ContentHash add(String value) {
        if (value == null) {
            tag("null", 0);
        } else {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            tag("str", bytes.length);
            digest.update(bytes);
        }
        return this;
    }

    /** A labelled string, e.g. {@code add("flags", "-O2 -std=c++14")}. */
    public ContentHash add(String label, String value) {
        return add(label).add(value);
    }

    /** Strings, in order (e.g. compiler flags). */
    public ContentHash add(String label, List<String> values) {
        add(label);
        tag("list", values.size());
        values.forEach(this::add);
        return this;
    }

    /** A file's content under a name chosen by the caller (not its absolute path); a missing file hashes as such. */
    public ContentHash addFile(String name, Path file) throws IOException {
        add(name);
        if (!Files.isRegularFile(file)) {
            tag("missing", 0);
            return this;
        }
        tag("file", Files.size(file));
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return this;
    }

    /** Every regular file under {@code dir} (content and relative path). */
    public ContentHash addTree(Path dir) throws IOException {
        return addTree(dir, p -> true);
    }

    /**
     * The regular files under {@code dir} whose path relative to {@code dir} passes {@code filter}, content and
     * relative path, in sorted order; a missing directory hashes as such.
     */
    public ContentHash addTree(Path dir, Predicate<Path> filter) throws IOException {
        List<Path> files = listFiles(dir, filter);
        add("tree");
        tag("count", files.size());
        for (Path rel : files) {
            addFile(slashed(rel), dir.resolve(rel));
        }
        return this;
    }

    /**
     * Like {@link #addTree(Path)}, but text lines matching {@code ignored} (e.g. HLS pragmas, which g++ ignores) do not
     * count: a file that differs from another only in such lines hashes the same.
     */
    public ContentHash addTreeIgnoringLines(Path dir, java.util.regex.Pattern ignored) throws IOException {
        List<Path> files = listFiles(dir, p -> true);
        add("tree-lines");
        tag("count", files.size());
        for (Path rel : files) {
            add(slashed(rel));
            StringBuilder kept = new StringBuilder();
            for (String line : Files.readString(dir.resolve(rel), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .split("\n", -1)) {
                if (!ignored.matcher(line).matches()) {
                    kept.append(line).append('\n');
                }
            }
            add(kept.toString());
        }
        return this;
    }

    /**
     * Cheaper than {@link #addTree}: relative path, size and modification time of every file under {@code dir}. For big
     * directories the build does not own (a vendor's include directory, a compiler installation).
     */
    public ContentHash addTreeMetadata(Path dir) throws IOException {
        List<Path> files = listFiles(dir, p -> true);
        add("tree-meta");
        tag("count", files.size());
        for (Path rel : files) {
            addFileMetadata(slashed(rel), dir.resolve(rel));
        }
        return this;
    }

    /** Name, size and modification time of one file (e.g. the compiler binary). */
    public ContentHash addFileMetadata(String name, Path file) throws IOException {
        add(name);
        if (!Files.isRegularFile(file)) {
            tag("missing", 0);
        } else {
            tag("size", Files.size(file));
            tag("mtime", Files.getLastModifiedTime(file).toMillis());
        }
        return this;
    }

    /** Lowercase hex of the digest; the hash cannot be fed after this. */
    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    private void tag(String kind, long length) {
        digest.update((kind + ":" + length + "\0").getBytes(StandardCharsets.UTF_8));
    }

    private static List<Path> listFiles(Path dir, Predicate<Path> filter) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).map(dir::relativize).filter(filter).forEach(files::add);
        }
        files.sort((a, b) -> slashed(a).compareTo(slashed(b)));
        return files;
    }

    private static String slashed(Path rel) {
        return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
    }
}
