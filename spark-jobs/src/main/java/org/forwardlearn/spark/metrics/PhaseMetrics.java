package org.forwardlearn.spark.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** Spark task metrics summed over the jobs of one phase (e.g. "layer-0/train"). */
public final class PhaseMetrics {
    long jobs, tasks, shuffleReadBytes, shuffleRemoteReadBytes, shuffleWriteBytes, resultBytes, executorRunMillis;
    long peakExecutionMemory, peakJvmHeap;

    public long jobs() { return jobs; }
    public long tasks() { return tasks; }
    /** Shuffle bytes read (local + remote). */
    public long shuffleReadBytes() { return shuffleReadBytes; }
    public long shuffleRemoteReadBytes() { return shuffleRemoteReadBytes; }
    public long shuffleWriteBytes() { return shuffleWriteBytes; }
    /** Bytes of task results sent from executors to the driver. */
    public long resultBytes() { return resultBytes; }
    public long executorRunMillis() { return executorRunMillis; }
    /** Largest per-task peak execution memory (shuffles, aggregations). */
    public long peakExecutionMemory() { return peakExecutionMemory; }
    /** Largest executor JVM heap seen at the end of a task (0 when executor metrics are not reported). */
    public long peakJvmHeap() { return peakJvmHeap; }

    void merge(PhaseMetrics o) {
        jobs += o.jobs; tasks += o.tasks; shuffleReadBytes += o.shuffleReadBytes; shuffleRemoteReadBytes += o.shuffleRemoteReadBytes;
        shuffleWriteBytes += o.shuffleWriteBytes; resultBytes += o.resultBytes; executorRunMillis += o.executorRunMillis;
        peakExecutionMemory = Math.max(peakExecutionMemory, o.peakExecutionMemory);
        peakJvmHeap = Math.max(peakJvmHeap, o.peakJvmHeap);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobs", jobs);
        m.put("tasks", tasks);
        m.put("shuffle_read_bytes", shuffleReadBytes);
        m.put("shuffle_remote_read_bytes", shuffleRemoteReadBytes);
        m.put("shuffle_write_bytes", shuffleWriteBytes);
        m.put("result_bytes", resultBytes);
        m.put("executor_run_ms", executorRunMillis);
        m.put("peak_execution_memory_bytes", peakExecutionMemory);
        m.put("peak_executor_jvm_heap_bytes", peakJvmHeap);
        return m;
    }
}
