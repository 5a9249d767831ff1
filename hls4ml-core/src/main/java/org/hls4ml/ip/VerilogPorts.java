package org.hls4ml.ip;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the port list of one module from Verilog source: the ANSI-style header the RTL backend writes
 * ({@code module top (input wire [256-1:0] input_1_TDATA, ...);}), so the IP-XACT description is taken from the very
 * file that goes into the IP core. Ranges may be integer constant expressions ({@code +}, {@code -}, {@code *},
 * {@code /}, parentheses); parameters and non-ANSI headers are refused with the reason.
 */
public final class VerilogPorts {

    /**
     * One port.
     *
     * @param name      the identifier
     * @param direction {@code in}, {@code out} or {@code inout} (IP-XACT's words)
     * @param left      most significant index, or null for a scalar
     * @param right     least significant index, or null for a scalar
     */
    public record Port(String name, String direction, Integer left, Integer right) {
        public Port {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(direction, "direction");
            if ((left == null) != (right == null)) {
                throw new IllegalArgumentException("a vector port needs both bounds: " + name);
            }
        }

        /** Bits of the port. */
        public int width() {
            return left == null ? 1 : Math.abs(left - right) + 1;
        }

        public boolean isVector() {
            return left != null;
        }
    }

    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private VerilogPorts() {
    }

    /**
     * The ports of {@code module} in declaration order.
     *
     * @throws IllegalArgumentException when the module is missing or its header is not a plain ANSI port list
     */
    public static List<Port> parse(String source, String module) {
        String text = stripComments(source);
        Matcher m = Pattern.compile("\\bmodule\\s+" + Pattern.quote(module) + "\\s*(#\\s*\\()?").matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no module '" + module + "' in the Verilog source");
        }
        if (m.group(1) != null) {
            throw new IllegalArgumentException("module '" + module + "' has parameters; only plain port lists are read");
        }
        int open = m.end();
        while (open < text.length() && Character.isWhitespace(text.charAt(open))) {
            open++;
        }
        if (open >= text.length() || text.charAt(open) != '(') {
            throw new IllegalArgumentException("module '" + module + "' has no port list");
        }
        int close = matching(text, open);
        String list = text.substring(open + 1, close);
        List<Port> ports = new ArrayList<>();
        String direction = null;
        Integer left = null;
        Integer right = null;
        for (String item : splitTopLevel(list)) {
            String s = item.trim();
            if (s.isEmpty()) {
                continue;
            }
            String rest = s;
            String dir = firstWord(rest);
            if (dir.equals("input") || dir.equals("output") || dir.equals("inout")) {
                direction = dir.equals("input") ? "in" : dir.equals("output") ? "out" : "inout";
                rest = rest.substring(dir.length()).trim();
                left = null;
                right = null;
                String w = firstWord(rest);
                while (w.equals("wire") || w.equals("reg") || w.equals("logic") || w.equals("signed")
                        || w.equals("unsigned")) {
                    rest = rest.substring(w.length()).trim();
                    w = firstWord(rest);
                }
                if (rest.startsWith("[")) {
                    int end = rest.indexOf(']');
                    if (end < 0) {
                        throw new IllegalArgumentException("unclosed range in port declaration '" + s + "'");
                    }
                    String[] bounds = rest.substring(1, end).split(":", -1);
                    if (bounds.length != 2) {
                        throw new IllegalArgumentException("range '" + rest.substring(0, end + 1) + "' is not [left:right]");
                    }
                    left = (int) evaluate(bounds[0]);
                    right = (int) evaluate(bounds[1]);
                    rest = rest.substring(end + 1).trim();
                }
            } else if (direction == null) {
                throw new IllegalArgumentException("module '" + module + "' has a non-ANSI port list ('" + s
                        + "'); only ANSI headers (input wire [..] name, ...) are read");
            }
            if (!IDENT.matcher(rest).matches()) {
                throw new IllegalArgumentException("cannot read the port declaration '" + s + "' of module '" + module + "'");
            }
            ports.add(new Port(rest, direction, left, right));
        }
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("module '" + module + "' has no ports");
        }
        return List.copyOf(ports);
    }

    private static String firstWord(String s) {
        int i = 0;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        return s.substring(0, i);
    }

    private static int matching(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses in the module header");
    }

    private static List<String> splitTopLevel(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '[' || c == '(' || c == '{') {
                depth++;
            } else if (c == ']' || c == ')' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(list.substring(start, i));
                start = i + 1;
            }
        }
        out.add(list.substring(start));
        return out;
    }

    /** Removes {@code //} and {@code /* *\/} comments (string literals do not occur in module headers). */
    static String stripComments(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("//", i)) {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? s.length() : nl;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
                b.append(' ');
            } else {
                b.append(s.charAt(i++));
            }
        }
        return b.toString();
    }

    /** An integer constant expression of decimal literals with + - * / and parentheses. */
    static long evaluate(String expr) {
        Evaluator e = new Evaluator(expr);
        long v = e.sum();
        e.skipSpace();
        if (e.pos != expr.length()) {
            throw new IllegalArgumentException("cannot evaluate the range bound '" + expr.trim()
                    + "' (only integer literals with + - * / and parentheses)");
        }
        return v;
    }

    private static final class Evaluator {
        private final String s;
        private int pos;

        Evaluator(String s) {
            this.s = s;
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        long sum() {
            long v = product();
            while (true) {
                skipSpace();
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    char op = s.charAt(pos++);
                    long r = product();
                    v = op == '+' ? Math.addExact(v, r) : Math.subtractExact(v, r);
                } else {
                    return v;
                }
            }
        }

        long product() {
            long v = unary();
            while (true) {
                skipSpace();
                if (pos < s.length() && (s.charAt(pos) == '*' || s.charAt(pos) == '/')) {
                    char op = s.charAt(pos++);
                    long r = unary();
                    if (op == '/' && r == 0) {
                        throw new IllegalArgumentException("division by zero in the range bound '" + s.trim() + "'");
                    }
                    v = op == '*' ? Math.multiplyExact(v, r) : v / r;
                } else {
                    return v;
                }
            }
        }

        long unary() {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == '-') {
                pos++;
                return -unary();
            }
            if (pos < s.length() && s.charAt(pos) == '(') {
                pos++;
                long v = sum();
                skipSpace();
                if (pos >= s.length() || s.charAt(pos) != ')') {
                    throw new IllegalArgumentException("unbalanced parentheses in the range bound '" + s.trim() + "'");
                }
                pos++;
                return v;
            }
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("cannot evaluate the range bound '" + s.trim()
                        + "' (only integer literals with + - * / and parentheses)");
            }
            return Long.parseLong(s.substring(start, pos));
        }
    }
}
