/**
 * Request and response bodies of the HTTP API as records, mapped from engine types — never
 * engine or actor classes serialised directly, so the wire format stays stable.
 */
package io.chronosguard.web.dto;
