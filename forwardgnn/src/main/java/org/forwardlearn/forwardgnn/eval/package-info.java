/** Evaluation metrics (ROC-AUC, average precision). */
package org.forwardlearn.forwardgnn.eval;
