/** Training listeners: logging, divergence guard, composition. */
package org.forwardlearn.core.listen;
