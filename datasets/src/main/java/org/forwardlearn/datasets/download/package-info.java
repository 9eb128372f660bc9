/**
 * The dataset {@link org.forwardlearn.datasets.download.Catalogue} (files, URLs, SHA-256, citation,
 * licence) and the verifying downloader.
 */
package org.forwardlearn.datasets.download;
