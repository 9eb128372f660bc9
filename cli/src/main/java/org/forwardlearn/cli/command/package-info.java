/** The subcommands of {@code forwardlearn}: one small class per command. */
package org.forwardlearn.cli.command;
