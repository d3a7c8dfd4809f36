/**
 * The command line (picocli): one class per command, a shared context for settings,
 * password and repository, and one place that turns errors into exit codes.
 */
package io.chronosguard.cli;
