/**
 * Logging plumbing for embedding users: a lowest-priority Log4j API provider so that a program that
 * brings no logging implementation gets quiet WARN-level logging instead of a startup error.
 */
package org.forwardlearn.core.logging;
