package io.chronosguard.engine.backend.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Each SDK failure becomes one short line a user can act on, naming no secret. */
class S3ErrorsTest {
    private static final S3Location WHERE = S3Location.parse("s3:http://127.0.0.1:9/bucket/p");

    private static S3Exception service(int status, String code, String message) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    @Test
    void translate_noSuchKey_isNoSuchFileNamingTheKey() {
        IOException e = S3Errors.translate(NoSuchKeyException.builder().statusCode(404).build(), WHERE, "p/config");
        assertInstanceOf(NoSuchFileException.class, e);
        assertEquals("p/config", e.getMessage());
    }

    @Test
    void translate_noSuchBucket_isNoSuchFileSayingSo() {
        IOException e = S3Errors.translate(service(404, "NoSuchBucket", "gone"), WHERE, "p/config");
        assertInstanceOf(NoSuchFileException.class, e);
        assertTrue(e.getMessage().contains("bucket bucket does not exist"), e.getMessage());
    }

    @Test
    void translate_refusedCredentials_sayAccessDeniedAndWhatToCheck() {
        for (SdkException refused : new SdkException[] {service(403, "InvalidAccessKeyId", "no such key"),
                service(403, "SignatureDoesNotMatch", "bad signature"), service(403, null, null)}) {
            String m = S3Errors.translate(refused, WHERE, "p/config").getMessage();
            assertTrue(m.startsWith("access denied ("), m);
            assertTrue(m.contains("AWS_SECRET_ACCESS_KEY"), m);
        }
    }

    @Test
    void translate_otherServiceError_namesCodeStatusAndKey() {
        String m = S3Errors.translate(service(500, "InternalError", "try again"), WHERE, "p/keys/x").getMessage();
        assertEquals("S3 error InternalError (HTTP 500): try again on p/keys/x", m);
    }

    @Test
    void translate_connectionRefused_namesTheEndpointAndTheReason() {
        SdkClientException e = SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connect to http://127.0.0.1:9 [/127.0.0.1] failed: Connection refused"));
        assertEquals("cannot connect to 127.0.0.1:9: Connection refused",
                S3Errors.translate(e, WHERE, "p/config").getMessage());
    }

    @Test
    void translate_unknownHost_saysSo() {
        SdkClientException e = SdkClientException.create("Unable to execute HTTP request",
                new UnknownHostException("nowhere.invalid"));
        assertEquals("cannot connect to 127.0.0.1:9: unknown host", S3Errors.translate(e, WHERE, "k").getMessage());
    }

    @Test
    void isNotFound_onlyForMissingObjectsAndBuckets() {
        assertTrue(S3Errors.isNotFound(service(404, "NoSuchKey", null)));
        assertTrue(S3Errors.isNotFound(service(404, "NoSuchBucket", null)));
        assertFalse(S3Errors.isNotFound(service(403, "AccessDenied", null)));
        assertFalse(S3Errors.isNotFound(SdkClientException.create("boom")));
    }
}
