/** The seed rule: reproducible random streams derived from a run seed and counters. */
package org.forwardlearn.core.random;
