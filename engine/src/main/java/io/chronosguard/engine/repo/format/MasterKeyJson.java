package io.chronosguard.engine.repo.format;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The master key as sealed inside a key file: {@code {"mac":{"k":..,"r":..},"encrypt":..}}. */
@JsonPropertyOrder({"mac", "encrypt"})
public record MasterKeyJson(@JsonProperty("mac") Mac mac, @JsonProperty("encrypt") byte[] encrypt) {

    @JsonPropertyOrder({"k", "r"})
    public record Mac(@JsonProperty("k") byte[] k, @JsonProperty("r") byte[] r) {
    }
}
