package io.raftsim.engine.spi.fs.memory;

import java.util.TreeMap;

/**
 * A directory. Its live entries are what the running node sees; its durable entries are what
 * survives a crash, and they catch up with the live ones only when the directory is synced (POSIX:
 * a create, rename or unlink is durable only after an fsync of the parent directory).
 */
final class DirNode implements FsNode {
    TreeMap<String, FsNode> live = new TreeMap<>();
    TreeMap<String, FsNode> durable = new TreeMap<>();
}
