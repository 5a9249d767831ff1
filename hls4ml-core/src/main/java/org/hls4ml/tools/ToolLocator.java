package org.hls4ml.tools;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.hls4ml.api.ToolException;

/**
 * Finds a native tool: an explicit path first, then an environment variable (holding a path or a program name), then
 * (for tools installed under a home folder, such as the Xilinx tools) the {@code bin} folder of each home variable,
 * then the directories of PATH.
 *
 * <p>An explicit path that is not an executable file fails at once instead of falling back: the user said where the
 * tool is, and quietly running another one would hide the mistake. An environment variable that does not resolve is
 * reported as a warning and the search goes on to PATH (variables such as {@code CXX} are often set globally).
 */
public final class ToolLocator {

    private final Map<String, String> env;
    private final ProgressListener listener;

    /** Uses this JVM's environment. */
    public ToolLocator() {
        this(System.getenv(), ProgressListener.NONE);
    }

    /** Uses the given environment (tests inject their own PATH and variables). */
    public ToolLocator(Map<String, String> env) {
        this(env, ProgressListener.NONE);
    }

    public ToolLocator(Map<String, String> env, ProgressListener listener) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    /**
     * Finds {@code toolName} or fails.
     *
     * @param toolName     program name looked up on PATH, e.g. "g++"
     * @param explicitPath a path the user configured, or null
     * @param envVar       an environment variable that may hold a path or a program name (e.g. "HLS4ML_GXX"), or null
     * @param installHint  how to get the tool, e.g. "install it with `apt-get install g++`, or point to it with
     *                     &lt;gxx&gt; / -Dhls4ml.gxx"
     * @return the absolute path of an executable file
     * @throws ToolException listing every place searched, then the hint
     */
    public Path locate(String toolName, Path explicitPath, String envVar, String installHint) {
        List<String> searched = new ArrayList<>();
        Optional<Path> found = search(toolName, explicitPath, envVar, List.of(), searched);
        if (found.isPresent()) {
            return found.get();
        }
        StringBuilder msg = new StringBuilder("cannot find ").append(toolName).append("; searched:");
        for (String place : searched) {
            msg.append("\n  - ").append(place);
        }
        if (installHint != null && !installHint.isBlank()) {
            msg.append("\n").append(Character.toUpperCase(installHint.charAt(0))).append(installHint.substring(1));
        }
        throw new ToolException(msg.toString());
    }

    /**
     * Finds an optional tool; empty when it is nowhere.
     *
     * @throws ToolException when {@code explicitPath} is given but is not an executable file
     */
    public Optional<Path> find(String toolName, Path explicitPath, String envVar) {
        return search(toolName, explicitPath, envVar, List.of(), new ArrayList<>());
    }

    /**
     * The outcome of a search: the tool, or nothing plus every place that was looked at (for a message that says what
     * was searched).
     *
     * @param toolName the program name searched for
     * @param path     the absolute path of the executable, or null when it was not found
     * @param searched the places looked at, in order ("environment variable X (not set)", directories)
     */
    public record Lookup(String toolName, Path path, List<String> searched) {
        public Lookup {
            searched = List.copyOf(searched);
        }

        public boolean found() {
            return path != null;
        }
    }

    /**
     * Searches for a tool that is installed under a home folder, as vendor tools are: the explicit path, then
     * {@code envVar} (a path or a program name), then {@code <$HOME_VAR>/bin/<toolName>} for each of
     * {@code homeVars} in order (e.g. {@code XILINX_HLS}), then PATH.
     *
     * @throws ToolException when {@code explicitPath} is given but is not an executable file
     */
    public Lookup lookup(String toolName, Path explicitPath, String envVar, List<String> homeVars) {
        List<String> searched = new ArrayList<>();
        Optional<Path> found = search(toolName, explicitPath, envVar, homeVars == null ? List.of() : homeVars,
                searched);
        return new Lookup(toolName, found.orElse(null), searched);
    }

    private Optional<Path> search(String toolName, Path explicitPath, String envVar, List<String> homeVars,
                                  List<String> searched) {
        Objects.requireNonNull(toolName, "toolName");
        if (explicitPath != null) {
            Path p = explicitPath.toAbsolutePath().normalize();
            if (isExecutableFile(p)) {
                return Optional.of(p);
            }
            throw new ToolException("the configured " + toolName + " " + explicitPath + " "
                    + (Files.exists(p) ? "is not an executable file" : "does not exist")
                    + "; fix the path or remove the setting to search " + (envVar == null ? "" : "$" + envVar
                    + ", ") + homeVars.stream().map(v -> "$" + v + "/bin, ").reduce("", String::concat) + "PATH");
        }
        if (envVar != null) {
            String value = env.get(envVar);
            if (value == null || value.isBlank()) {
                searched.add("environment variable " + envVar + " (not set)");
            } else {
                Optional<Path> fromEnv = fromEnvValue(value.trim());
                if (fromEnv.isPresent()) {
                    return fromEnv;
                }
                searched.add("environment variable " + envVar + "=" + value + " (not an executable file"
                        + (looksLikePath(value.trim()) ? "" : " on PATH") + ")");
                listener.warn("$" + envVar + "=" + value + " does not name an executable " + toolName
                        + "; looking on PATH instead");
            }
        }
        for (String homeVar : homeVars) {
            String home = env.get(homeVar);
            if (home == null || home.isBlank()) {
                searched.add("environment variable " + homeVar + " (not set)");
                continue;
            }
            try {
                Path bin = Path.of(home.trim()).resolve("bin");
                searched.add("$" + homeVar + "/bin = " + bin);
                Optional<Path> hit = inDir(bin, toolName);
                if (hit.isPresent()) {
                    return hit;
                }
            } catch (InvalidPathException e) {
                searched.add("environment variable " + homeVar + "=" + home + " (not a path)");
            }
        }
        List<Path> dirs = pathDirs();
        if (dirs.isEmpty()) {
            searched.add("PATH (not set or empty)");
        }
        for (Path dir : dirs) {
            searched.add(dir.toString());
            Optional<Path> hit = inDir(dir, toolName);
            if (hit.isPresent()) {
                return hit;
            }
        }
        return Optional.empty();
    }

    private Optional<Path> fromEnvValue(String value) {
        if (looksLikePath(value)) {
            try {
                Path p = Path.of(value).toAbsolutePath().normalize();
                return isExecutableFile(p) ? Optional.of(p) : Optional.empty();
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }
        for (Path dir : pathDirs()) {
            Optional<Path> hit = inDir(dir, value);
            if (hit.isPresent()) {
                return hit;
            }
        }
        return Optional.empty();
    }

    private static boolean looksLikePath(String value) {
        return value.indexOf('/') >= 0 || value.indexOf(File.separatorChar) >= 0;
    }

    private Optional<Path> inDir(Path dir, String name) {
        try {
            for (String candidate : candidateNames(name)) {
                Path p = dir.resolve(candidate).toAbsolutePath().normalize();
                if (isExecutableFile(p)) {
                    return Optional.of(p);
                }
            }
        } catch (InvalidPathException e) {
            // a name that cannot be a file name is simply not there
        }
        return Optional.empty();
    }

    private List<String> candidateNames(String name) {
        if (File.separatorChar != '\\') {
            return List.of(name);
        }
        List<String> names = new ArrayList<>(List.of(name));
        String pathext = env.getOrDefault("PATHEXT", ".EXE;.BAT;.CMD");
        for (String ext : pathext.split(";")) {
            if (!ext.isBlank()) {
                names.add(name + ext.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    private List<Path> pathDirs() {
        String path = env.get("PATH");
        if (path == null && File.separatorChar == '\\') {
            path = env.get("Path");
        }
        List<Path> dirs = new ArrayList<>();
        if (path == null) {
            return dirs;
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue; // an empty entry means the current directory: never trust that for build tools
            }
            try {
                dirs.add(Path.of(entry));
            } catch (InvalidPathException ignored) {
                // skip garbage entries
            }
        }
        return dirs;
    }

    private static boolean isExecutableFile(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }
}
