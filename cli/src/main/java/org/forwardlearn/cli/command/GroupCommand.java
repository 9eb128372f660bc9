package org.forwardlearn.cli.command;

import java.util.concurrent.Callable;
import org.forwardlearn.cli.ForwardlearnCommand;
import org.forwardlearn.cli.Main;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code ff}, {@code data}, {@code gnn}, {@code physical}, {@code device},
 * {@code bench}). {@code forwardlearn GROUP --help} prints the group's help (exit 0); the group invoked alone is a
 * usage error: one line naming the missing subcommand, then the group's usage, on stderr (exit 2).
 */
public abstract class GroupCommand implements Callable<Integer> {
    @Spec protected CommandSpec spec;

    @Override
    public Integer call() {
        var err = ForwardlearnCommand.root(spec).console().err();
        err.println("forwardlearn: missing subcommand: expected one of " + String.join(", ", spec.subcommands().keySet())
                + " (see '" + spec.qualifiedName() + " --help')");
        spec.commandLine().usage(err);
        err.flush();
        return Main.EXIT_USAGE;
    }
}
