package io.raftsim.sim.disk;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** An entry of the simulated file system: a file (inode) or a directory. */
sealed interface FsNode {
    /** A file: durable bytes, the page cache's view, and the unsynced changes between them. */
    final class Inode implements FsNode {
        ByteImage durable = new ByteImage();
        ByteImage visible = new ByteImage();
        final List<PendingOp> pending = new ArrayList<>();
        /** Changes up to this seq are already in the device queue of an fsync (not paid twice). */
        long writebackQueuedUpToSeq = -1;
        /** Crash bookkeeping: the crash that last rebuilt this inode (it may be linked twice). */
        long rebuiltAtCrash = -1;
    }

    /**
     * A directory: its live entries and the entries as last made durable by a directory sync
     * (creations, renames and deletions are durable only then).
     */
    final class Dir implements FsNode {
        TreeMap<String, FsNode> live = new TreeMap<>();
        TreeMap<String, FsNode> durable = new TreeMap<>();
    }
}
