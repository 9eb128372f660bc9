package org.forwardlearn.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: invoked alone it is a usage error. */
public abstract class GroupCommand implements Runnable {
    @Spec protected CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: expected one of " + spec.subcommands().keySet());
    }
}
