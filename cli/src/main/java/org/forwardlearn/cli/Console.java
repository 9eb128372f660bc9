package org.forwardlearn.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the CLI prints: results on {@link #out()} (stdout), progress and errors on {@link #err()}
 * (stderr). Knows whether stderr is a terminal, which decides between a redrawn progress bar and
 * plain periodic lines.
 */
public final class Console {
    /** How progress is shown. */
    public enum ProgressMode { AUTO, BAR, PLAIN, NONE }

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private ProgressMode progressMode = ProgressMode.AUTO;
    private boolean midLine;

    public Console(PrintWriter out, PrintWriter err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public PrintWriter out() { return out; }

    public PrintWriter err() { return err; }

    public boolean terminal() { return terminal; }

    public void progressMode(ProgressMode mode) { this.progressMode = mode; }

    /** The progress mode after resolving AUTO: BAR on a terminal, PLAIN otherwise. */
    public ProgressMode effectiveProgressMode() {
        if (progressMode != ProgressMode.AUTO) return progressMode;
        return terminal ? ProgressMode.BAR : ProgressMode.PLAIN;
    }

    /** Redraws the current stderr line (carriage return, no newline). */
    public synchronized void redraw(String line, int width) {
        String s = line.length() > width ? line.substring(0, width) : line;
        err.print("\r" + s + " ".repeat(Math.max(0, width - s.length())));
        err.flush();
        midLine = true;
    }

    /** Ends a redrawn line, if one is open. */
    public synchronized void endLine() {
        if (midLine) {
            err.println();
            midLine = false;
        }
    }

    /** A progress/status line on stderr (ends an open progress bar first). */
    public synchronized void status(String line) {
        endLine();
        err.println(line);
    }

    /** Whether stderr of this process is a terminal (Linux: /proc/self/fd/2; else System.console()). */
    public static boolean stderrIsTerminal() {
        String term = System.getenv("TERM");
        if ("dumb".equals(term)) return false;
        try {
            Path fd2 = Path.of("/proc/self/fd/2");
            if (Files.exists(fd2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception e) {
            // fall through
        }
        return System.console() != null;
    }

    private static volatile int width = -1;

    /** Terminal width: $COLUMNS, else {@code stty size} on /dev/tty (once), else 100. */
    public static int width() {
        if (width > 0) return width;
        int w = 100;
        try {
            String c = System.getenv("COLUMNS");
            if (c != null && !c.isBlank()) {
                w = Integer.parseInt(c.trim());
            } else if (Files.exists(Path.of("/dev/tty"))) {
                Process p = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(1, java.util.concurrent.TimeUnit.SECONDS)) {
                    String[] rc = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim().split("\\s+");
                    if (rc.length == 2) w = Integer.parseInt(rc[1]);
                } else {
                    p.destroy();
                }
            }
        } catch (Exception e) {
            // no terminal size: keep the default
        }
        width = Math.max(40, w);
        return width;
    }
}
