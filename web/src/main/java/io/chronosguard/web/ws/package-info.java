/**
 * Live progress over WebSocket: a {@link io.chronosguard.web.ws.ProgressSource} holds the
 * current state (the cluster's progress hub will provide one; {@code serve} uses
 * {@link io.chronosguard.web.ws.IdleProgress}), and {@link io.chronosguard.web.ws.ProgressSocket}
 * polls it a few times a second per client, so the producer never waits for a browser.
 */
package io.chronosguard.web.ws;
