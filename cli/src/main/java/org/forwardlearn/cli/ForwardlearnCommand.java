package org.forwardlearn.cli;

import java.nio.file.Path;
import org.forwardlearn.cli.command.BenchCommand;
import org.forwardlearn.cli.command.DataCommand;
import org.forwardlearn.cli.command.DemoCommand;
import org.forwardlearn.cli.command.DeviceCommand;
import org.forwardlearn.cli.command.FfCommand;
import org.forwardlearn.cli.command.GnnCommand;
import org.forwardlearn.cli.command.PhysicalCommand;
import org.forwardlearn.core.provenance.RunProvenance;
import org.forwardlearn.datasets.Datasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root {@code forwardlearn} command: global options shared by every subcommand. */
@Command(name = "forwardlearn", mixinStandardHelpOptions = true, versionProvider = ForwardlearnCommand.Version.class,
        description = "Learning without backpropagation across layers: forward-forward MLPs, forward-learned GNNs, "
                + "physical layers.",
        subcommands = {DemoCommand.class, FfCommand.class, DataCommand.class, GnnCommand.class, PhysicalCommand.class,
                DeviceCommand.class, BenchCommand.class},
        footer = {"", "Data folder: --data-dir, else $FORWARDLEARN_DATA, else ~/.forwardlearn/data.",
                "Exit codes: 0 ok, 1 failed run, 2 usage error."})
public final class ForwardlearnCommand implements Runnable {
    private final Console console;

    @Spec CommandSpec spec;

    private Path dataDir;

    public ForwardlearnCommand(Console console) {
        this.console = console;
    }

    @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Datasets folder (default: $FORWARDLEARN_DATA, else ~/.forwardlearn/data).")
    void setDataDir(Path dir) { this.dataDir = dir; }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "More logging (INFO; -vv: DEBUG) and stack traces on errors.")
    void setVerbose(boolean[] v) {
        // read from the raw arguments by Main before parsing (see Logging.verbosityOf)
    }

    @Option(names = "--progress", paramLabel = "MODE", scope = ScopeType.INHERIT,
            description = "Progress display: ${COMPLETION-CANDIDATES} (default: auto = bar on a terminal, plain lines otherwise).")
    void setProgress(Console.ProgressMode mode) { console.progressMode(mode); }

    public Console console() { return console; }

    /** The data folder: --data-dir, else the datasets module's default (system property, env, home). */
    public Path dataDir() {
        return dataDir != null ? dataDir : Datasets.defaultDataDir();
    }

    @Override
    public void run() {
        spec.commandLine().usage(console.out());
    }

    /** The root command of any command in the tree. */
    public static ForwardlearnCommand root(CommandSpec spec) {
        return (ForwardlearnCommand) spec.root().userObject();
    }

    /** Version from the jar manifest. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"forwardlearn " + RunProvenance.frameworkVersion(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
