package org.forwardlearn.spark.ml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.SparkSession;
import org.forwardlearn.core.io.Checkpoint;
import org.forwardlearn.spark.output.HadoopFiles;

/**
 * ML persistence for the estimator and the model: {@code PATH/metadata.json} (class, uid, Spark version and
 * every explicitly set param as Spark's own JSON encoding) and, for a model, {@code PATH/model.flck} (core's
 * checkpoint format, also loadable by the library and the CLI).
 */
final class MlIo {
    static final String METADATA = "metadata.json", MODEL = "model.flck";

    private MlIo() {}

    record Metadata(String className, String uid, Map<String, String> params) {
        /** Sets every stored param on {@code p} (decoded with the param's own JSON decoder). */
        void applyTo(Params p) {
            for (Map.Entry<String, String> e : params.entrySet()) {
                if (!p.hasParam(e.getKey())) continue;
                Param<Object> param = p.getParam(e.getKey());
                p.set(param, param.jsonDecode(e.getValue()));
            }
        }
    }

    /** Writes the metadata and, when {@code checkpoint} is not null, the model checkpoint. */
    static final class ParamsWriter extends MLWriter {
        private final Params owner;
        private final Checkpoint checkpoint;

        ParamsWriter(Params owner, Checkpoint checkpoint) {
            this.owner = owner;
            this.checkpoint = checkpoint;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void saveImpl(String path) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", owner.getClass().getName());
            m.put("uid", owner.uid());
            m.put("sparkVersion", sparkSession().version());
            Map<String, String> ps = new LinkedHashMap<>();
            for (ParamPair<?> pp : owner.extractParamMap().toList()) {
                Param<Object> p = (Param<Object>) pp.param();
                ps.put(p.name(), p.jsonEncode(pp.value()));
            }
            m.put("params", ps);
            Configuration hc = sparkSession().sparkContext().hadoopConfiguration();
            try {
                HadoopFiles.write(hc, path + "/" + METADATA, new ObjectMapper().writeValueAsString(m).getBytes(StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Expected JSON-serialisable params (got " + e.getMessage() + ")", e);
            }
            if (checkpoint != null) HadoopFiles.saveCheckpoint(hc, checkpoint, path + "/" + MODEL);
        }
    }

    static Metadata readMetadata(SparkSession spark, String path, Class<?> expected) {
        byte[] b = HadoopFiles.read(spark.sparkContext().hadoopConfiguration(), path + "/" + METADATA);
        Map<String, Object> m;
        try {
            m = new ObjectMapper().readValue(b, new TypeReference<Map<String, Object>>() {});
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Expected JSON in " + path + "/" + METADATA + " (got " + e.getMessage() + ")", e);
        }
        if (!expected.getName().equals(m.get("class"))) {
            throw new IllegalArgumentException("Expected a saved " + expected.getSimpleName() + " in " + path + " (got " + m.get("class") + ")");
        }
        @SuppressWarnings("unchecked")
        Map<String, String> ps = (Map<String, String>) m.getOrDefault("params", Map.of());
        return new Metadata((String) m.get("class"), (String) m.get("uid"), ps);
    }

    static Checkpoint readCheckpoint(SparkSession spark, String path) {
        return HadoopFiles.loadCheckpoint(spark.sparkContext().hadoopConfiguration(), path + "/" + MODEL);
    }
}
