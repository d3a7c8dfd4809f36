package io.chronosguard.engine.backend.s3;

import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the SDK client for one location. Credentials and region come from the
 * environment map the command was given (so in-process callers and tests can set them), then
 * from the SDK's default chain (profile files, {@code AWS_PROFILE}, ...).
 */
final class S3Clients {
    /**
     * A host that does not answer must fail within seconds, not after the SDK's default
     * retries over minutes; the retry decorator above the store decides about longer waits.
     */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
    static final int MAX_ATTEMPTS = 2;
    static final String DEFAULT_REGION = "us-east-1";

    private S3Clients() {
    }

    static S3Client create(S3Location where, Map<String, String> env) {
        S3ClientBuilder b = S3Client.builder()
                .region(Region.of(region(where, env)))
                .credentialsProvider(credentials(env))
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .overrideConfiguration(c -> c.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build()));
        if (where.isAws()) {
            b.crossRegionAccessEnabled(true);
        } else {
            // S3-compatible servers: path-style addressing (no DNS name per bucket), and
            // checksums only where the API demands them, since many servers reject the
            // SDK's newer trailing-checksum uploads. Our files carry their own MACs.
            b.endpointOverride(where.endpointUri())
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return b.build();
    }

    /** AWS_DEFAULT_REGION, then AWS_REGION, then the AWS host's own, else us-east-1 (what custom servers expect). */
    static String region(S3Location where, Map<String, String> env) {
        for (String k : new String[] {"AWS_DEFAULT_REGION", "AWS_REGION"}) {
            String v = env.get(k);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return where.awsRegion().orElse(DEFAULT_REGION);
    }

    private static AwsCredentialsProvider credentials(Map<String, String> env) {
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (id != null && !id.isEmpty() && secret != null && !secret.isEmpty()) {
            String token = env.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(token == null || token.isEmpty()
                    ? AwsBasicCredentials.create(id, secret)
                    : AwsSessionCredentials.create(id, secret, token));
        }
        String profile = env.get("AWS_PROFILE");
        if (profile != null && !profile.isEmpty()) {
            return ProfileCredentialsProvider.builder().profileName(profile).build();
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
