/**
 * Physical forward-forward training (PFF, Momeni et al., Science 2023): blocks of fixed encoder -> device
 * measurement -> optional skip concatenation -> trainable digital linear map -> goodness -> SymBa loss on
 * (positive, negative) label-embedded pairs. Only the digital map of each block is trained, with the measured
 * outputs as constants: no model of the device and no gradient between blocks. Checkpointable training
 * ({@link org.forwardlearn.physical.pff.PffTrainer}) for hardware-in-the-loop runs.
 */
package org.forwardlearn.physical.pff;
