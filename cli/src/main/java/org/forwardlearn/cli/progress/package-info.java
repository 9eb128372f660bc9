/** Training progress on stderr (bar or plain lines) and the per-epoch metrics recorder. */
package org.forwardlearn.cli.progress;
