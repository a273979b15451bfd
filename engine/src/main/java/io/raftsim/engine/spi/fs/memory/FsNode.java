package io.raftsim.engine.spi.fs.memory;

/** An entry of the in-memory namespace: a file's inode or a directory. */
sealed interface FsNode permits Inode, DirNode {}
