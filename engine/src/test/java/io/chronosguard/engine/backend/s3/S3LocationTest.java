package io.chronosguard.engine.backend.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.backend.FileType;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The location forms restic 0.14's s3 config.go accepts, parsed to the same parts. */
class S3LocationTest {
    private static final String ID = "ab" + "0".repeat(62);

    @Test
    void parse_httpUrlWithPortBucketAndPrefix_takesEachPart() {
        S3Location l = S3Location.parse("s3:http://127.0.0.1:9000/bucket/some/prefix");
        assertEquals(new S3Location("127.0.0.1:9000", true, "bucket", "some/prefix"), l);
        assertEquals(URI.create("http://127.0.0.1:9000"), l.endpointUri());
        assertFalse(l.isAws());
        assertEquals("[::1]:9000", S3Location.parse("s3:http://[::1]:9000/b").endpoint());
    }

    @Test
    void parse_httpsUrlWithoutPrefix_usesTheBucketRoot() {
        S3Location l = S3Location.parse("s3:https://minio.example.org/backups");
        assertEquals(new S3Location("minio.example.org", false, "backups", ""), l);
        assertEquals("config", l.key(FileType.CONFIG, "config"));
        assertEquals("", l.root());
    }

    @Test
    void parse_hostFormWithoutScheme_usesHttps() {
        assertEquals(new S3Location("s3.amazonaws.com", false, "bucket", "restic/repo"),
                S3Location.parse("s3:s3.amazonaws.com/bucket/restic/repo"));
        assertEquals(new S3Location("s3.amazonaws.com", false, "bucket", ""),
                S3Location.parse("s3://s3.amazonaws.com/bucket"));
    }

    @Test
    void parse_prefixWithSlashesAndDots_isCleanedAsGoDoes() {
        assertEquals("a/c", S3Location.parse("s3:http://h/b/a//b/../c/").prefix());
        assertEquals("", S3Location.parse("s3:http://h/b/").prefix());
        assertEquals("a", S3Location.clean("./a/."));
        assertEquals("/a", S3Location.clean("/../a"));
    }

    @Test
    void parse_missingBucket_isRefusedNamingTheLocation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> S3Location.parse("s3:http://127.0.0.1:9000"));
        assertTrue(e.getMessage().startsWith("repository s3:http://127.0.0.1:9000: bucket name not found"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> S3Location.parse("s3:s3.amazonaws.com"));
        assertThrows(IllegalArgumentException.class, () -> S3Location.parse("s3:ftp://host/bucket"));
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> S3Location.parse("s3:http://127.0.0.1:port/bucket"));
        assertTrue(port.getMessage().contains("\"127.0.0.1:port\" is not a host name"), port.getMessage());
    }

    @Test
    void parse_credentialsInUrl_refusedWithoutEchoingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> S3Location.parse("s3:http://AKID:s3cr3t@127.0.0.1:9000/bucket"));
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        assertFalse(e.getMessage().contains("AKID"), e.getMessage());
    }

    @Test
    void key_eachType_isResticsDefaultLayout() {
        S3Location l = S3Location.parse("s3:http://h:1/bucket/pre");
        assertEquals("pre/config", l.key(FileType.CONFIG, "config"));
        assertEquals("pre/data/ab/" + ID, l.key(FileType.DATA, ID));
        assertEquals("pre/keys/" + ID, l.key(FileType.KEY, ID));
        assertEquals("pre/index/" + ID, l.key(FileType.INDEX, ID));
        assertEquals("pre/snapshots/" + ID, l.key(FileType.SNAPSHOT, ID));
        assertEquals("pre/locks/" + ID, l.key(FileType.LOCK, ID));
        assertEquals("pre/data/", l.folder(FileType.DATA));
    }

    @Test
    void awsRegion_fromHostElseEnvironmentElseUsEast1() {
        S3Location regional = S3Location.parse("s3:s3.eu-west-1.amazonaws.com/b");
        assertTrue(regional.isAws());
        assertEquals(Optional.of("eu-west-1"), regional.awsRegion());
        assertEquals("eu-west-1", S3Clients.region(regional, Map.of()));
        assertEquals("ap-south-1", S3Clients.region(regional, Map.of("AWS_DEFAULT_REGION", "ap-south-1")));
        assertEquals("us-east-1", S3Clients.region(S3Location.parse("s3:http://127.0.0.1:9/b"), Map.of()));
        assertEquals("eu-north-1", S3Clients.region(S3Location.parse("s3:http://127.0.0.1:9/b"),
                Map.of("AWS_REGION", "eu-north-1")));
    }
}
