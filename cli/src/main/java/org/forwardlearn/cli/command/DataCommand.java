package org.forwardlearn.cli.command;

import picocli.CommandLine.Command;

/** {@code forwardlearn data ...}: the dataset catalogue, downloads, statistics and export (module datasets). */
@Command(name = "data", description = "Datasets: list, download, info, export.",
        subcommands = {DataListCommand.class, DataDownloadCommand.class, DataInfoCommand.class, DataExportCommand.class})
public final class DataCommand extends GroupCommand {
}
