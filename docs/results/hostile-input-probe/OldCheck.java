package org.forwardlearn.datasets.io;

import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.zip.*;

/** Runs a few of issue 15's cases against whatever datasets classes are on the class path. */
public class OldCheck {
    static Path dir;
    static Path data = Path.of("/work/shared/datasets");

    interface Case { Object run() throws Exception; }

    static void check(String name, Case c) {
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> { Thread t = new Thread(r); t.setDaemon(true); return t; });
        long t0 = System.nanoTime();
        Future<Object> f = ex.submit(c::run);
        String out;
        try {
            Object o = f.get(20, TimeUnit.SECONDS);
            out = "ACCEPTED (" + (o == null ? "null" : o.getClass().getSimpleName()) + ")";
        } catch (TimeoutException e) {
            f.cancel(true);
            out = "NO ANSWER within 20 s";
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            String m = String.valueOf(t.getMessage());
            out = t.getClass().getSimpleName() + ": " + (m.length() > 160 ? m.substring(0, 160) + "... (" + m.length() + " chars)" : m);
        } catch (InterruptedException e) {
            out = "interrupted";
        }
        System.out.printf("%-40s %6.1f s  %s%n", name, (System.nanoTime() - t0) / 1e9, out);
        ex.shutdownNow();
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bo)) { z.write(b); }
        return bo.toByteArray();
    }

    static byte[] idxHeader(int... dims) {
        byte[] h = new byte[4 + 4 * dims.length];
        h[2] = 8; h[3] = (byte) dims.length;
        for (int i = 0; i < dims.length; i++) for (int k = 0; k < 4; k++) h[4 + 4 * i + k] = (byte) (dims[i] >>> (24 - 8 * k));
        return h;
    }

    public static void main(String[] a) throws Exception {
        dir = Files.createTempDirectory("oldcheck");
        // multi-member gzip IDX
        byte[] raw = new byte[8 + 10];
        System.arraycopy(idxHeader(10), 0, raw, 0, 8);
        ByteArrayOutputStream mm = new ByteArrayOutputStream();
        mm.write(gzip(Arrays.copyOf(raw, 9)));
        mm.write(gzip(Arrays.copyOfRange(raw, 9, raw.length)));
        Path multi = Files.write(dir.resolve("multi-idx1-ubyte.gz"), mm.toByteArray());
        check("multi-member gzip IDX (valid)", () -> IdxReader.read(multi));
        Path zero = Files.write(dir.resolve("zero-idx3-ubyte"), idxHeader(0, 65536, 32768));
        check("IDX dims [0,65536,32768] as images", () -> ImageSamples.images(zero));
        // BOM in cora.content
        Path c = dir.resolve("cora.content"), ci = dir.resolve("cora.cites");
        Files.write(c, ("\ufeff31336\t1\t0\tA\n1061127\t0\t1\tB\n").getBytes(StandardCharsets.UTF_8));
        Files.writeString(ci, "31336\t1061127\n");
        check("UTF-8 BOM in cora.content", () -> LinqsLoader.load(c, ci, "c"));
        // vowdata cut in half
        String text = Files.readString(data.resolve("hillenbrand-vowels/vowdata.dat"), StandardCharsets.ISO_8859_1);
        Path half = Files.writeString(dir.resolve("vowdata.dat"), text.substring(0, text.indexOf('\n', text.length() / 2) + 1), StandardCharsets.ISO_8859_1);
        check("vowdata.dat cut in half", () -> VowelData.load(half).tokens().size() + " tokens");
        // 19-column acoustic
        Path x = Files.writeString(dir.resolve("x_data.csv"), "0.1,".repeat(18) + "0.1\n");
        check("19-column acoustic x_data.csv", () -> AcousticPairs.load(x, x));
        // nested tuples
        ByteArrayOutputStream nt = new ByteArrayOutputStream();
        nt.write(0x80); nt.write(2); nt.write('K'); nt.write(0);
        for (int i = 0; i < 300_000; i++) nt.write(0x85);
        nt.write('.');
        Path nested = Files.write(dir.resolve("nested.pkl"), nt.toByteArray());
        check("300,000 nested tuples (toString)", () -> String.valueOf(PickleReader.read(nested)).length());
        // billion laughs, then walked
        ByteArrayOutputStream bl = new ByteArrayOutputStream();
        bl.write(0x80); bl.write(2); bl.write('('); bl.write('U'); bl.write(3); bl.write("lol".getBytes()); bl.write('q'); bl.write(0);
        for (int lv = 1; lv <= 9; lv++) { bl.write('('); for (int k = 0; k < 10; k++) { bl.write('h'); bl.write(lv - 1); } bl.write('t'); bl.write('q'); bl.write(lv); }
        bl.write('t'); bl.write('.');
        Path laughs = Files.write(dir.resolve("laughs.pkl"), bl.toByteArray());
        check("billion laughs " + bl.size() + " bytes (toString)", () -> String.valueOf(PickleReader.read(laughs)).length());
        // Planetoid graph with id 99,999,999
        Path p = Files.createDirectories(dir.resolve("planetoid"));
        for (String ext : new String[] {"x", "y", "tx", "ty", "allx", "ally", "test.index"}) Files.copy(data.resolve("planetoid/ind.cora." + ext), p.resolve("ind.cora." + ext));
        ByteArrayOutputStream g = new ByteArrayOutputStream();
        g.write(0x80); g.write(2);
        g.write("ccollections\ndefaultdict\nc__builtin__\nlist\n".getBytes()); g.write(0x85); g.write('R'); g.write('q'); g.write(0);
        g.write('('); g.write('K'); g.write(0); g.write(']'); g.write('('); g.write('J');
        int id = 99_999_999; for (int k = 0; k < 4; k++) g.write((id >> (8 * k)) & 0xff);
        g.write('e'); g.write('u'); g.write('.');
        Files.write(p.resolve("ind.cora.graph"), g.toByteArray());
        check("Planetoid graph with node id 99,999,999", () -> PlanetoidLoader.load(p, "cora").numNodes() + " nodes");
    }
}
