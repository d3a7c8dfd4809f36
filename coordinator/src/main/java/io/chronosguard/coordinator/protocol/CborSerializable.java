package io.chronosguard.coordinator.protocol;

/**
 * Marker for messages that cross nodes; bound to {@code jackson-cbor} in the node's config
 * (Java serialization stays off).
 */
public interface CborSerializable {
}
