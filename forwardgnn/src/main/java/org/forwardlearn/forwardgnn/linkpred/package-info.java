/** Forward link prediction (FL-CE, FL-FF, FL-SymBa): edge objectives, the seeded edge split and the experiment. */
package org.forwardlearn.forwardgnn.linkpred;
