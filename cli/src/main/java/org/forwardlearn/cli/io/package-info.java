/** Files the CLI writes: JSON results, CSV tables, text; all written atomically (temp + move). */
package org.forwardlearn.cli.io;
