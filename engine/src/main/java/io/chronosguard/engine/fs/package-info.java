/**
 * File-system helpers the JDK lacks: file names as the raw bytes the kernel stores, so that
 * names that are not valid UTF-8 are backed up and restored exactly.
 */
package io.chronosguard.engine.fs;
