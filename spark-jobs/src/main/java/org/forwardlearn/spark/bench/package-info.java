/** The scale benchmark command (contextual-SBM graphs). */
package org.forwardlearn.spark.bench;
