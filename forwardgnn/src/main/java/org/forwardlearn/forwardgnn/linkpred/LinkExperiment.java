package org.forwardlearn.forwardgnn.linkpred;

import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.GnnExperiment;
import org.forwardlearn.forwardgnn.GnnResult;
import org.forwardlearn.forwardgnn.graph.GraphData;

/** Link prediction runs (issue 5). */
public final class LinkExperiment {
    private final GnnConfig config;

    public LinkExperiment(GnnConfig config, GnnExperiment parent) { this.config = config; }

    public GnnResult run(GraphData g, TrainingListener listener) {
        throw new UnsupportedOperationException("Link prediction method '" + config.method() + "' is not implemented yet");
    }
}
