package io.chronosguard.engine.repo.format;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One extended attribute of a node. {@code value} is raw bytes (base64 in the JSON); it may be
 * {@code null}, which restic writes as JSON {@code null} and which differs from an empty value
 * ({@code ""}) in the tree's bytes. The array is copied in and out.
 */
public record ExtendedAttribute(String name, byte[] value) {

    public ExtendedAttribute {
        Objects.requireNonNull(name, "name");
        value = value == null ? null : value.clone();
    }

    /** A copy of the value, or {@code null}. */
    @Override
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    // Records compare arrays by identity; an attribute is a value, so compare contents.
    @Override
    public boolean equals(Object o) {
        return o instanceof ExtendedAttribute other
                && name.equals(other.name)
                && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        String v = value == null ? "null" : Base64.getEncoder().encodeToString(value);
        return "ExtendedAttribute[name=" + name + ", value=" + v + "]";
    }
}
