package org.forwardlearn.cli.command;

import picocli.CommandLine.Command;

/** {@code forwardlearn bench ...}: timed, repeated scenarios with memory high-water marks (bench.json). */
@Command(name = "bench", description = "Benchmarks: wall time (median, spread), time per epoch, peak RSS and heap, accuracy.",
        subcommands = {BenchGnnCommand.class, BenchPhysicalCommand.class})
public final class BenchCommand extends GroupCommand {
}
