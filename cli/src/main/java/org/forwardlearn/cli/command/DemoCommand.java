package org.forwardlearn.cli.command;

import java.util.concurrent.Callable;
import org.forwardlearn.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code forwardlearn demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "TODO")
public final class DemoCommand implements Callable<Integer> {
    @Mixin RunOptions run;

    @Override
    public Integer call() {
        throw new CliException("not available yet");
    }
}
