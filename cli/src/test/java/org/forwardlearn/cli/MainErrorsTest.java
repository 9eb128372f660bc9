package org.forwardlearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainErrorsTest {
    @TempDir Path tmp;

    private static void assertOneLineError(CliRun r) {
        assertNotEquals(0, r.code(), r.toString());
        assertEquals(1, r.errLines(), "expected exactly one line on stderr: " + r);
        assertTrue(r.err().startsWith("forwardlearn: "), r.toString());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r);
    }

    @Test
    void unknownOptionIsOneLineUsageError() {
        CliRun r = CliRun.of("ff", "train", "--dataset", "digits", "--no-such-option");
        assertOneLineError(r);
        assertEquals(Main.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--no-such-option"), r.toString());
        assertTrue(r.err().contains("forwardlearn ff train --help"), r.toString());
    }

    @Test
    void badBenchPrecisionIsOneLineUsageError() {
        CliRun r = CliRun.of("bench", "gnn", "--precision", "half", "--data-dir", tmp.toString(), "--progress", "none");
        assertNotEquals(0, r.code(), r.toString());
        assertEquals(Main.EXIT_USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--precision: expected double|float (got half)"), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
    }

    @Test
    void unknownCommandIsOneLineUsageError() {
        CliRun r = CliRun.of("frobnicate");
        assertOneLineError(r);
        assertEquals(Main.EXIT_USAGE, r.code());
    }

    @Test
    void badNumberIsOneLineUsageError() {
        CliRun r = CliRun.of("ff", "train", "--dataset", "digits", "--epochs", "many");
        assertOneLineError(r);
        assertTrue(r.err().contains("many"), r.toString());
    }

    @Test
    void missingRequiredOptionIsOneLineUsageError() {
        assertOneLineError(CliRun.of("ff", "train"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"ff, train", "data, list", "gnn, train", "physical, compare", "device, serve",
            "bench, physical"})
    void groupWithoutSubcommandPrintsItsUsageAndExitsTwo(String group, String oneSubcommand) {
        CliRun r = CliRun.of(group);
        assertEquals(Main.EXIT_USAGE, r.code(), r.toString());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).startsWith("forwardlearn: missing subcommand: expected one of ") && lines.get(0).contains(oneSubcommand),
                r.toString());
        assertTrue(lines.get(0).endsWith("(see 'forwardlearn " + group + " --help')"), r.toString());
        assertTrue(lines.get(1).startsWith("Usage: forwardlearn " + group + " "), "then the group's usage: " + r);
        assertTrue(lines.stream().anyMatch(l -> l.trim().startsWith(oneSubcommand + " ")), "usage lists the subcommands: " + r);
        assertEquals("", r.out(), "usage errors go to stderr");
        assertFalse(r.err().contains("\tat "), r.toString());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"ff, train", "data, export", "gnn, table", "physical, train", "device, serve",
            "bench, gnn"})
    void groupHelpPrintsTheGroupsHelp(String group, String oneSubcommand) {
        for (String flag : new String[] {"--help", "-h"}) {
            CliRun r = CliRun.of(group, flag);
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().startsWith("Usage: forwardlearn " + group + " "), r.out());
            assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith(oneSubcommand + " ")), "lists the subcommands: " + r.out());
            assertEquals("", r.err(), r.toString());
        }
        CliRun v = CliRun.of(group, "--version");
        assertEquals(0, v.code(), v.toString());
        assertTrue(v.out().startsWith("forwardlearn "), v.out());
    }

    @Test
    void failureAtRunTimeIsOneLineWithExitOne() {
        CliRun r = CliRun.of("ff", "train", "--dataset", "digits", "--data-dir", tmp.resolve("empty").toString());
        assertOneLineError(r);
        assertEquals(Main.EXIT_FAILURE, r.code());
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun r = CliRun.of("ff", "train", "--dataset", "digits", "--data-dir", tmp.resolve("empty").toString(), "--verbose");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("\tat "), r.toString());
    }

    @Test
    void invalidValueAfterParsingIsUsageError() {
        CliRun r = CliRun.of("ff", "train", "--dataset", "digits", "--loss", "hinge");
        assertOneLineError(r);
        assertEquals(Main.EXIT_USAGE, r.code());
    }

    @Test
    void helpAndVersionSucceed() {
        CliRun h = CliRun.of("--help");
        assertEquals(0, h.code(), h.toString());
        for (String c : new String[] {"demo", "ff", "data", "gnn", "physical", "device", "bench"}) {
            assertTrue(h.out().contains(c), "help lists " + c + ": " + h);
        }
        assertEquals(0, CliRun.of("--version").code());
        assertEquals(0, CliRun.of("ff", "train", "--help").code());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"demo", "ff train", "data list", "data download", "data info",
            "data export", "gnn train", "gnn predict", "gnn table", "physical train", "physical compare", "device serve", "bench gnn", "bench physical"})
    void everyCommandHasHelp(String command) {
        String[] args = (command + " --help").split(" ");
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("Usage: forwardlearn " + command), r.out());
    }

    @Test
    void inheritedOptionsWorkBeforeAndAfterTheSubcommand() {
        Path dir = tmp.resolve("d");
        for (String[] args : new String[][] {{"--data-dir", dir.toString(), "ff", "train", "--dataset", "digits"},
                {"ff", "train", "--dataset", "digits", "--data-dir", dir.toString()}}) {
            Console c = new Console(new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter()), false);
            CommandLine cl = Main.newCommandLine(c);
            cl.parseArgs(args);
            ForwardlearnCommand root = cl.getCommand();
            assertEquals(dir, root.dataDir(), String.join(" ", args));
        }
    }

    @Test
    void oneLineFlattensMultiLineMessages() {
        assertEquals("a b c", Errors.oneLine(new IllegalArgumentException("a\n  b\r\nc")));
        assertEquals("file not found: /x", Errors.oneLine(new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("/x"))));
        assertTrue(Errors.oneLine(new NullPointerException()).startsWith("NullPointerException"));
        assertEquals("out of memory (raise -Xmx): Java heap space", Errors.oneLine(new OutOfMemoryError("Java heap space")));
    }
}
