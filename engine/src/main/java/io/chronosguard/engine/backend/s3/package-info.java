/**
 * Repositories in an S3 bucket (AWS or any S3-compatible server), through the official AWS
 * SDK for Java v2. Locations are parsed exactly as restic 0.14 parses them
 * ({@link io.chronosguard.engine.backend.s3.S3Location}), objects are laid out as restic lays
 * them out ({@code PREFIX/config}, {@code PREFIX/data/XX/ID}, ...), so restic and ChronosGuard
 * share one bucket. SDK failures become {@link java.io.IOException}s whose one-line message
 * names the cause (no route, refused, wrong credentials) and never a secret.
 */
package io.chronosguard.engine.backend.s3;
