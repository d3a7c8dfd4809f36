/**
 * The REST backend: restic's REST protocol (v1 and v2) as rest-server and {@code rclone serve
 * restic} speak it, over the JDK's HTTP client, with HTTP basic auth from the URL or the
 * environment.
 */
package io.chronosguard.engine.backend.rest;
