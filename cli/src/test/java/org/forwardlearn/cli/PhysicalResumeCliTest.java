package org.forwardlearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * physical train --resume against a checkpoint of another configuration: exit 1, one line naming the differing entries
 * and the options behind them (--lr, --noise, --epochs); --optimizer sgd reaches core's SGD.
 */
class PhysicalResumeCliTest {
    @TempDir Path tmp;

    private static String[] args(Path out, String... extra) {
        String[] base = {"physical", "train", "--dataset", "vowels", "--epochs", "1", "--seed", "1", "--data-dir",
                CommandsSmokeTest.data().toString(), "--out", out.toString()};
        String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void aResumeWithOtherOptionsIsRefusedNamingThem() throws Exception {
        Path out = tmp.resolve("run");
        CommandsSmokeTest.ok(args(out));
        assertTrue(Files.exists(out.resolve("pff-checkpoint.bin")));
        CliRun lr = CliRun.of(args(out, "--resume", "--lr", "0.05"));
        assertEquals(Main.EXIT_FAILURE, lr.code(), lr.toString());
        assertEquals(1, lr.err().lines().filter(l -> l.startsWith("forwardlearn: ")).count(), lr.toString());
        assertTrue(lr.err().contains("lr='0.05' (checkpoint: '0.001')") && lr.err().contains("[differing options: --lr]"), lr.toString());
        CliRun noise = CliRun.of(args(out, "--resume", "--noise", "2"));
        assertEquals(Main.EXIT_FAILURE, noise.code(), noise.toString());
        assertTrue(noise.err().contains("device.0.noise='2.0' (checkpoint: '1.0')") && noise.err().contains("--noise"), noise.toString());
        Path sgd = tmp.resolve("sgd");
        CommandsSmokeTest.ok(args(sgd, "--optimizer", "sgd", "--lr", "0.05"));
        Map<String, Object> m = CommandsSmokeTest.result(sgd);
        assertTrue(String.valueOf(m.get("provenance")).contains("pff.optimizer=sgd"), m.toString());
        CliRun bad = CliRun.of(args(tmp.resolve("bad"), "--optimizer", "rmsprop"));
        assertEquals(Main.EXIT_USAGE, bad.code(), bad.toString());
    }
}
