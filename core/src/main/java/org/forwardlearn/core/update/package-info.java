/** Model-free update rules (SPSA) for black-box parameters. */
package org.forwardlearn.core.update;
