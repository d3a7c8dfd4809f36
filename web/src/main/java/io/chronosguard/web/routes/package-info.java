/**
 * The API's route sets over one repository and this machine: health and session, snapshots,
 * trees, search, streamed downloads, restore, the folder picker, and the static dashboard.
 * Engine calls block, so they run on an executor the caller provides, never on Pekko's
 * dispatcher; {@link io.chronosguard.web.routes.RepositoryAccess} holds restic's shared lock
 * while they run.
 */
package io.chronosguard.web.routes;
