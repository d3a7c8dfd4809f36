/**
 * Alerts: what went wrong ({@link io.chronosguard.engine.alert.Alert}), where it is sent
 * ({@link io.chronosguard.engine.alert.AlertSink}: a JSON webhook, SMTP e-mail) and the
 * {@link io.chronosguard.engine.alert.Alerter} that fans an alert out to every sink on its own
 * thread, so a slow mail server never holds up a backup, and drops repeats within a window.
 * Nothing here knows about actors: the cluster's watcher and the CLI both call
 * {@link io.chronosguard.engine.alert.Alerter#raise}.
 */
package io.chronosguard.engine.alert;
