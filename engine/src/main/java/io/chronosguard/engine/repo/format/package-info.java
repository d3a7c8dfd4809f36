/** The JSON shapes of restic's repository files, and the codecs that read and write them. */
package io.chronosguard.engine.repo.format;
