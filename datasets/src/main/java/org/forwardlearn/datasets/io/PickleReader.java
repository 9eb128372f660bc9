package org.forwardlearn.datasets.io;

import org.forwardlearn.datasets.DatasetFormatException;
import org.forwardlearn.datasets.io.PickleValues.CsrMatrix;
import org.forwardlearn.datasets.io.PickleValues.Dtype;
import org.forwardlearn.datasets.io.PickleValues.Global;
import org.forwardlearn.datasets.io.PickleValues.NdArray;
import org.forwardlearn.datasets.io.PickleValues.Tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Set;

/**
 * A strict reader of the Python-2 pickles (protocol 2) used by the Planetoid files. It interprets only the
 * opcodes those files use and only the allow-listed globals ({@code scipy.sparse.csr.csr_matrix},
 * {@code numpy.core.multiarray._reconstruct}, {@code numpy.ndarray}, {@code numpy.dtype},
 * {@code collections.defaultdict}, {@code __builtin__.list}), building plain data objects
 * ({@link PickleValues}). Anything else is refused with an error naming the file, byte offset and opcode.
 * Nothing is ever executed; the read pointer only moves forward, so it cannot loop; every length is
 * checked against the remaining bytes before allocation.
 */
public final class PickleReader {
    private static final Set<String> GLOBALS = Set.of("scipy.sparse.csr csr_matrix",
            "numpy.core.multiarray _reconstruct", "numpy ndarray", "numpy dtype", "collections defaultdict",
            "__builtin__ list");
    private static final Object MARK = new Object();
    private final String file;
    private final byte[] b;
    private int pos;
    private int opPos;
    private final ArrayList<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private PickleReader(String file, byte[] bytes) {
        this.file = file;
        this.b = bytes;
    }

    /** Reads the single pickled object in {@code path}. */
    public static Object read(Path path) {
        try {
            return read(path.toString(), Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path, e);
        }
    }

    /** Reads the single pickled object in {@code bytes}; {@code file} names it in errors. */
    public static Object read(String file, byte[] bytes) {
        return new PickleReader(file, bytes).run();
    }

    private Object run() {
        if (b.length == 0) throw DatasetFormatException.atByte(file, 0, "a pickle (PROTO 0x80)", "an empty file");
        while (true) {
            opPos = pos;
            int op = u8();
            switch (op) {
                case 0x80 -> {
                    int v = u8();
                    if (v != 2) throw err("pickle protocol 2", "protocol " + v);
                }
                case '.' -> {
                    if (stack.size() != 1 || !marks.isEmpty()) throw err("one object on the stack at STOP",
                            stack.size() + " objects");
                    if (pos != b.length) throw err("end of file after STOP", (b.length - pos) + " more bytes");
                    return stack.get(0);
                }
                case 'c' -> global();
                case 'q' -> memo.put((long) u8(), peek());
                case 'r' -> memo.put(u32(), peek());
                case 'h' -> {
                    long k = u8();
                    if (!memo.containsKey(k)) throw err("a memo key that was stored", "BINGET " + k);
                    stack.add(memo.get(k));
                }
                case '(' -> {
                    marks.push(stack.size());
                    stack.add(MARK);
                }
                case ')' -> stack.add(new Tuple(new Object[0]));
                case 't' -> stack.add(new Tuple(popMark().toArray()));
                case 0x85 -> stack.add(new Tuple(popN(1)));
                case 0x86 -> stack.add(new Tuple(popN(2)));
                case 0x87 -> stack.add(new Tuple(popN(3)));
                case ']' -> stack.add(new ArrayList<>());
                case 'a' -> {
                    Object v = pop();
                    asList(peek()).add(v);
                }
                case 'e' -> {
                    List<Object> items = popMark();
                    asList(peek()).addAll(items);
                }
                case '}' -> stack.add(new LinkedHashMap<>());
                case 'u' -> setItems();
                case 'N' -> stack.add(PickleValues.NONE);
                case 0x88 -> stack.add(Boolean.TRUE);
                case 0x89 -> stack.add(Boolean.FALSE);
                case 'J' -> stack.add((long) (int) u32());
                case 'K' -> stack.add((long) u8());
                case 'M' -> stack.add((long) (u8() | (u8() << 8)));
                case 'U' -> stack.add(str(u8()));
                case 'T' -> {
                    long n = (int) u32();
                    stack.add(str(n));
                }
                case 'R' -> reduce();
                case 0x81 -> newObj();
                case 'b' -> PickleBuild.build(this, pop(), peek());
                default -> throw err("one of the opcodes PROTO GLOBAL BINPUT LONG_BINPUT BINGET MARK STOP EMPTY_TUPLE "
                        + "TUPLE TUPLE1-3 EMPTY_LIST APPEND APPENDS EMPTY_DICT SETITEMS NONE NEWTRUE NEWFALSE BININT "
                        + "BININT1 BININT2 SHORT_BINSTRING BINSTRING REDUCE NEWOBJ BUILD", PickleOpcodes.describe(op));
            }
        }
    }

    DatasetFormatException err(String expected, String got) {
        return DatasetFormatException.atByte(file, opPos, expected, got);
    }

    String file() {
        return file;
    }

    private int u8() {
        if (pos >= b.length) throw DatasetFormatException.atByte(file, pos, "more bytes (no STOP yet)", "end of file");
        return b[pos++] & 0xff;
    }

    private long u32() {
        if (pos + 4 > b.length) throw DatasetFormatException.atByte(file, pos, "4 more bytes", "end of file");
        long v = (b[pos] & 0xffL) | ((b[pos + 1] & 0xffL) << 8) | ((b[pos + 2] & 0xffL) << 16) | ((b[pos + 3] & 0xffL) << 24);
        pos += 4;
        return v;
    }

    private String str(long n) {
        if (n < 0 || n > b.length - pos) {
            throw DatasetFormatException.atByte(file, pos, "a string length <= " + (b.length - pos) + " remaining bytes",
                    Long.toString(n));
        }
        String s = new String(b, pos, (int) n, StandardCharsets.ISO_8859_1);
        pos += (int) n;
        return s;
    }

    private void global() {
        String module = line();
        String name = line();
        if (!GLOBALS.contains(module + " " + name)) {
            throw err("a global in " + GLOBALS + " (nothing else is ever imported)", "GLOBAL '" + module + " " + name + "'");
        }
        stack.add(new Global(module, name));
    }

    private String line() {
        int start = pos;
        while (pos < b.length && b[pos] != '\n') {
            if (pos - start > 256) throw DatasetFormatException.atByte(file, start, "a module/name line", "over 256 bytes");
            pos++;
        }
        if (pos >= b.length) throw DatasetFormatException.atByte(file, start, "a newline-terminated name", "end of file");
        return new String(b, start, pos++ - start, StandardCharsets.ISO_8859_1);
    }

    private Object peek() {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) throw err("an object on the stack", "an empty stack");
        return stack.get(stack.size() - 1);
    }

    private Object pop() {
        Object o = peek();
        stack.remove(stack.size() - 1);
        return o;
    }

    private Object[] popN(int n) {
        Object[] o = new Object[n];
        for (int i = n - 1; i >= 0; i--) o[i] = pop();
        return o;
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) throw err("a MARK before this opcode", "no MARK");
        int m = marks.pop();
        List<Object> items = new ArrayList<>(stack.subList(m + 1, stack.size()));
        stack.subList(m, stack.size()).clear();
        return items;
    }

    @SuppressWarnings("unchecked")
    private List<Object> asList(Object o) {
        if (o instanceof List<?>) return (List<Object>) o;
        throw err("a list to append to", String.valueOf(o));
    }

    @SuppressWarnings("unchecked")
    private void setItems() {
        List<Object> items = popMark();
        Object target = peek();
        if (!(target instanceof Map<?, ?>)) throw err("a dict for SETITEMS", String.valueOf(target));
        if (items.size() % 2 != 0) throw err("key/value pairs for SETITEMS", items.size() + " items");
        Map<Object, Object> m = (Map<Object, Object>) target;
        for (int i = 0; i < items.size(); i += 2) {
            Object k = items.get(i);
            if (!(k instanceof Long || k instanceof String)) throw err("an int or str dict key", String.valueOf(k));
            m.put(k, items.get(i + 1));
        }
    }

    private void reduce() {
        Object args = pop();
        Object f = pop();
        if (!(f instanceof Global g) || !(args instanceof Tuple t)) throw err("REDUCE on a global and a tuple", f + ", " + args);
        switch (g.module() + " " + g.name()) {
            case "numpy.core.multiarray _reconstruct" -> {
                if (t.size() != 3 || !(t.get(0) instanceof Global c) || !c.name().equals("ndarray")) {
                    throw err("_reconstruct(ndarray, shape, dtype-char)", t.toString());
                }
                stack.add(new NdArray());
            }
            case "numpy dtype" -> {
                if (t.size() < 1 || !(t.get(0) instanceof String code) || !code.matches("[iuf][1248]|b1")) {
                    throw err("dtype('i4'|'f4'|...)", t.toString());
                }
                stack.add(new Dtype(code));
            }
            case "collections defaultdict" -> stack.add(new LinkedHashMap<>());
            default -> throw err("REDUCE of _reconstruct, dtype or defaultdict", "REDUCE of " + g);
        }
    }

    private void newObj() {
        Object args = pop();
        Object cls = pop();
        if (!(cls instanceof Global g) || !g.name().equals("csr_matrix")) throw err("NEWOBJ of csr_matrix", "NEWOBJ of " + cls);
        stack.add(new CsrMatrix());
    }
}
