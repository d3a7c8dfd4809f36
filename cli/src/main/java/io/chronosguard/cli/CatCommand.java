package io.chronosguard.cli;

import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.engine.repo.format.ResticJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cat TYPE [ID]}: prints the decrypted content of one repository object. */
@Command(name = "cat", description = {"Print a repository object: config, snapshot ID, tree ID, blob ID,",
        "index ID, lock ID or key ID (the key file as stored; the master key is never printed)."})
final class CatCommand implements Callable<Integer> {
    @ParentCommand
    ChronosGuardCommand parent;

    @Parameters(index = "0", paramLabel = "TYPE", description = "config|snapshot|tree|blob|index|lock|key")
    String type;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "Object id (snapshot: also a prefix or latest).")
    String id;

    @Override
    public Integer call() throws IOException {
        CliContext ctx = parent.ctx();
        PrintStream out = ctx.out();
        if (!type.equals("config") && id == null) {
            throw new CliException(ExitCode.USAGE, "cat " + type + " needs an ID");
        }
        try (Repository repo = ctx.openRepository(); Locker.RepoLock lock = ctx.lock(repo, false)) {
            switch (type) {
                case "config" -> out.println(new String(ResticJson.write(repo.config()), StandardCharsets.UTF_8));
                case "snapshot" -> {
                    Snapshots.Entry e = Snapshots.find(repo, id);
                    out.println(new String(repo.loadUnpacked(FileType.SNAPSHOT, e.id()), StandardCharsets.UTF_8));
                }
                case "index" -> out.write(repo.loadUnpacked(FileType.INDEX, parseId(id)));
                case "lock" -> out.println(new String(repo.loadUnpacked(FileType.LOCK, parseId(id)), StandardCharsets.UTF_8));
                case "key" -> out.println(new String(repo.backend().load(FileType.KEY, parseId(id).hex()),
                        StandardCharsets.UTF_8));
                case "tree" -> out.write(repo.loadBlob(parseId(id), BlobType.TREE));
                case "blob" -> out.write(blob(repo, parseId(id)));
                default -> throw new CliException(ExitCode.USAGE, "unknown object type \"" + type
                        + "\": use config, snapshot, tree, blob, index, lock or key");
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    private static byte[] blob(Repository repo, Id id) {
        Optional<PackedBlob> b = repo.index().lookup(id, BlobType.DATA).or(() -> repo.index().lookup(id, BlobType.TREE));
        return repo.loadBlob(b.orElseThrow(() -> new io.chronosguard.engine.NotFoundException(
                "blob " + id.hex() + " is not in the index")));
    }

    private static Id parseId(String s) {
        if (!Id.isValid(s)) {
            throw new CliException(ExitCode.USAGE, "\"" + s + "\" is not a 64-character hex id");
        }
        return Id.parse(s.toLowerCase(java.util.Locale.ROOT));
    }
}
