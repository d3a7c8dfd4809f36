package io.chronosguard.engine.archiver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeeListenerTest {
    /** Writes down every call it gets, tagged with its name. */
    private static final class Log implements ArchiverListener {
        final List<String> calls;
        final String name;

        Log(String name, List<String> calls) {
            this.name = name;
            this.calls = calls;
        }

        @Override
        public void discovered(long files, long bytes) {
            calls.add(name + " discovered " + files + " " + bytes);
        }

        @Override
        public void fileStarted(String path, long size) {
            calls.add(name + " started " + path + " " + size);
        }

        @Override
        public void bytesRead(String path, long n) {
            calls.add(name + " read " + path + " " + n);
        }

        @Override
        public void fileDone(String path, long size, Change change) {
            calls.add(name + " done " + path + " " + size + " " + change);
        }

        @Override
        public void dirDone(String path, Change change) {
            calls.add(name + " dir " + path + " " + change);
        }

        @Override
        public void blobSaved(boolean data, boolean added, long plainBytes, long storedBytes) {
            calls.add(name + " blob " + data + " " + added + " " + plainBytes + " " + storedBytes);
        }

        @Override
        public void error(String path, String reason) {
            calls.add(name + " error " + path + " " + reason);
        }

        @Override
        public void warning(String path, String message) {
            calls.add(name + " warning " + path + " " + message);
        }
    }

    @Test
    void everyEvent_reachesEachListenerInOrder() {
        List<String> calls = new ArrayList<>();
        ArchiverListener tee = new TeeListener(new Log("a", calls), new Log("b", calls));
        tee.discovered(1, 2);
        tee.fileStarted("/f", 3);
        tee.bytesRead("/f", 4);
        tee.fileDone("/f", 3, ArchiverListener.Change.NEW);
        tee.dirDone("/", ArchiverListener.Change.CHANGED);
        tee.blobSaved(true, false, 5, 6);
        tee.error("/g", "gone");
        tee.warning("/h", "odd");
        assertEquals(List.of("a discovered 1 2", "b discovered 1 2", "a started /f 3", "b started /f 3",
                "a read /f 4", "b read /f 4", "a done /f 3 NEW", "b done /f 3 NEW", "a dir / CHANGED",
                "b dir / CHANGED", "a blob true false 5 6", "b blob true false 5 6", "a error /g gone",
                "b error /g gone", "a warning /h odd", "b warning /h odd"), calls);
    }
}
