/** Benchmark support: memory high-water marks (RSS, heap), timing statistics, machine description. */
package org.forwardlearn.cli.bench;
