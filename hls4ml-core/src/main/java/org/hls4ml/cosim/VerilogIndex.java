package org.hls4ml.cosim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hls4ml.api.ConfigurationException;

/**
 * A lexical index of Verilog files, enough to give yosys only what one module needs: which file defines which module,
 * whether a module has parameters, which other modules' names occur in its body, and which files it {@code `include}s.
 *
 * <p>Not a parser: comments and string literals are blanked, then {@code module NAME ... endmodule} spans are found and
 * their identifiers collected. A module "references" every defined module whose name occurs as an identifier in its
 * body, which over-approximates instantiation (a wire named like a module pulls in one file too many, never one too
 * few); yosys itself checks the hierarchy and fails on anything missing.
 */
final class VerilogIndex {

    /**
     * A module definition: its file, whether it declares parameters, the defined modules it names, its length in
     * characters and how many multiplications ({@code *}) it writes, the two things a synthesis' effort grows with.
     */
    record Module(String name, Path file, boolean parameterized, Set<String> references, long length,
                  long multiplications) {
    }

    private static final Pattern MODULE = Pattern.compile(
            "\\b(?:macro)?module\\s+([A-Za-z_][A-Za-z0-9_$]*)(.*?)\\bendmodule\\b", Pattern.DOTALL);
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final Pattern PARAMETER = Pattern.compile("\\bparameter\\b");
    private static final Pattern INCLUDE = Pattern.compile("`include\\s+\"([^\"]+)\"");

    private final List<Path> files;
    private final Map<String, Module> modules;
    private final Map<Path, List<Path>> includes;

    private VerilogIndex(List<Path> files, Map<String, Module> modules, Map<Path, List<Path>> includes) {
        this.files = files;
        this.modules = modules;
        this.includes = includes;
    }

    /**
     * Indexes {@code files} (in compile order).
     *
     * @throws ConfigurationException two files define the same module
     */
    static VerilogIndex scan(List<Path> files) throws IOException {
        Map<String, Path> definedIn = new LinkedHashMap<>();
        Map<String, String> bodies = new LinkedHashMap<>();
        Map<String, Boolean> parameterized = new LinkedHashMap<>();
        Map<Path, List<Path>> includes = new LinkedHashMap<>();
        for (Path f : files) {
            String raw = Files.readString(f);
            List<Path> inc = new ArrayList<>();
            Matcher im = INCLUDE.matcher(raw);
            while (im.find()) {
                Path beside = f.resolveSibling(im.group(1)).normalize();
                inc.add(beside);
            }
            includes.put(f, List.copyOf(inc));
            String text = blankCommentsAndStrings(raw);
            Matcher m = MODULE.matcher(text);
            while (m.find()) {
                String name = m.group(1);
                Path other = definedIn.putIfAbsent(name, f);
                if (other != null && !other.equals(f)) {
                    throw new ConfigurationException("module " + name + " is defined twice, in " + other + " and in "
                            + f + "; the resource estimate cannot tell which one the design uses");
                }
                String body = m.group(2);
                bodies.merge(name, body, (a, b) -> a + "\n" + b);
                parameterized.merge(name, PARAMETER.matcher(body).find(), Boolean::logicalOr);
            }
        }
        Map<String, Module> modules = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : definedIn.entrySet()) {
            String name = e.getKey();
            Set<String> refs = new LinkedHashSet<>();
            Matcher idm = IDENT.matcher(bodies.get(name));
            while (idm.find()) {
                String id = idm.group();
                if (!id.equals(name) && definedIn.containsKey(id)) {
                    refs.add(id);
                }
            }
            String body = bodies.get(name);
            long stars = body.chars().filter(c -> c == '*').count();
            long attributes = countOf(body, "(*") + countOf(body, "*)");
            modules.put(name, new Module(name, e.getValue(), parameterized.get(name),
                    Collections.unmodifiableSet(refs), body.length(), Math.max(0, stars - attributes)));
        }
        return new VerilogIndex(List.copyOf(files), Collections.unmodifiableMap(modules),
                Collections.unmodifiableMap(includes));
    }

    /** The module called {@code name}, if a file defines it. */
    Optional<Module> module(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    /** Names of the modules {@code file} defines, in order. */
    List<String> modulesOf(Path file) {
        return modules.values().stream().filter(m -> m.file().equals(file)).map(Module::name).toList();
    }

    /**
     * The files yosys must read to elaborate {@code root}: the file defining it and the files defining the modules it
     * references, transitively, in compile order.
     */
    List<Path> filesFor(String root) {
        Set<Path> needed = new HashSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            Module m = modules.get(name);
            if (m == null || !seen.add(name)) {
                continue;
            }
            needed.add(m.file());
            // every module of a file yosys reads is elaborated, so their references are needed too
            for (Module sibling : modules.values()) {
                if (sibling.file().equals(m.file())) {
                    todo.addAll(sibling.references());
                    todo.add(sibling.name());
                }
            }
        }
        return files.stream().filter(needed::contains).toList();
    }

    /** {@code root} and the defined modules it references, transitively. */
    Set<String> modulesNeededBy(String root) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            Module m = modules.get(name);
            if (m != null && seen.add(name)) {
                todo.addAll(m.references());
            }
        }
        return seen;
    }

    /** The files {@code file} includes (resolved beside it; they may not exist). */
    List<Path> includes(Path file) {
        return includes.getOrDefault(file, List.of());
    }

    private static long countOf(String s, String what) {
        long n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    /**
     * The text with comments and string literals replaced by spaces (newlines kept), so that names in them are not
     * taken for modules.
     */
    static String blankCommentsAndStrings(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') {
                    b.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) {
                    b.append(s.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (c == '"') {
                b.append(' ');
                i++;
                while (i < n && s.charAt(i) != '"' && s.charAt(i) != '\n') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        b.append(' ');
                        i++;
                    }
                    b.append(' ');
                    i++;
                }
                if (i < n && s.charAt(i) == '"') {
                    b.append(' ');
                    i++;
                }
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }
}
