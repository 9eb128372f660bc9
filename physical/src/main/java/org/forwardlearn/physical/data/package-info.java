/**
 * Minimal private readers for the datasets the physical experiments use (Hillenbrand vowels, Fashion-MNIST IDX,
 * the measured phyll-acoustic pairs), kept here so the module does not wait for the datasets module. Files are
 * read from the data directory given explicitly, by the system property {@code forwardlearn.data} or by the
 * environment variable {@code FORWARDLEARN_DATA}.
 */
package org.forwardlearn.physical.data;
