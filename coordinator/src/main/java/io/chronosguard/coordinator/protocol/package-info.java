/** Records that cross nodes, all bound to Jackson CBOR through {@link io.chronosguard.coordinator.protocol.CborSerializable}. */
package io.chronosguard.coordinator.protocol;
