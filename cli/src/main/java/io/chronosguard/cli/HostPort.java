package io.chronosguard.cli;

/** A {@code HOST:PORT} given on the command line; a bad one is a usage error naming the flag. */
record HostPort(String host, int port) {
    static HostPort parse(String flag, String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new CliException(ExitCode.USAGE, flag + " " + value + ": expected HOST:PORT, e.g. 127.0.0.1:2551");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new CliException(ExitCode.USAGE, flag + " " + value + ": port is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new CliException(ExitCode.USAGE, flag + " " + value + ": port must be 1..65535");
        }
        return new HostPort(value.substring(0, colon), port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
