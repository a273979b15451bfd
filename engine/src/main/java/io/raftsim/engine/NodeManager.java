package io.raftsim.engine;

import io.raftsim.engine.message.RaftMessage;
import io.raftsim.engine.spi.Clock;
import io.raftsim.engine.spi.RandomSource;
import io.raftsim.engine.spi.Transport;
import io.raftsim.engine.spi.fs.FileSystem;
import io.raftsim.engine.storage.log.SegmentedLog;
import io.raftsim.engine.storage.meta.FileMetaStorage;
import io.raftsim.engine.storage.snapshot.SnapshotStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Multi-raft: the raft groups of one process (braft's {@code NodeManager}). They share the
 * process's event loop, transport, random source and file system; each group's replica keeps its
 * log, meta and snapshots in its own directories ({@code <root>/<groupId>/<serverId>/log|meta|snapshot}),
 * and every message carries its group id, by which {@link #receive} routes it.
 *
 * <p>A crash of the process stops all its groups at once: the runtime simply discards this manager
 * (no callback runs, unsynced writes are lost by the file system) and, on restart, builds a new
 * manager over the same file system and adds the groups again; each recovers from its directories.
 */
public final class NodeManager {
    private final Clock clock;
    private final Transport transport;
    private final RandomSource random;
    private final FileSystem fs;
    private final String rootDir;
    /** Keyed by {@code groupId + " " + serverId}: sorted, so iteration is deterministic. */
    private final TreeMap<String, RaftNode> nodes = new TreeMap<>();

    private long unroutable;

    public NodeManager(Clock clock, Transport transport, RandomSource random, FileSystem fs, String rootDir) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.random = Objects.requireNonNull(random, "random");
        this.fs = Objects.requireNonNull(fs, "fs");
        this.rootDir = Objects.requireNonNull(rootDir, "rootDir");
    }

    private static String key(String groupId, PeerId serverId) {
        return groupId + " " + serverId;
    }

    /**
     * Opens (creating or recovering) the storage of {@code serverId}'s replica of {@code groupId},
     * creates the node and starts it.
     *
     * @throws IllegalArgumentException if the group id is not a plain name or the replica exists
     */
    public RaftNode add(String groupId, PeerId serverId, NodeOptions options) {
        if (groupId.isEmpty() || groupId.contains("/") || groupId.contains(" ") || groupId.startsWith(".")) {
            throw new IllegalArgumentException(
                    "group id must be a plain name (no '/', ' ', leading '.'), got '" + groupId + "'");
        }
        String k = key(groupId, serverId);
        if (nodes.containsKey(k)) {
            throw new IllegalArgumentException("replica " + serverId + " of group " + groupId + " already added");
        }
        String dir = rootDir + "/" + groupId + "/" + serverId.toString().replace(':', '_');
        NodeEnvironment env = new NodeEnvironment(
                clock,
                transport,
                random,
                SegmentedLog.open(fs, dir + "/log"),
                FileMetaStorage.open(fs, dir + "/meta"),
                SnapshotStorage.open(fs, dir + "/snapshot"));
        RaftNode node = RaftNode.create(groupId, serverId, options, env);
        nodes.put(k, node);
        node.start();
        return node;
    }

    /** Inbound delivery from the shared transport: to the addressed replica of the message's group. */
    public void receive(RaftMessage message) {
        RaftNode node = nodes.get(key(message.groupId(), message.to()));
        if (node == null) {
            unroutable++; // a group this process does not host (any more): like a lost message.
            return;
        }
        node.receive(message);
    }

    public RaftNode node(String groupId, PeerId serverId) {
        return nodes.get(key(groupId, serverId));
    }

    /** Every replica hosted here, sorted by group id then server id. */
    public List<RaftNode> nodes() {
        return List.copyOf(nodes.values());
    }

    /** Messages for replicas this process does not host, dropped. */
    public long unroutableMessages() {
        return unroutable;
    }

    /** Shuts one replica down and forgets it (its directories stay). */
    public void remove(String groupId, PeerId serverId, Closure done) {
        RaftNode node = nodes.remove(key(groupId, serverId));
        if (node == null) {
            if (done != null) {
                clock.execute(() -> done.run(
                        Status.error(RaftError.EINVAL, "no replica " + serverId + " of group " + groupId + " here")));
            }
            return;
        }
        node.shutdown(done);
    }

    /** Orderly stop of every group; {@code done} runs once all of them finished shutting down. */
    public void shutdownAll(Closure done) {
        List<RaftNode> all = new ArrayList<>(nodes.values());
        nodes.clear();
        int[] left = {all.size()};
        if (all.isEmpty()) {
            if (done != null) {
                clock.execute(() -> done.run(Status.ok()));
            }
            return;
        }
        for (RaftNode n : all) {
            n.shutdown(st -> {
                if (--left[0] == 0 && done != null) {
                    done.run(Status.ok());
                }
            });
        }
    }
}
