package org.forwardlearn.physical.pff;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.forwardlearn.core.io.ReadBudget;
import org.forwardlearn.core.optim.OptimizerConfig;

/**
 * {@link PffConfig} as flat strings and back, component by component (so a component added to the record is
 * covered without editing this class): numbers, flags and names as their string forms; the optimizer as {@code
 * optimizer}, {@code lr}, {@code weight_decay} and {@code momentum}. Used for the model checkpoint, the provenance
 * and the resume fingerprint.
 */
final class PffConfigCodec {
    private PffConfigCodec() {}

    static Map<String, String> toMap(PffConfig c) {
        Map<String, String> m = new LinkedHashMap<>();
        for (RecordComponent rc : PffConfig.class.getRecordComponents()) {
            Object v = get(rc, c);
            if (v instanceof OptimizerConfig o) {
                m.put("optimizer", o.kind());
                m.put("lr", Double.toString(o.lr()));
                m.put("weight_decay", Double.toString(o.weightDecay()));
                m.put("momentum", Double.toString(o.momentum()));
            } else {
                m.put(rc.getName(), String.valueOf(v));
            }
        }
        return m;
    }

    /** Inverse of {@link #toMap}; a missing or malformed entry is an IllegalArgumentException "Expected ... (got ...)". */
    static PffConfig fromMap(Map<String, String> m) {
        RecordComponent[] rcs = PffConfig.class.getRecordComponents();
        Object[] args = new Object[rcs.length];
        Class<?>[] types = new Class<?>[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
            Class<?> t = rcs[i].getType();
            types[i] = t;
            String name = rcs[i].getName();
            try {
                if (t == OptimizerConfig.class) {
                    args[i] = new OptimizerConfig(need(m, "optimizer"), finite(m, "lr"), finite(m, "weight_decay"), finite(m, "momentum"));
                } else if (t == int.class) {
                    args[i] = Integer.parseInt(need(m, name));
                } else if (t == long.class) {
                    args[i] = Long.parseLong(need(m, name));
                } else if (t == double.class) {
                    args[i] = finite(m, name);
                } else if (t == boolean.class) {
                    String v = need(m, name);
                    if (!v.equals("true") && !v.equals("false")) throw new NumberFormatException();
                    args[i] = Boolean.parseBoolean(v);
                } else if (t == String.class) {
                    args[i] = need(m, name);
                } else {
                    throw new IllegalStateException("Expected PffConfig components of simple types (got " + t + " for " + name + ")");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Expected PFF setting '" + name + "' of type " + t.getSimpleName() + " (got "
                        + ReadBudget.preview(m.get(name)) + ")");
            }
        }
        try {
            return PffConfig.class.getDeclaredConstructor(types).newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) throw iae;
            throw new IllegalStateException("Expected a PffConfig (got " + e.getCause() + ")", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Expected the canonical PffConfig constructor (got " + e + ")", e);
        }
    }

    private static String need(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) throw new IllegalArgumentException("Expected PFF setting '" + key + "' (got none)");
        return v;
    }

    private static double finite(Map<String, String> m, String key) {
        double v = Double.parseDouble(need(m, key));
        if (!Double.isFinite(v)) throw new NumberFormatException();
        return v;
    }

    private static Object get(RecordComponent rc, PffConfig c) {
        try {
            return rc.getAccessor().invoke(c);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Expected readable PffConfig." + rc.getName() + " (got " + e + ")", e);
        }
    }
}
