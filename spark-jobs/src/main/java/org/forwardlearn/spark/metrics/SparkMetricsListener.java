package org.forwardlearn.spark.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/**
 * Sums Spark's own task metrics per phase. The phase is the job's local property
 * {@code forwardlearn.phase} (set by the trainer on the driver thread), so shuffle and result bytes can be
 * attributed to a layer's aggregation, its training steps or its materialisation. Register with
 * {@code sc.addSparkListener}; read after {@code SparkContext}'s listener bus has drained
 * (see {@link #snapshot}).
 */
public final class SparkMetricsListener extends SparkListener {
    private final Map<Integer, String> stagePhase = new ConcurrentHashMap<>();
    private final Map<String, PhaseMetrics> phases = new ConcurrentHashMap<>();

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        String phase = job.properties() == null ? null : job.properties().getProperty("forwardlearn.phase");
        String p = phase == null ? "other" : phase;
        scala.collection.Iterator<StageInfo> it = job.stageInfos().iterator();
        while (it.hasNext()) stagePhase.put(it.next().stageId(), p);
        phases.computeIfAbsent(p, k -> new PhaseMetrics()).jobs++;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        TaskMetrics t = end.taskMetrics();
        if (t == null) return;
        String p = stagePhase.getOrDefault(end.stageId(), "other");
        PhaseMetrics m = phases.computeIfAbsent(p, k -> new PhaseMetrics());
        synchronized (m) {
            m.tasks++;
            m.shuffleReadBytes += t.shuffleReadMetrics().totalBytesRead();
            m.shuffleRemoteReadBytes += t.shuffleReadMetrics().remoteBytesRead();
            m.shuffleWriteBytes += t.shuffleWriteMetrics().bytesWritten();
            m.resultBytes += t.resultSize();
            m.executorRunMillis += t.executorRunTime();
            m.peakExecutionMemory = Math.max(m.peakExecutionMemory, t.peakExecutionMemory());
            if (end.taskExecutorMetrics() != null) {
                m.peakJvmHeap = Math.max(m.peakJvmHeap, end.taskExecutorMetrics().getMetricValue("JVMHeapMemory"));
            }
        }
    }

    /** A copy of the per-phase metrics, sorted by phase name. */
    public Map<String, PhaseMetrics> snapshot() {
        Map<String, PhaseMetrics> out = new TreeMap<>();
        for (Map.Entry<String, PhaseMetrics> e : phases.entrySet()) {
            PhaseMetrics c = new PhaseMetrics();
            synchronized (e.getValue()) { c.merge(e.getValue()); }
            out.put(e.getKey(), c);
        }
        return out;
    }

    /** The metrics of every phase whose name starts with the prefix (e.g. "layer-1/"), merged. */
    public PhaseMetrics total(String prefix) {
        PhaseMetrics t = new PhaseMetrics();
        for (Map.Entry<String, PhaseMetrics> e : snapshot().entrySet()) if (e.getKey().startsWith(prefix)) t.merge(e.getValue());
        return t;
    }

    /** Waits until the listener bus has delivered every event posted so far (up to 10 s). */
    public static void drain(org.apache.spark.SparkContext sc) {
        try {
            sc.listenerBus().waitUntilEmpty(10_000);
        } catch (Exception e) {
            org.apache.logging.log4j.LogManager.getLogger(SparkMetricsListener.class).warn("listener bus not drained: {}", e.toString());
        }
    }

    /** Clears everything (between runs sharing one SparkContext). */
    public void reset() { stagePhase.clear(); phases.clear(); }
}
