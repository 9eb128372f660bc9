/** Local objectives: goodness functions, forward-forward and SymBa losses, class-prototype softmax, pair BCE. */
package org.forwardlearn.core.objective;
