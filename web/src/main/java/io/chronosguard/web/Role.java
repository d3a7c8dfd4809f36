package io.chronosguard.web;

/** What a token may do: an admin everything, a viewer only read. */
public enum Role {
    ADMIN,
    VIEWER;

    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
