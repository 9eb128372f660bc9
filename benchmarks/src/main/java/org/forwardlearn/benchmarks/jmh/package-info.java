/** JMH benchmarks of the kernels at the shapes of the GNN benchmarks (Cora_ML, CiteSeer; hidden 128). */
package org.forwardlearn.benchmarks.jmh;
