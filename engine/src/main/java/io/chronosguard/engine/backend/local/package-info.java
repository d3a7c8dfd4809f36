/** The local-folder backend: restic's on-disk layout, atomic temp-and-rename writes. */
package io.chronosguard.engine.backend.local;
