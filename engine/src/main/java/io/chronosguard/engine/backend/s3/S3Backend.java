package io.chronosguard.engine.backend.s3;

import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.backend.FileType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A repository in an S3 bucket under an optional prefix, in restic's default layout:
 * {@code PREFIX/config}, {@code PREFIX/keys/ID}, {@code PREFIX/data/XX/ID} (two hex digits of
 * fan-out), {@code PREFIX/index/ID}, {@code PREFIX/snapshots/ID}, {@code PREFIX/locks/ID}. A
 * PutObject is atomic, so {@link #save} needs no temporary name; reads of a range send
 * {@code Range: bytes=}. Thread-safe (the SDK client is).
 */
public final class S3Backend implements Backend {
    private static final String CONTENT_TYPE = "application/octet-stream";

    private final String location;
    private final S3Location where;
    private final S3Client s3;

    S3Backend(String location, S3Location where, S3Client s3) {
        this.location = location;
        this.where = where;
        this.s3 = s3;
    }

    /**
     * Opens (without contacting the server) the bucket {@code location} names.
     *
     * @param env the environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
     *            AWS_PROFILE, AWS_DEFAULT_REGION / AWS_REGION
     * @throws IllegalArgumentException when the location is malformed
     */
    public static S3Backend open(String location, Map<String, String> env) {
        S3Location where = S3Location.parse(location);
        return new S3Backend(location, where, S3Clients.create(where, env));
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public boolean exists() throws IOException {
        String key = where.key(FileType.CONFIG, "config");
        try {
            s3.headObject(r -> r.bucket(where.bucket()).key(key));
            return true;
        } catch (SdkException e) {
            if (S3Errors.isNotFound(e)) {
                return false;
            }
            throw S3Errors.translate(e, where, key);
        }
    }

    /** No object under the prefix (or no bucket yet: init creates it). */
    @Override
    public boolean isUnused() throws IOException {
        try {
            ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(where.bucket()).prefix(where.root()).maxKeys(1));
            return page.contents().isEmpty();
        } catch (SdkException e) {
            if (S3Errors.isNoSuchBucket(e)) {
                return true;
            }
            throw S3Errors.translate(e, where, where.bucket());
        }
    }

    /** Creates the bucket when it is missing, as restic init does; S3 has no folders to make. */
    @Override
    public void createLayout() throws IOException {
        try {
            s3.headBucket(r -> r.bucket(where.bucket()));
            return;
        } catch (SdkException e) {
            if (!S3Errors.isNotFound(e)) {
                throw S3Errors.translate(e, where, where.bucket());
            }
        }
        try {
            String region = s3.serviceClientConfiguration().region().id();
            s3.createBucket(r -> {
                r.bucket(where.bucket());
                if (where.isAws() && !region.equals(S3Clients.DEFAULT_REGION)) {
                    r.createBucketConfiguration(c -> c.locationConstraint(region));
                }
            });
        } catch (BucketAlreadyOwnedByYouException e) {
            // created meanwhile by another node or process: just as good
        } catch (SdkException e) {
            throw S3Errors.translate(e, where, where.bucket());
        }
    }

    @Override
    public List<String> list(FileType type) throws IOException {
        List<String> names = new ArrayList<>();
        if (type == FileType.CONFIG) {
            if (exists()) {
                names.add("config");
            }
            return names;
        }
        ListObjectsV2Request req = ListObjectsV2Request.builder().bucket(where.bucket()).prefix(where.folder(type))
                .build();
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(req)) {
                for (S3Object o : page.contents()) {
                    String n = o.key().substring(o.key().lastIndexOf('/') + 1);
                    // exactly where this layout puts it: not data/ID of restic's old s3legacy layout,
                    // nor a pack under the wrong fan-out folder, which load() would not find
                    if (isId(n) && o.key().equals(where.key(type, n))) {
                        names.add(n);
                    }
                }
            }
        } catch (SdkException e) {
            if (S3Errors.isNoSuchBucket(e)) {
                return names;
            }
            throw S3Errors.translate(e, where, where.folder(type));
        }
        return names;
    }

    private static boolean isId(String n) {
        return n.length() == 64 && n.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    @Override
    public byte[] load(FileType type, String name) throws IOException {
        String key = where.key(type, name);
        try {
            return s3.getObjectAsBytes(r -> r.bucket(where.bucket()).key(key)).asByteArrayUnsafe();
        } catch (SdkException e) {
            throw S3Errors.translate(e, where, key);
        }
    }

    @Override
    public byte[] load(FileType type, String name, long offset, int length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
        }
        String key = where.key(type, name);
        if (length == 0) {
            size(type, name); // the file must exist all the same
            return new byte[0];
        }
        try {
            return s3.getObjectAsBytes(r -> r.bucket(where.bucket()).key(key)
                    .range("bytes=" + offset + "-" + (offset + length - 1))).asByteArrayUnsafe();
        } catch (SdkException e) {
            if (e instanceof AwsServiceException se && se.statusCode() == 416) {
                return new byte[0]; // the range starts at or past the end: nothing there to read
            }
            throw S3Errors.translate(e, where, key);
        }
    }

    @Override
    public long size(FileType type, String name) throws IOException {
        String key = where.key(type, name);
        try {
            return s3.headObject(r -> r.bucket(where.bucket()).key(key)).contentLength();
        } catch (SdkException e) {
            throw S3Errors.translate(e, where, key);
        }
    }

    @Override
    public void save(FileType type, String name, byte[] data) throws IOException {
        save(type, name, data, 0, data.length);
    }

    /** One PutObject with its length; the body streams from the array without a copy (and again on a retry). */
    @Override
    public void save(FileType type, String name, byte[] data, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, data.length);
        String key = where.key(type, name);
        RequestBody body = RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, off, len), len,
                CONTENT_TYPE);
        try {
            s3.putObject(r -> r.bucket(where.bucket()).key(key).contentLength((long) len), body);
        } catch (SdkException e) {
            throw S3Errors.translate(e, where, key);
        }
    }

    /** Deletes the object; S3 answers the same whether it was there or not, as restic accepts. */
    @Override
    public void remove(FileType type, String name) throws IOException {
        String key = where.key(type, name);
        try {
            s3.deleteObject(r -> r.bucket(where.bucket()).key(key));
        } catch (SdkException e) {
            throw S3Errors.translate(e, where, key);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
