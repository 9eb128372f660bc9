/** The one trainer shape: {@link org.forwardlearn.core.model.Trainer#fit} returns a {@link org.forwardlearn.core.model.Model} with provenance. */
package org.forwardlearn.core.model;
