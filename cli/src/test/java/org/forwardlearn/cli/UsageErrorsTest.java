package org.forwardlearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.forwardlearn.cli.command.TrainingStarts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every bad option value of every training command is a usage error found before any work: exit code 2, one line
 * naming the option with what was expected and what was given, and no training started (the process-wide
 * {@link TrainingStarts} count does not move) within a time bound far below what any training takes.
 */
class UsageErrorsTest {
    /** Seconds a usage error may take (the slowest cases load a graph to check the split against it). */
    static final double BOUND_SECONDS = 10;

    @TempDir Path tmp;

    static String data() {
        return CommandsSmokeTest.data().toString();
    }

    /** Runs a command expected to be a usage error and returns its one line without the pointer to the help. */
    static String usageError(String option, String... args) {
        long before = TrainingStarts.count();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", data(), "--progress", "plain"));
        long t0 = System.nanoTime();
        CliRun r = CliRun.of(all.toArray(new String[0]));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(Main.EXIT_USAGE, r.code(), String.join(" ", args) + ": " + r);
        assertEquals(1, r.errLines(), "one line: " + r);
        String line = r.err().trim();
        String help = " (see 'forwardlearn " + args[0].split(" ")[0] + " ";
        assertTrue(line.contains(help) && line.endsWith(" --help')"), "points to the command's help: " + line);
        line = line.substring(0, line.lastIndexOf(" (see '"));
        assertTrue(line.startsWith("forwardlearn: " + option + ": expected "), String.join(" ", args) + ": " + line);
        assertTrue(line.contains(" (got "), line);
        assertEquals("", r.out(), r.toString());
        assertEquals(before, TrainingStarts.count(), "no training started: " + String.join(" ", args));
        assertTrue(seconds < BOUND_SECONDS, String.join(" ", args) + " took " + seconds + " s");
        return line;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--layers|gnn train --layers 0",
        "--hidden|gnn train --hidden 0",
        "--hidden|gnn train --conv gat --hidden 30",
        "--lr|gnn train --lr 0",
        "--lr|gnn train --lr -0.5",
        "--lr|gnn train --lr NaN",
        "--epochs|gnn train --epochs 0",
        "--patience|gnn train --patience -1",
        "--validate-every|gnn train --validate-every 0",
        "--weight-decay|gnn train --weight-decay -1",
        "--split|gnn train --split 5",
        "--split|gnn train --split -2",
        "--split|gnn train --task link --split -1",
        "--dataset|gnn train --dataset no-such-graph",
        "--dataset|gnn train --dataset digits",
        "--task|gnn train --task edge",
        "--layers|gnn table --datasets citationfull-cora_ml --methods sf --convs gcn --layers 0-2",
        "--splits|gnn table --datasets citationfull-cora_ml --methods sf --convs gcn --splits 0-5",
        "--datasets|gnn table --datasets citationfull-cora_ml,nope --methods sf --convs gcn",
        "--hidden|gnn table --datasets citationfull-cora_ml --methods sf --hidden -3",
        "--repeat|bench gnn --repeat 0",
        "--warmup|bench gnn --warmup -1",
        "--layers|bench gnn --layers 0",
        "--split|bench gnn --split 9",
        "--memory-probe|bench gnn --memory-probe always",
        "--layers|ff train --dataset digits --layers 0",
        "--hidden|ff train --dataset digits --hidden 0",
        "--epochs|ff train --dataset digits --epochs 0",
        "--batch-size|ff train --dataset digits --batch-size -1",
        "--lr|ff train --dataset digits --lr 0",
        "--patience|ff train --dataset digits --patience -2",
        "--val-fraction|ff train --dataset digits --val-fraction 1",
        "--alpha|ff train --dataset digits --alpha 0",
        "--loss|ff train --dataset digits --loss hinge",
        "--dataset|ff train --dataset cora",
        "--classes|demo --classes 1",
        "--layers|demo --layers 0",
        "--epochs|demo --epochs 0",
        "--lr|demo --lr 0",
        "--homophily|demo --homophily 1.5",
        "--nodes|demo --nodes 5",
        "--model|demo --model mlp",
        "--classes|demo --model ff --classes 0",
        "--epochs|physical train --dataset vowels --epochs 0",
        "--blocks|physical train --dataset vowels --blocks 0",
        "--hidden|physical train --dataset vowels --hidden 0",
        "--lr|physical train --dataset vowels --lr -1",
        "--noise|physical train --dataset vowels --noise -1",
        "--method|physical train --dataset vowels --method magic",
        "--dataset|physical train --dataset mnist",
        "--methods|physical compare --dataset vowels --methods pff,magic",
        "--epochs|physical compare --dataset vowels --methods logreg --epochs 0",
        "--repeat|bench physical --dataset vowels --repeat 0",
        "--threads|bench physical --dataset vowels --threads -1",
        "--device|physical train --dataset vowels --device http://127.0.0.1:7001",
        "--device|physical train --dataset vowels --device tcp://127.0.0.1:0",
        "--methods|gnn table --methods nosuch",
        "--convs|gnn table --methods sf --convs gin",
        "NAME|data info nosuch",
        "NAME|data download digits nosuch",
        "--port|device serve --system acoustic --port 70000",
        "--duration|device serve --system acoustic --port 0 --duration -1",
    })
    void badValueIsAUsageErrorBeforeAnyTraining(String spec) {
        String[] parts = spec.split("\\|");
        String line = usageError(parts[0], parts[1].split(" "));
        String got = line.substring(line.lastIndexOf("(got ") + 5, line.length() - 1).replace("'", "");
        assertTrue(!got.isEmpty() && parts[1].contains(got), "names what was given: " + line);
    }

    @Test
    void splitWithoutAPublicSplitIsFoundOnceTheDatasetIsLoaded() {
        String line = usageError("--split", "gnn", "train", "--dataset", "citationfull-cora_ml", "--split", "-1");
        assertTrue(line.contains("citationfull-cora_ml has no public split"), line);
        String table = usageError("--splits", "gnn", "table", "--datasets", "citationfull-cora_ml", "--methods", "sf", "--convs", "gcn",
                "--splits", "-1");
        assertTrue(table.contains("no public split"), table);
    }

    @Test
    void messagesReadExpectedAndGot() {
        assertEquals("forwardlearn: --layers: expected an integer >= 1 (got 0)", usageError("--layers", "gnn", "train", "--layers", "0"));
        assertEquals("forwardlearn: --lr: expected a finite number > 0 (got 0)", usageError("--lr", "gnn", "train", "--lr", "0"));
        assertEquals("forwardlearn: --classes: expected an integer >= 2 (got 1)", usageError("--classes", "demo", "--classes", "1"));
        assertEquals("forwardlearn: --split: expected 0..4 (the seeded splits) or -1 (the dataset's public split) (got 7)",
                usageError("--split", "gnn", "train", "--split", "7"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo --nodes 200 --epochs 2", "gnn train --layers 1 --epochs 2", "ff train --dataset digits --epochs 1",
            "physical train --dataset vowels --method logreg --epochs 1", "gnn table --datasets citationfull-cora_ml --methods sf --convs gcn --layers 1 --splits 0 --epochs 1",
            "bench gnn --layers 1 --epochs 1 --repeat 1 --warmup 0"})
    void outUnderARegularFileFailsBeforeTraining(String command) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        for (Path out : new Path[] {file, file.resolve("run")}) {
            String line = usageError("--out", (command + " --out " + out).split(" "));
            assertTrue(line.contains("is a file"), line);
            assertTrue(Files.isRegularFile(file) && Files.readString(file).equals("x"), "the file is left alone");
        }
    }

    @Test
    void outThatCannotBeCreatedFailsBeforeTraining() {
        Path sys = Path.of("/sys");
        assumeTrue(Files.isDirectory(sys) && !Files.exists(sys.resolve("forwardlearn-out")), "a Linux sysfs");
        String line = usageError("--out", "demo", "--nodes", "200", "--out", sys.resolve("forwardlearn-out").resolve("run").toString());
        assertTrue(line.contains("can be created and written"), line);
        assertFalse(Files.exists(sys.resolve("forwardlearn-out")));
    }
}
