/** ChronosGuard coordinator module: filled in by later issues (see ../shared/DESIGN.md). */
package io.chronosguard.coordinator;
