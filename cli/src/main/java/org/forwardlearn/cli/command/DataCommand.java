package org.forwardlearn.cli.command;

import picocli.CommandLine.Command;

/** {@code forwardlearn data ...}: the dataset catalogue, downloads, statistics and export. */
@Command(name = "data", description = "Datasets: list, download, info, export.",
        subcommands = {})
public final class DataCommand extends GroupCommand {
}
