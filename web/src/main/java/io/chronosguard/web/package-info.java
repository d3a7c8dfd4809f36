/**
 * The HTTP side of ChronosGuard on Pekko HTTP: {@link io.chronosguard.web.WebServer} binds
 * and composes route sets, {@link io.chronosguard.web.ApiAuth} checks bearer tokens (admin
 * and viewer), {@link io.chronosguard.web.ApiErrors} turns every rejection and exception
 * into a JSON {@code {"error", "detail"}} body. Route sets live in {@code web.routes}, the
 * progress WebSocket in {@code web.ws}, response and request bodies in {@code web.dto}.
 */
package io.chronosguard.web;
