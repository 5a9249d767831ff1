package org.hls4ml.writer;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The files of an HLS project, by path relative to the project directory, held in memory until written. */
public final class GeneratedProject {

    private final String name;
    private final Map<String, byte[]> files = new TreeMap<>();

    public GeneratedProject(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void put(String path, String text) {
        files.put(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public void put(String path, byte[] content) {
        files.put(path, content.clone());
    }

    public Map<String, byte[]> files() {
        return Collections.unmodifiableMap(files);
    }

    public String text(String path) {
        byte[] b = files.get(path);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
