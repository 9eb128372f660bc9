/** Run provenance: what was run, on which data, with which software, when. */
package org.forwardlearn.core.provenance;
