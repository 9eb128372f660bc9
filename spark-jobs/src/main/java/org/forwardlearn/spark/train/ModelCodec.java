package org.forwardlearn.spark.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.io.Checkpoint;
import org.forwardlearn.core.io.LayerRecord;
import org.forwardlearn.core.layer.Activation;
import org.forwardlearn.core.layer.DenseLayer;

/**
 * Converts an SF model to and from core's {@link Checkpoint}: one record per layer, type "sf-gcn" or
 * "sf-sage", attributes (conv, activation, tau), matrices weight (in x out), bias (1 x out) and prototypes
 * (C x out, the layer's outputs for the virtual class nodes); layer 0 also holds "virtual_features" (C x F).
 * Metadata: "config.*" (the run's configuration), "classes", "features" and the provenance.
 */
public final class ModelCodec {
    private ModelCodec() {}

    public static Checkpoint encode(SfConfig cfg, Map<String, String> extraMeta, List<DenseLayer> layers,
                                    List<DMatrixRMaj> prototypes, DMatrixRMaj virtualFeatures, int completed) {
        List<LayerRecord> recs = new ArrayList<>();
        for (int l = 0; l < completed; l++) {
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("conv", cfg.conv());
            attrs.put("activation", "relu");
            attrs.put("tau", Double.toString(cfg.tau()));
            List<LayerRecord.NamedMatrix> mats = new ArrayList<>();
            mats.add(new LayerRecord.NamedMatrix("weight", layers.get(l).weight()));
            mats.add(new LayerRecord.NamedMatrix("bias", layers.get(l).bias()));
            mats.add(new LayerRecord.NamedMatrix("prototypes", prototypes.get(l)));
            if (l == 0) mats.add(new LayerRecord.NamedMatrix("virtual_features", virtualFeatures));
            recs.add(new LayerRecord("sf-" + cfg.conv(), attrs, mats));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : cfg.toMap().entrySet()) meta.put("config." + e.getKey(), e.getValue());
        meta.put("classes", Integer.toString(virtualFeatures.numRows));
        meta.put("features", Integer.toString(virtualFeatures.numCols));
        meta.putAll(extraMeta);
        return new Checkpoint(meta, completed, cfg.layers(), recs);
    }

    public static List<DenseLayer> layers(Checkpoint c) {
        List<DenseLayer> out = new ArrayList<>();
        for (int l = 0; l < c.completedLayers(); l++) {
            LayerRecord r = c.layers().get(l);
            out.add(new DenseLayer(r.matrix("weight"), r.matrix("bias"), Activation.parse(r.attribute("activation"))));
        }
        return out;
    }

    public static List<DMatrixRMaj> prototypes(Checkpoint c) {
        List<DMatrixRMaj> out = new ArrayList<>();
        for (int l = 0; l < c.completedLayers(); l++) out.add(c.layers().get(l).matrix("prototypes"));
        return out;
    }

    /** The configuration keys under which a checkpoint was made (for the resume check). */
    public static Map<String, String> config(Checkpoint c) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : c.metadata().entrySet()) {
            if (e.getKey().startsWith("config.")) m.put(e.getKey().substring(7), e.getValue());
        }
        return m;
    }
}
