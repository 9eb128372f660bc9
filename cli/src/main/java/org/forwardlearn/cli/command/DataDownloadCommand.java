package org.forwardlearn.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.ForwardlearnCommand;
import org.forwardlearn.datasets.download.DataFile;
import org.forwardlearn.datasets.download.DownloadListener;
import org.forwardlearn.datasets.download.Downloader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code forwardlearn data download NAME...}: fetch, verify (SHA-256) and place a dataset's files atomically. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Download datasets into the data folder (HTTPS, or a mirror), verifying SHA-256.",
                "Files already present with the right checksum are skipped; nothing partial is ever left behind."},
        footer = {"", "Example: forwardlearn data download citationfull-cora_ml --mirror /path/to/shared/datasets"})
public final class DataDownloadCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Dataset names (see 'forwardlearn data list').")
    List<String> names;

    @Option(names = "--mirror", paramLabel = "DIR|file:URL",
            description = "A local folder or file: URL laid out like the data folder; replaces the network.")
    String mirror;

    @Override
    public Integer call() {
        ForwardlearnCommand root = ForwardlearnCommand.root(spec);
        Console console = root.console();
        Path dir = root.dataDir();
        for (String name : names) Checks.oneOf("NAME", name, org.forwardlearn.datasets.Datasets.names());
        for (String name : names) {
            List<Path> files = Downloader.download(name, dir, mirror, new Progress(console));
            console.out().println(name + ": " + files.size() + " file(s) in " + dir);
            for (Path p : files) console.out().println("  " + p);
        }
        console.out().flush();
        return 0;
    }

    /** Download progress on stderr: a redrawn line on a terminal, start/done lines otherwise. */
    static final class Progress implements DownloadListener {
        private final Console console;
        private final boolean bar;
        private long lastDraw;

        Progress(Console console) {
            this.console = console;
            this.bar = console.effectiveProgressMode() == Console.ProgressMode.BAR;
        }

        @Override
        public void onStart(DataFile file, long totalBytes) {
            if (!bar && console.effectiveProgressMode() != Console.ProgressMode.NONE) {
                console.status("fetching " + file.path() + (totalBytes > 0 ? String.format(Locale.ROOT, " (%.1f MB)", totalBytes / 1e6) : ""));
            }
        }

        @Override
        public void onProgress(DataFile file, long bytes, long totalBytes) {
            if (!bar) return;
            long now = System.nanoTime();
            if (now - lastDraw < 100_000_000L && bytes != totalBytes) return;
            lastDraw = now;
            String pct = totalBytes > 0 ? String.format(Locale.ROOT, "%3.0f%%", 100.0 * bytes / totalBytes) : "";
            console.redraw(String.format(Locale.ROOT, "%s %s %.1f MB", file.path(), pct, bytes / 1e6), Console.width() - 1);
        }

        @Override
        public void onDone(DataFile file, Path target, boolean skipped) {
            if (console.effectiveProgressMode() == Console.ProgressMode.NONE) return;
            console.status((skipped ? "present, checksum ok: " : "verified: ") + target);
        }
    }
}
