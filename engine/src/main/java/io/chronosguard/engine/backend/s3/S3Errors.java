package io.chronosguard.engine.backend.s3;

import io.chronosguard.engine.backend.PermanentBackendException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Turns the SDK's exceptions into {@link IOException}s with one short line each: what went
 * wrong in words a user acts on (the endpoint refused, the credentials were refused, ...).
 * Messages name the endpoint or object key, never a credential.
 */
final class S3Errors {
    private S3Errors() {
    }

    /** Whether the object (or its bucket) is not there. */
    static boolean isNotFound(SdkException e) {
        return e instanceof NoSuchKeyException
                || e instanceof AwsServiceException se && (se.statusCode() == 404 || isNoSuchBucket(e));
    }

    static boolean isNoSuchBucket(SdkException e) {
        return e instanceof AwsServiceException se && "NoSuchBucket".equals(code(se));
    }

    /** The IOException for a failed call on {@code key} (an object key, or the bucket's name). */
    static IOException translate(SdkException e, S3Location where, String key) {
        if (isNoSuchBucket(e)) {
            return new NoSuchFileException(key, null, "bucket " + where.bucket() + " does not exist");
        }
        if (isNotFound(e)) {
            return new NoSuchFileException(key);
        }
        if (e instanceof AwsServiceException se) {
            String code = code(se);
            if (se.statusCode() == 403 || "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)
                    || "AccessDenied".equals(code)) {
                return new PermanentBackendException("access denied (" + (code == null ? "HTTP 403" : code)
                        + "): check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or the AWS profile) and the bucket's"
                        + " permissions", e);
            }
            String msg = se.awsErrorDetails() == null ? null : se.awsErrorDetails().errorMessage();
            if (PermanentBackendException.isPermanentHttpStatus(se.statusCode())) {
                return new PermanentBackendException("S3 error " + (code == null ? "" : code + " ") + "(HTTP "
                        + se.statusCode() + ")" + (msg == null || msg.isBlank() ? "" : ": " + msg) + " on " + key, e);
            }
            return new IOException("S3 error " + (code == null ? "" : code + " ") + "(HTTP " + se.statusCode() + ")"
                    + (msg == null || msg.isBlank() ? "" : ": " + msg) + " on " + key, e);
        }
        return new IOException(clientProblem(e, where), e);
    }

    private static String code(AwsServiceException se) {
        return se.awsErrorDetails() == null ? null : se.awsErrorDetails().errorCode();
    }

    /** A request that got no answer: name the network cause found in the chain, else the SDK's message. */
    private static String clientProblem(SdkException e, S3Location where) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String to = "cannot connect to " + where.endpoint() + ": ";
            if (t instanceof UnknownHostException) {
                return to + "unknown host";
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                String m = firstLine(t.getMessage(), "connection refused");
                int at = m.lastIndexOf("failed: "); // Apache's "Connect to URL [/ADDR] failed: REASON"
                return to + (at < 0 ? m : m.substring(at + "failed: ".length()));
            }
            if (t instanceof SSLException) {
                return "TLS with " + where.endpoint() + " failed: " + firstLine(t.getMessage(), t.toString())
                        + (where.useHttp() ? "" : " (use s3:http://... for a server without TLS)");
            }
            if (t instanceof InterruptedIOException) { // connect and socket time-outs
                return "no answer from " + where.endpoint() + ": " + firstLine(t.getMessage(), "timed out");
            }
        }
        return "S3 request to " + where.endpoint() + " failed: " + firstLine(e.getMessage(), e.toString());
    }

    private static String firstLine(String s, String fallback) {
        if (s == null || s.isBlank()) {
            return fallback;
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
