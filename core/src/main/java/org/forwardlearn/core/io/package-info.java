/**
 * Checkpoints and the read budget: a documented binary format ({@link org.forwardlearn.core.io.Checkpoint}: atomic
 * writes, CRC-32, strict reads, typed metadata fields, finite values) and {@link org.forwardlearn.core.io.ReadBudget},
 * the one set of size rules for every allocation whose size comes from a file (checkpoints here, the dataset
 * readers in the datasets module).
 */
package org.forwardlearn.core.io;
