/**
 * The {@code forwardlearn} command line: {@link org.forwardlearn.cli.Main} (the only {@code System.exit}),
 * global options, one-line errors and the console (stdout for results, stderr for progress and errors).
 */
package org.forwardlearn.cli;
