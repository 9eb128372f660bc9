/** Labelled samples and training data (train, optional validation, dataset identity) as trainers take them. */
package org.forwardlearn.core.data;
