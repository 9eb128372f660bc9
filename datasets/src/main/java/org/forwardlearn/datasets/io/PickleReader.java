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
 * checked against the remaining bytes before allocation; the file is read through {@link Budget}.
 *
 * <h2>Limits</h2>
 * A hostile pickle can be small and still expand without bound, because memo references (BINGET) let one
 * object appear many times ("billion laughs"), or nest deeper than any consumer can walk. So every container
 * (tuple, list, dict, ndarray, csr_matrix) carries its nesting depth and its expanded size (elements counted
 * as often as they are referenced), and the reader refuses:
 * <ul>
 *   <li>a nesting depth above {@link #MAX_DEPTH} (also for open MARKs);</li>
 *   <li>an expanded size above {@link #maxObjects()} elements (memo-reference fan-out);</li>
 *   <li>more than {@link #maxObjects()} objects built;</li>
 *   <li>a change to a container after it was stored in another one, and so any recursive (self-containing)
 *       structure; the pickles written by Python for data never do this.</li>
 * </ul>
 * Error messages show at most a short, escaped prefix of a value ({@link org.forwardlearn.core.io.ReadBudget#preview}).
 */
public final class PickleReader {
    private static final Set<String> GLOBALS = Set.of("scipy.sparse.csr csr_matrix",
            "numpy.core.multiarray _reconstruct", "numpy ndarray", "numpy dtype", "collections defaultdict",
            "__builtin__ list");
    private static final Object MARK = new Object();
    /** Deepest accepted nesting of containers (and of open MARKs). */
    public static final int MAX_DEPTH = 100;
    /** Upper bound of {@link #maxObjects()}. */
    public static final long MAX_OBJECTS = 1L << 26;
    private final java.util.IdentityHashMap<Object, Shape> shapes = new java.util.IdentityHashMap<>();
    private long objects;
    private final long limit = maxObjects();

    /** Depth, expanded size and sealed flag of one container. */
    private static final class Shape {
        int depth = 1;
        long expanded = 1;
        boolean sealed;
    }
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
            return read(path.toString(), Budget.readAll(path));
        } catch (UncheckedIOException e) {
            throw e;
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
                case 'h' -> get(u8());
                case 'j' -> get(u32());
                case '(' -> {
                    if (marks.size() >= MAX_DEPTH) throw err("at most " + MAX_DEPTH + " open MARKs (nesting depth)", "more");
                    marks.push(stack.size());
                    stack.add(MARK);
                }
                case ')' -> stack.add(tuple(new Object[0]));
                case 't' -> stack.add(tuple(popMark().toArray()));
                case 0x85 -> stack.add(tuple(popN(1)));
                case 0x86 -> stack.add(tuple(popN(2)));
                case 0x87 -> stack.add(tuple(popN(3)));
                case ']' -> stack.add(container(new ArrayList<>()));
                case 'a' -> {
                    Object v = pop();
                    List<Object> l = asList(peek());
                    adopt(l, v);
                    l.add(v);
                }
                case 'e' -> {
                    List<Object> items = popMark();
                    List<Object> l = asList(peek());
                    for (Object v : items) adopt(l, v);
                    l.addAll(items);
                }
                case '}' -> stack.add(container(new LinkedHashMap<>()));
                case 'u' -> setItems();
                case 'N' -> stack.add(count(PickleValues.NONE));
                case 0x88 -> stack.add(count(Boolean.TRUE));
                case 0x89 -> stack.add(count(Boolean.FALSE));
                case 'J' -> stack.add(count((long) (int) u32()));
                case 'K' -> stack.add(count((long) u8()));
                case 'M' -> stack.add(count((long) (u8() | (u8() << 8))));
                case 'U' -> stack.add(count(str(u8())));
                case 'T' -> {
                    long n = (int) u32();
                    stack.add(count(str(n)));
                }
                case 'R' -> reduce();
                case 0x81 -> newObj();
                case 'b' -> {
                    Object state = pop();
                    Object target = peek();
                    adopt(target, state);
                    PickleBuild.build(this, state, target);
                }
                default -> throw err("one of the opcodes PROTO GLOBAL BINPUT LONG_BINPUT BINGET LONG_BINGET MARK STOP EMPTY_TUPLE "
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

    private void get(long k) {
        if (!memo.containsKey(k)) throw err("a memo key that was stored", "BINGET " + k);
        stack.add(memo.get(k));
    }

    /**
     * Most objects one pickle may build, and the largest expanded size of one object (each memo reference
     * counted as a copy): 1/32 of the read budget (an object and its reference cost about 32 bytes), at most
     * {@link #MAX_OBJECTS}.
     */
    public static long maxObjects() {
        return Math.min(MAX_OBJECTS, org.forwardlearn.core.io.ReadBudget.maxBytes() / 32);
    }

    /** Counts one built object against {@link #maxObjects()}. */
    private <T> T count(T o) {
        if (++objects > limit) {
            throw err("at most " + limit + " objects in one pickle (1/32 of " + org.forwardlearn.core.io.ReadBudget.capName() + ")", "more");
        }
        return o;
    }

    /** Registers a new container (depth 1, expanded size 1). */
    <T> T container(T o) {
        count(o);
        shapes.put(o, new Shape());
        return o;
    }

    private Tuple tuple(Object[] items) {
        Tuple t = container(new Tuple(items));
        for (Object v : items) adopt(t, v);
        return t;
    }

    /**
     * Records that {@code child} is stored in {@code parent}: the child is sealed (no later change), the
     * parent's depth and expanded size grow, and the limits are checked.
     */
    void adopt(Object parent, Object child) {
        Shape p = shapes.get(parent);
        if (p == null) return; // not a container: BUILD on a Dtype, checked by PickleBuild
        if (p.sealed) {
            throw err("no change to an object after it was stored in another (recursive pickles are refused)",
                    "a change to " + PickleValues.brief(parent));
        }
        if (child == parent) throw err("an object that does not contain itself", "a self-reference in " + PickleValues.brief(parent));
        Shape c = shapes.get(child);
        int depth = c == null ? 1 : c.depth + 1;
        long expanded = c == null ? 1 : c.expanded;
        if (c != null) c.sealed = true;
        if (depth > MAX_DEPTH) throw err("a nesting depth of at most " + MAX_DEPTH, "deeper");
        p.depth = Math.max(p.depth, depth);
        p.expanded += expanded;
        if (p.expanded > limit) {
            throw err("at most " + limit + " elements in one object, counting memo references as copies",
                    "more (a memo-reference bomb?)");
        }
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
        stack.add(count(new Global(module, name)));
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
        throw err("a list to append to", PickleValues.brief(o));
    }

    @SuppressWarnings("unchecked")
    private void setItems() {
        List<Object> items = popMark();
        Object target = peek();
        if (!(target instanceof Map<?, ?>)) throw err("a dict for SETITEMS", PickleValues.brief(target));
        if (items.size() % 2 != 0) throw err("key/value pairs for SETITEMS", items.size() + " items");
        Map<Object, Object> m = (Map<Object, Object>) target;
        for (int i = 0; i < items.size(); i += 2) {
            Object k = items.get(i);
            if (!(k instanceof Long || k instanceof String)) throw err("an int or str dict key", PickleValues.brief(k));
            adopt(m, items.get(i + 1));
            m.put(k, items.get(i + 1));
        }
    }

    private void reduce() {
        Object args = pop();
        Object f = pop();
        if (!(f instanceof Global g) || !(args instanceof Tuple t)) throw err("REDUCE on a global and a tuple", PickleValues.brief(f) + ", " + PickleValues.brief(args));
        switch (g.module() + " " + g.name()) {
            case "numpy.core.multiarray _reconstruct" -> {
                if (t.size() != 3 || !(t.get(0) instanceof Global c) || !c.name().equals("ndarray")) {
                    throw err("_reconstruct(ndarray, shape, dtype-char)", PickleValues.brief(t));
                }
                stack.add(container(new NdArray()));
            }
            case "numpy dtype" -> {
                if (t.size() < 1 || !(t.get(0) instanceof String code) || !code.matches("[iuf][1248]|b1")) {
                    throw err("dtype('i4'|'f4'|...)", PickleValues.brief(t));
                }
                stack.add(new Dtype(code));
            }
            case "collections defaultdict" -> stack.add(container(new LinkedHashMap<>()));
            default -> throw err("REDUCE of _reconstruct, dtype or defaultdict", "REDUCE of " + g);
        }
    }

    private void newObj() {
        Object args = pop();
        Object cls = pop();
        if (!(cls instanceof Global g) || !g.name().equals("csr_matrix")) throw err("NEWOBJ of csr_matrix", "NEWOBJ of " + PickleValues.brief(cls));
        stack.add(container(new CsrMatrix()));
    }
}
