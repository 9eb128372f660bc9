/**
 * The in-memory train/test split the physical experiments use ({@link org.forwardlearn.physical.data.Dataset}),
 * built from the datasets module's loaders ({@code org.forwardlearn.datasets.Datasets}): Fashion-MNIST as
 * {@code Datasets.loadSamples("fashion-mnist", dir)}, the vowels from the module's {@code VowelData} tokens with
 * the PFF paper's split (see {@link org.forwardlearn.physical.data.Vowels} for the documented differences).
 */
package org.forwardlearn.physical.data;
