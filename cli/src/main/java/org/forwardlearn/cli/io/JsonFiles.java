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
