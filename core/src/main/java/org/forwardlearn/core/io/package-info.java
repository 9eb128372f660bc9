/** Checkpoints: a documented binary format, atomic writes, strict reads. */
package org.forwardlearn.core.io;
