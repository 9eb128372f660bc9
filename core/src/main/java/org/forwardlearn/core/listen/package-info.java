/** Training listeners: logging, divergence guard, cancellation, composition. */
package org.forwardlearn.core.listen;
