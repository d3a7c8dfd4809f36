package io.chronosguard.engine.repo.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A key file under {@code keys/}: plain JSON holding the scrypt parameters and the master
 * key sealed with the password-derived user key. Field order is restic's, and every field is
 * written even when empty (restic's Go struct has no omitempty).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"created", "username", "hostname", "kdf", "N", "r", "p", "salt", "data"})
public record KeyFile(
        @JsonProperty("created") String created,
        @JsonProperty("username") String username,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("kdf") String kdf,
        @JsonProperty("N") long n,
        @JsonProperty("r") int r,
        @JsonProperty("p") int p,
        @JsonProperty("salt") byte[] salt,
        @JsonProperty("data") byte[] data) {

    /** Rejects parameters restic rejects; {@code what} names the file. */
    public KeyFile validate(String what) {
        if (!"scrypt".equals(kdf)) {
            throw new FormatException(what + " uses unsupported kdf " + kdf);
        }
        if (n <= 1 || Long.bitCount(n) != 1 || n > Integer.MAX_VALUE) {
            throw new FormatException(what + " has invalid scrypt N " + n);
        }
        if (r < 1 || p < 1 || (long) r * p >= (1L << 30)) {
            throw new FormatException(what + " has invalid scrypt r " + r + " or p " + p);
        }
        if (salt == null || salt.length != 64) {
            throw new FormatException(what + " has a salt of " + (salt == null ? 0 : salt.length)
                    + " bytes, expected 64");
        }
        if (data == null || data.length < 32) {
            throw new FormatException(what + " has no sealed master key");
        }
        return this;
    }
}
