/**
 * Typed settings for every ChronosGuard module, read once at start-up. {@link
 * io.chronosguard.config.SettingsLoader} layers built-in defaults, a HOCON or JSON config
 * file, environment variables (including the old Python tool's {@code BACKUP_*} names) and
 * command-line flags, later layers winning, then validates the merged result in one pass: it
 * reports every bad key at once, each with the value and where it came from (file and line,
 * variable or flag) as a {@link io.chronosguard.config.ConfigException}, instead of failing
 * on the first. Each setting is one declaration in a package-private table (name, type,
 * environment variables, flag, default), so the loader, the validation and the messages need
 * no change when a setting is added. The process environment and machine facts are passed in,
 * never read here, so tests control them; the password is only taken from the environment and
 * is held in a {@link io.chronosguard.config.Secret} that never prints.
 */
package io.chronosguard.config;
