/** Starting a node: its Pekko config (loopback, SBR, CBOR), its actors, and joining/leaving the cluster. */
package io.chronosguard.coordinator.cluster;
