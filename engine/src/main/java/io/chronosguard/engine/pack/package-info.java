/** Pack files: sealed blobs back to back, then a sealed header listing them. */
package io.chronosguard.engine.pack;
