/**
 * Benchmarks, run by hand (never by {@code mvn verify}): JMH kernel benchmarks ({@code jmh}), an
 * end-to-end GNN timing main ({@code e2e}) and prototypes of proposed optimisations ({@code proto})
 * measured against the current code. Commands and results: {@code docs/performance.md}.
 */
package org.forwardlearn.benchmarks;
