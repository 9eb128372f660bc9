package org.forwardlearn.cli.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON output of the CLI (result.json, bench.json, data info). Non-finite numbers become {@code null}
 * (JSON has no NaN); files are written atomically (temporary sibling, then move).
 */
public final class JsonFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private JsonFiles() {}

    public static ObjectMapper mapper() { return MAPPER; }

    /** Pretty JSON text of a value (maps, lists, numbers, strings), non-finite doubles as null. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(sanitize(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code value} as JSON to {@code file} atomically, creating parent folders. */
    public static void write(Path file, Object value) throws IOException {
        byte[] bytes = (toJson(value) + "\n").getBytes(StandardCharsets.UTF_8);
        Atomic.write(file, bytes);
    }

    /** Reads a JSON object file into a map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), LinkedHashMap.class);
    }

    /**
     * A flat string configuration (core {@code RunProvenance.config()}, {@code GnnConfig.toMap()}...) with each value as
     * its JSON type: a value that is exactly Java's text of a boolean, an integer or a finite double
     * ({@code Boolean/Long/Double.toString} of what it parses to) becomes that boolean or number, and
     * {@code Arrays.toString} of such values ("[1000, 1000]") a list; everything else stays a string. The rule is
     * lossless: writing the typed value back with {@code toString} gives the original text, so a run stays
     * reproducible from its result.json. Key order is kept.
     */
    public static Map<String, Object> typed(Map<String, String> config) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : config.entrySet()) out.put(e.getKey(), typed(e.getValue()));
        return out;
    }

    /** One value of {@link #typed(Map)}. */
    public static Object typed(String v) {
        if (v == null) return null;
        if (v.equals("true") || v.equals("false")) return Boolean.valueOf(v);
        Object n = number(v);
        if (n != null) return n;
        if (v.length() >= 2 && v.startsWith("[") && v.endsWith("]")) {
            String inner = v.substring(1, v.length() - 1);
            List<Object> items = new ArrayList<>();
            if (inner.isEmpty()) return items;
            for (String part : inner.split(", ", -1)) {
                Object x = part.equals("true") || part.equals("false") ? Boolean.valueOf(part) : number(part);
                if (x == null) return v;
                items.add(x);
            }
            return items;
        }
        return v;
    }

    private static Object number(String v) {
        if (v.isEmpty() || v.length() > 40) return null;
        char c = v.charAt(0);
        if (!(c == '-' || (c >= '0' && c <= '9'))) return null;
        try {
            long l = Long.parseLong(v);
            if (Long.toString(l).equals(v)) return l;
        } catch (NumberFormatException e) {
            // not an integer
        }
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d) && Double.toString(d).equals(v)) return d;
        } catch (NumberFormatException e) {
            // not a number
        }
        return null;
    }

    static Object sanitize(Object v) {
        if (v instanceof Double d) return Double.isFinite(d) ? d : null;
        if (v instanceof Float f) return Float.isFinite(f) ? f : null;
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), sanitize(e.getValue()));
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object o : c) out.add(sanitize(o));
            return out;
        }
        if (v instanceof double[] a) {
            List<Object> out = new ArrayList<>(a.length);
            for (double d : a) out.add(Double.isFinite(d) ? d : null);
            return out;
        }
        if (v instanceof int[] a) {
            List<Object> out = new ArrayList<>(a.length);
            for (int i : a) out.add(i);
            return out;
        }
        if (v instanceof long[] a) {
            List<Object> out = new ArrayList<>(a.length);
            for (long i : a) out.add(i);
            return out;
        }
        if (v instanceof Path p) return p.toString();
        if (v instanceof Enum<?> e) return e.name().toLowerCase();
        return v;
    }
}
