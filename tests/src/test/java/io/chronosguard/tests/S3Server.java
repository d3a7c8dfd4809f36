package io.chronosguard.tests;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3 server for tests: s3proxy in this JVM on a free port of 127.0.0.1, keeping
 * objects in memory, and refusing any request not signed (AWS v2 or v4) with its access key and
 * secret, so a wrong credential is refused as AWS refuses it. restic reaches it over HTTP too.
 */
final class S3Server implements AutoCloseable {
    static final String ACCESS_KEY = "chronosguard-test";

    private final S3Proxy proxy;
    private final String secret;

    private S3Server(S3Proxy proxy, String secret) {
        this.proxy = proxy;
        this.secret = secret;
    }

    static S3Server start() throws Exception {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        String secret = HexFormat.of().formatHex(b);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, secret)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!proxy.getState().equals("STARTED")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.onSpinWait();
        }
        return new S3Server(proxy, secret);
    }

    int port() {
        return proxy.getPort();
    }

    /** {@code s3:http://127.0.0.1:PORT/BUCKET/PREFIX}, the form restic and we both take. */
    String url(String bucket, String prefix) {
        return "s3:http://127.0.0.1:" + port() + "/" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    /** The environment that grants access: the access key and its secret. */
    Map<String, String> credentials() {
        return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", secret);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
