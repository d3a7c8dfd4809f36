package io.chronosguard.engine.dump;

import java.io.OutputStream;

/** The archive a directory is dumped as. */
public enum ArchiveFormat {
    /** GNU long names, PAX headers for sub-second times and big numbers; hard links kept. */
    TAR("tar", "application/x-tar"),
    /** Deflated entries with Unix modes and extended timestamps; symlinks as Unix symlinks. */
    ZIP("zip", "application/zip");

    private final String extension;
    private final String mediaType;

    ArchiveFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** The usual file name extension, without a dot. */
    public String extension() {
        return extension;
    }

    /** The MIME type, for a download's {@code Content-Type}. */
    public String mediaType() {
        return mediaType;
    }

    ArchiveSink open(OutputStream out) {
        return switch (this) {
            case TAR -> new TarSink(out);
            case ZIP -> new ZipSink(out);
        };
    }
}
