package org.forwardlearn.spark.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.io.Checkpoint;
import org.forwardlearn.core.io.LayerRecord;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.layer.Convs;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * Converts an SF model to and from core's {@link Checkpoint}: one record per layer, type "sf-" + conv, attributes
 * (conv, activation, tau, in, out), the conv's parameters under their forwardgnn names and "prototypes" (C x out, the
 * layer's outputs for the virtual class nodes); layer 0 also holds "virtual_features" (C x F). Metadata: "config.*"
 * (the run's configuration), "classes", "features" and the provenance.
 */
public final class ModelCodec {
    private ModelCodec() {}

    public static Checkpoint encode(SfConfig cfg, Map<String, String> extraMeta, List<GraphConv> convs,
                                    List<DMatrixRMaj> prototypes, DMatrixRMaj virtualFeatures, int completed) {
        List<LayerRecord> recs = new ArrayList<>();
        for (int l = 0; l < completed; l++) {
            GraphConv c = convs.get(l);
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("conv", c.kind());
            attrs.put("activation", "relu");
            attrs.put("tau", Double.toString(cfg.tau()));
            attrs.put("in", Integer.toString(c.inputSize()));
            attrs.put("out", Integer.toString(c.outputSize()));
            List<LayerRecord.NamedMatrix> mats = new ArrayList<>();
            for (Parameter p : c.parameters()) mats.add(new LayerRecord.NamedMatrix(p.name(), p.value()));
            mats.add(new LayerRecord.NamedMatrix("prototypes", prototypes.get(l)));
            if (l == 0) mats.add(new LayerRecord.NamedMatrix("virtual_features", virtualFeatures));
            recs.add(new LayerRecord("sf-" + c.kind(), attrs, mats));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : cfg.toMap().entrySet()) meta.put("config." + e.getKey(), e.getValue());
        meta.put("classes", Integer.toString(virtualFeatures.numRows));
        meta.put("features", Integer.toString(virtualFeatures.numCols));
        meta.putAll(extraMeta);
        return new Checkpoint(meta, completed, cfg.layers(), recs);
    }

    /** The completed layers as forwardgnn convs. */
    public static List<GraphConv> layers(Checkpoint c) {
        List<GraphConv> out = new ArrayList<>();
        for (int l = 0; l < c.completedLayers(); l++) {
            LayerRecord r = c.layers().get(l);
            GraphConv g = Convs.create(r.attribute("conv"), Integer.parseInt(r.attribute("in")), Integer.parseInt(r.attribute("out")),
                    new Random(0));
            for (Parameter p : g.parameters()) p.value().setTo(r.matrix(p.name()));
            out.add(g);
        }
        return out;
    }

    public static List<DMatrixRMaj> prototypes(Checkpoint c) {
        List<DMatrixRMaj> out = new ArrayList<>();
        for (int l = 0; l < c.completedLayers(); l++) out.add(c.layers().get(l).matrix("prototypes"));
        return out;
    }

    public static DMatrixRMaj virtualFeatures(Checkpoint c) { return c.layers().get(0).matrix("virtual_features"); }

    /** The configuration keys under which a checkpoint was made (for the resume check). */
    public static Map<String, String> config(Checkpoint c) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : c.metadata().entrySet()) {
            if (e.getKey().startsWith("config.")) m.put(e.getKey().substring(7), e.getValue());
        }
        return m;
    }
}
