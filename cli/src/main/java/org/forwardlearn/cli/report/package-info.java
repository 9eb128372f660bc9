/** Result tables (text), HTML reports and the dependency-free SVG line plot. */
package org.forwardlearn.cli.report;
