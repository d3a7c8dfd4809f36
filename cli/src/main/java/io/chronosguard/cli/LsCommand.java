package io.chronosguard.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronosguard.engine.NotFoundException;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.engine.repo.TreeWalker;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import io.chronosguard.engine.repo.format.ResticJson;
import io.chronosguard.engine.repo.format.ResticTime;
import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ls SNAPSHOT [PATH]}: without PATH every entry of the snapshot; with PATH that entry
 * and, for a directory, its children ({@code --recursive}: everything below it).
 */
@Command(name = "ls", description = "List files in a snapshot.")
final class LsCommand implements Callable<Integer> {
    private static final DateTimeFormatter LONG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @ParentCommand
    ChronosGuardCommand parent;

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "Snapshot id, unique prefix, or latest.")
    String snapshot;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", description = "Path inside the snapshot.")
    String path;

    @Option(names = "--json", description = "One JSON object per line: the snapshot, then each node.")
    boolean json;

    @Option(names = {"-l", "--long"}, description = "Show mode, owner, size and time.")
    boolean longFormat;

    @Option(names = "--recursive", description = "With PATH, list everything below it.")
    boolean recursive;

    @Override
    public Integer call() {
        CliContext ctx = parent.ctx();
        PrintStream out = ctx.out();
        try (Repository repo = ctx.openRepository(); Locker.RepoLock lock = ctx.lock(repo, false)) {
            Snapshots.Entry e = Snapshots.find(repo, snapshot);
            if (json) {
                ObjectNode s = SnapshotsCommand.toJson(e);
                s.put("struct_type", "snapshot");
                out.println(s);
            } else {
                out.println("snapshot " + e.id().shortHex() + " of " + e.snapshot().paths() + " at "
                        + e.snapshot().time() + ":");
            }
            String normalized = path == null ? "/" : TreeWalker.normalize(path);
            String filter = normalized.equals("/") ? null : normalized;
            boolean[] found = {filter == null};
            new TreeWalker(repo).walk(Id.parse(e.snapshot().tree()), new TreeWalker.Visitor() {
                @Override
                public void visit(String p, Node n) {
                    if (shown(p, filter)) {
                        found[0] |= p.equals(filter);
                        print(out, p, n);
                    }
                }

                @Override
                public boolean enter(String p, Node dir) {
                    return filter == null || filter.startsWith(p + "/") || p.equals(filter)
                            || (recursive && p.startsWith(filter + "/"));
                }
            });
            if (!found[0]) {
                throw new NotFoundException("path " + filter + " is not in snapshot " + e.id().shortHex());
            }
        }
        return ExitCode.OK;
    }

    private boolean shown(String p, String filter) {
        if (filter == null || p.equals(filter)) {
            return true;
        }
        if (!p.startsWith(filter + "/")) {
            return false;
        }
        return recursive || p.lastIndexOf('/') == filter.length();
    }

    private void print(PrintStream out, String p, Node n) {
        if (json) {
            ObjectNode o = ResticJson.mapper().createObjectNode();
            o.put("name", n.nameString());
            o.put("type", n.type().json());
            o.put("path", p);
            o.put("uid", n.uid());
            o.put("gid", n.gid());
            if (n.type() == NodeType.FILE) {
                o.put("size", n.size());
            }
            o.put("mode", n.mode());
            o.put("permissions", Modes.describe(n));
            if (n.mtime() != null) {
                o.put("mtime", ResticTime.format(n.mtime()));
            }
            if (n.atime() != null) {
                o.put("atime", ResticTime.format(n.atime()));
            }
            if (n.ctime() != null) {
                o.put("ctime", ResticTime.format(n.ctime()));
            }
            o.put("struct_type", "node");
            out.println(o);
        } else if (longFormat) {
            String target = n.type() == NodeType.SYMLINK ? " -> " + n.linktarget() : "";
            out.printf("%s %5d %5d %12d %s %s%s%n", Modes.describe(n), n.uid(), n.gid(), n.size(),
                    n.mtime() == null ? "" : LONG_TIME.format(n.mtime()), p, target);
        } else {
            out.println(p);
        }
    }
}
