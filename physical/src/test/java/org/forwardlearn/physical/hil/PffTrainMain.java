package org.forwardlearn.physical.hil;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.forwardlearn.core.train.TrainingState;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.physical.pff.PffModel;

/**
 * The trainer process of {@link KillAndResumeTest} (test code: it prints progress for the parent to read).
 * Args: deviceUri0 deviceUri1 checkpoint weightsOut epochs sleepMsPerBatch resume(true|false).
 * Prints "RESUME epoch batch" when resuming, "CHECKPOINT epoch batch" after each checkpoint, "DONE" at the end.
 */
public final class PffTrainMain {
    private PffTrainMain() {}

    public static void main(String[] args) throws Exception {
        Path checkpoint = Path.of(args[2]), out = Path.of(args[3]);
        int epochs = Integer.parseInt(args[4]);
        long sleepMs = Long.parseLong(args[5]);
        boolean resume = Boolean.parseBoolean(args[6]);
        if (resume && Files.exists(checkpoint)) {
            TrainingState c = TrainingState.load(checkpoint);
            System.out.println("RESUME " + c.epoch() + " " + c.nextBatch());
        }
        try (RemotePhysicalSystem d0 = RemotePhysicalSystem.connect(RemoteConfig.builder(args[0]).exact().clientId("trainer").build());
             RemotePhysicalSystem d1 = RemotePhysicalSystem.connect(RemoteConfig.builder(args[1]).exact().clientId("trainer").build())) {
            TrainingListener listener = new TrainingListener() {
                @Override public void onBatchEnd(int epoch, int batch, int batches, double loss) { sleep(sleepMs); }
                @Override public void onCheckpoint(Path path, int epoch, int batch) {
                    System.out.println("CHECKPOINT " + epoch + " " + batch);
                    System.out.flush();
                }
            };
            PffModel m = PffRun.train(List.of(d0, d1), epochs, checkpoint, resume, listener);
            writeWeights(PffRun.weights(m), out);
        }
        System.out.println("DONE");
    }

    static void writeWeights(double[] w, Path out) throws IOException {
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(tmp))) {
            o.writeInt(w.length);
            for (double v : w) o.writeDouble(v);
        }
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static double[] readWeights(Path in) throws IOException {
        try (java.io.DataInputStream i = new java.io.DataInputStream(Files.newInputStream(in))) {
            double[] w = new double[i.readInt()];
            for (int k = 0; k < w.length; k++) w[k] = i.readDouble();
            return w;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
