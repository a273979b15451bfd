/**
 * The simulated disk: per-node files with durable bytes and a page cache, fsync with latency,
 * crashes and disk faults.
 *
 * <p>It maps one to one onto the engine's file-system SPI ({@code io.raftsim.engine.spi.fs}),
 * without depending on it: {@code FileSystem} is {@link io.raftsim.sim.disk.SimDisk} (open, exists,
 * list, mkdirs, rename, delete, syncDirectory), {@code FileHandle} is {@link
 * io.raftsim.sim.disk.SimFile} (path, size, read, write, truncate, fsync, close), {@code
 * IoCallback} is {@link io.raftsim.sim.disk.DiskCallback}, and {@code StorageException.Kind} IO,
 * NO_SPACE, NOT_FOUND are {@link io.raftsim.sim.disk.DiskErrorKind} of the same names.
 */
package io.raftsim.sim.disk;
