package io.raftsim.engine.storage.snapshot;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a snapshot covers (Raft paper §7: last included index and term, and the configuration as
 * of that index) and which files it holds. In braft's two-phase InstallSnapshot this record
 * travels first; the files follow in chunks.
 */
public record SnapshotMeta(
        long lastIncludedIndex, long lastIncludedTerm, byte[] configuration, List<SnapshotFileInfo> files) {
    /** The meta file inside each snapshot directory (braft's name). */
    public static final String META_FILE = "__raft_snapshot_meta";

    public SnapshotMeta {
        if (lastIncludedIndex < 1 || lastIncludedTerm < 1) {
            throw new IllegalArgumentException("snapshot must include index >= 1 and term >= 1, got index "
                    + lastIncludedIndex + " term " + lastIncludedTerm);
        }
        Objects.requireNonNull(configuration, "configuration");
        files = List.copyOf(files);
        long distinct = files.stream().map(SnapshotFileInfo::name).distinct().count();
        if (distinct != files.size()) {
            throw new IllegalArgumentException("duplicate file names in snapshot " + lastIncludedIndex + ": " + files);
        }
    }

    public SnapshotFileInfo file(String name) {
        return files.stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("snapshot " + lastIncludedIndex + " has no file '" + name + "'"));
    }

    static void checkFileName(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..") || name.equals(META_FILE)) {
            throw new IllegalArgumentException("bad snapshot file name '" + name + "': a plain name, not " + META_FILE);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SnapshotMeta m
                && lastIncludedIndex == m.lastIncludedIndex
                && lastIncludedTerm == m.lastIncludedTerm
                && Arrays.equals(configuration, m.configuration)
                && files.equals(m.files);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lastIncludedIndex) * 31 + files.hashCode();
    }

    @Override
    public String toString() {
        return "SnapshotMeta{" + lastIncludedIndex + "@" + lastIncludedTerm + ", conf " + configuration.length + "B, "
                + files + "}";
    }
}
