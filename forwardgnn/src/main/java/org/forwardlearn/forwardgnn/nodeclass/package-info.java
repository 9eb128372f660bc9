/**
 * Forward-learning node classification: the layer-wise problem shape, virtual-node augmentation, the single-forward
 * (SF) method, the forward-forward methods, and the label-propagated SF methods of issue 20.
 *
 * <p><b>LPF (Label-Propagated Forward, method {@code lpf}) and its ablation</b> ({@code lpf-rp}, {@code lpf-lt},
 * {@code sf-rp}, {@code sf-lt}): SF whose layers also use label information spread over the graph, every piece of it computed from
 * fixed quantities (training labels, the graph's GCN operator, the finished layers' summed class distributions), so
 * no gradient ever crosses a layer ({@link org.forwardlearn.forwardgnn.nodeclass.Propagated}):
 * <ul>
 *   <li>residual propagation into each layer's objective ({@code sf-rp}, {@code lpf-rp}): layer l adds a soft-target cross-entropy
 *       (core's {@code PrototypeSoftmaxLoss.evaluateSoft}) on every node without a training label, towards Correct-and-Smooth of the finished
 *       layers' prediction (DFA-GNN's pseudo-error generator, without DFA);</li>
 *   <li>Correct-and-Smooth post-processing of the summed per-layer distributions ({@code lpf}, and every {@code lpf-*},
 *       {@link org.forwardlearn.forwardgnn.nodeclass.LabelPropagation}), strengths chosen on the validation nodes;</li>
 *   <li>the label trick with masking ({@code sf-lt}, {@code lpf-lt}, {@link org.forwardlearn.forwardgnn.nodeclass.LabelTrick}):
 *       training labels as input columns on a three-copy union graph, a scored node's own label never in its input;</li>
 *   <li>dropout in the local objective ({@code lpf-do}, {@link org.forwardlearn.forwardgnn.nodeclass.LocalDropout}):
 *       inverted dropout 0.5 on the layer's own output rows inside its loss, training steps only;</li>
 *   <li>SIGN-style feature propagation ({@code lpf-fp}, {@link org.forwardlearn.forwardgnn.nodeclass.FeaturePropagation}):
 *       layer 0 reads the fixed blocks [X | SX | S^2 X], each row-normalised.</li>
 * </ul>
 * {@code lpf} is SF + Correct-and-Smooth, the only signal that helped on both datasets of the ablation
 * ({@code docs/results/beyond-forwardgnn.md}; the label trick helps on CiteSeer only; local dropout and feature
 * propagation, round 2, do not beat it on both datasets); the others stay as registry methods so the ablation can be rerun.
 */
package org.forwardlearn.forwardgnn.nodeclass;
