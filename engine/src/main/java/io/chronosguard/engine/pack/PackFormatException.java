package io.chronosguard.engine.pack;

/** A pack file whose header or layout is damaged; the message names the pack. */
public final class PackFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String pack;

    public PackFormatException(String pack, String problem) {
        super("pack " + pack + " " + problem);
        this.pack = pack;
    }

    public String pack() {
        return pack;
    }
}
