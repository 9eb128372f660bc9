/** The one implementation of a registry of named entries (convs, node methods, link methods). */
package org.forwardlearn.forwardgnn.registry;
