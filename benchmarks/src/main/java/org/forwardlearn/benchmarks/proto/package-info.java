/**
 * Prototypes of proposed changes to forwardgnn (owned elsewhere): the same computations with faster
 * kernels, used by the JMH benchmarks and by the end-to-end runner with {@code --proto}.
 */
package org.forwardlearn.benchmarks.proto;
