package org.hls4ml.fifo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.hls4ml.api.ConfigurationException;

/**
 * Reads the FIFO occupancy that a vendor co-simulation measured, per FIFO instance of the synthesized design, and
 * assigns it to the model's streams by exact name:
 * <ul>
 *   <li>Vivado HLS: the VCD that {@code build_prj.tcl} asks xsim for when {@code fifo_opt} is set, with each FIFO
 *       instance's {@code usedw} (words in use) and {@code DEPTH} in a scope named after the instance;</li>
 *   <li>Vitis HLS: the channel profile of {@code cosim_design -enable_fifo_sizing}: {@code channel_info.csv} (one line
 *       per channel, the instance name in the second field and its status file in the fourth) and the
 *       {@code chan_status*.csv} files (the last line is the largest occupancy), inside
 *       {@code .autopilot/db/channel_depth_info/channel.zip}.</li>
 * </ul>
 */
public final class VendorFifoProfile {

    /** What the FIFO instances of a stream can be called by the HLS tools, after the stream's own name. */
    private static final Pattern INSTANCE_SUFFIX = Pattern.compile("(_V_data_\\d+_V|_data_\\d+|_V)?(_i)?_U");

    private VendorFifoProfile() {
    }

    /** One FIFO instance: the largest occupancy seen and its depth (0 when the profile does not say). */
    public record Measured(int maxOccupancy, int depth) {
    }

    /**
     * Reads a Vivado HLS FIFO VCD: for every scope holding a {@code usedw} signal, its largest value over the run and
     * the value of {@code DEPTH} in the same scope.
     *
     * @throws IOException when the file cannot be read or is not a VCD
     */
    public static Map<String, Measured> readVcd(Path vcd) throws IOException {
        Map<String, String> usedwScope = new HashMap<>(); // id code -> scope
        Map<String, String> depthScope = new HashMap<>();
        Map<String, Long> max = new LinkedHashMap<>();
        Map<String, Long> depth = new HashMap<>();
        Deque<String> scopes = new ArrayDeque<>();
        boolean definitions = true;
        boolean sawHeader = false;
        try (BufferedReader r = Files.newBufferedReader(vcd, StandardCharsets.ISO_8859_1)) {
            String line;
            StringBuilder pending = new StringBuilder();
            while ((line = r.readLine()) != null) {
                String t = line.trim();
                if (t.isEmpty()) {
                    continue;
                }
                if (definitions) {
                    // declarations may span lines: gather up to $end
                    pending.append(' ').append(t);
                    if (!t.endsWith("$end")) {
                        continue;
                    }
                    String[] w = pending.toString().trim().split("\\s+");
                    pending.setLength(0);
                    switch (w[0]) {
                        case "$scope" -> {
                            sawHeader = true;
                            scopes.push(w.length > 2 ? w[2] : "");
                        }
                        case "$upscope" -> {
                            if (!scopes.isEmpty()) {
                                scopes.pop();
                            }
                        }
                        case "$var" -> {
                            sawHeader = true;
                            // $var <type> <size> <id> <reference> [range] $end
                            if (w.length >= 5 && !scopes.isEmpty()) {
                                String ref = w[4];
                                int bracket = ref.indexOf('[');
                                if (bracket > 0) {
                                    ref = ref.substring(0, bracket);
                                }
                                if (ref.equals("usedw")) {
                                    usedwScope.put(w[3], scopes.peek());
                                    max.putIfAbsent(scopes.peek(), 0L);
                                } else if (ref.equals("DEPTH")) {
                                    depthScope.put(w[3], scopes.peek());
                                }
                            }
                        }
                        case "$enddefinitions" -> definitions = false;
                        default -> sawHeader |= w[0].startsWith("$");
                    }
                    continue;
                }
                char c = t.charAt(0);
                String value;
                String id;
                if (c == 'b' || c == 'B') {
                    int sp = t.indexOf(' ');
                    if (sp < 0) {
                        continue;
                    }
                    value = t.substring(1, sp);
                    id = t.substring(sp + 1).trim();
                } else if (c == '0' || c == '1') {
                    value = String.valueOf(c);
                    id = t.substring(1).trim();
                } else {
                    continue; // #time, $dumpvars/$end, x/z scalars, reals
                }
                String s = usedwScope.get(id);
                String d = depthScope.get(id);
                if (s == null && d == null) {
                    continue;
                }
                Long v = binary(value);
                if (v == null) {
                    continue; // x or z bits: not a count yet
                }
                if (s != null) {
                    max.merge(s, v, Math::max);
                }
                if (d != null) {
                    depth.put(d, v);
                }
            }
        }
        if (!sawHeader) {
            throw new IOException(vcd + " is not a VCD file (no $scope or $var declarations)");
        }
        Map<String, Measured> out = new LinkedHashMap<>();
        max.forEach((scope, m) -> out.put(scope, new Measured(Math.toIntExact(m),
                Math.toIntExact(depth.getOrDefault(scope, 0L)))));
        return out;
    }

    private static Long binary(String bits) {
        long v = 0;
        for (int i = 0; i < bits.length(); i++) {
            char ch = bits.charAt(i);
            if (ch != '0' && ch != '1') {
                return null;
            }
            v = (v << 1) | (ch - '0');
        }
        return v;
    }

    /**
     * Reads a Vitis HLS channel profile: {@code channel.zip} with the {@code chan_status*.csv} files, and
     * {@code channel_info.csv} inside the zip or, as some versions write it, in {@code .autopilot/db} next to the
     * zip's folder.
     *
     * @throws IOException when the files are missing or not in that format
     */
    public static Map<String, Measured> readVitisChannels(Path channelZip) throws IOException {
        if (!Files.isRegularFile(channelZip)) {
            throw new IOException("the Vitis HLS channel profile " + channelZip + " does not exist; the co-simulation"
                    + " must run with -enable_fifo_sizing (build_prj.tcl does so with fifo_opt=1)");
        }
        Map<String, Measured> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(channelZip.toFile())) {
            List<String> info = null;
            ZipEntry infoEntry = zip.stream().filter(e -> baseName(e.getName()).equals("channel_info.csv"))
                    .findFirst().orElse(null);
            if (infoEntry != null) {
                info = lines(zip, infoEntry);
            } else {
                Path beside = channelZip.getParent() == null ? null
                        : channelZip.getParent().resolveSibling("channel_info.csv");
                if (beside != null && Files.isRegularFile(beside)) {
                    info = Files.readAllLines(beside, StandardCharsets.ISO_8859_1);
                }
            }
            if (info == null) {
                throw new IOException("no channel_info.csv in " + channelZip + " or beside its folder");
            }
            for (String line : info) {
                String[] f = line.split(",");
                if (f.length < 4) {
                    continue; // header and blank lines
                }
                String instance = f[1].trim();
                String statusName = f[3].trim();
                ZipEntry status = zip.stream().filter(e -> baseName(e.getName()).equals(baseName(statusName)))
                        .findFirst().orElse(null);
                if (status == null || instance.isEmpty()) {
                    continue; // e.g. a header line naming the columns
                }
                List<String> rows = new ArrayList<>(lines(zip, status));
                rows.removeIf(String::isBlank);
                if (rows.isEmpty()) {
                    throw new IOException(channelZip + ": " + status.getName() + " is empty");
                }
                String last = rows.get(rows.size() - 1).trim();
                int comma = last.lastIndexOf(',');
                String number = comma >= 0 ? last.substring(comma + 1).trim() : last;
                try {
                    out.put(instance, new Measured(Integer.parseInt(number), 0));
                } catch (NumberFormatException e) {
                    throw new IOException(channelZip + ": the last line of " + status.getName()
                            + " is not a depth: '" + last + "'");
                }
            }
        }
        return out;
    }

    private static String baseName(String zipName) {
        int slash = zipName.lastIndexOf('/');
        return slash < 0 ? zipName : zipName.substring(slash + 1);
    }

    private static List<String> lines(ZipFile zip, ZipEntry e) throws IOException {
        try (InputStream in = zip.getInputStream(e);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
            return r.lines().toList();
        }
    }

    /**
     * The largest occupancy of each stream: every instance named {@code <stream>} plus one of the tools' suffixes
     * ({@code _U}, {@code _V_U}, {@code _V_data_<k>_V_U}, {@code _i_U}...) counts for that stream, the maximum over
     * all its instances (a stream of arrays is one FIFO per element in Vivado HLS). Names are compared exactly.
     *
     * @param source names the profile in messages
     * @throws ConfigurationException when a stream has no instance in the profile
     */
    public static Map<String, Integer> assign(Map<String, Measured> instances, List<String> streams, String source) {
        Map<String, Integer> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String stream : streams) {
            int best = -1;
            for (Map.Entry<String, Measured> e : instances.entrySet()) {
                String inst = e.getKey();
                if (inst.startsWith(stream)) {
                    Matcher m = INSTANCE_SUFFIX.matcher(inst.substring(stream.length()));
                    if (m.matches()) {
                        best = Math.max(best, e.getValue().maxOccupancy());
                    }
                }
            }
            if (best < 0) {
                missing.add(stream);
            } else {
                out.put(stream, best);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationException(source + " holds no occupancy for " + String.join(", ", missing)
                    + " (its FIFO instances: " + instances.keySet() + "); the co-simulation did not profile them");
        }
        return out;
    }
}
