/**
 * The real-world runtime: a monotonic clock with one event-loop thread per node, a {@code
 * java.nio} file system with {@code FileChannel.force} and directory fsync, an in-process
 * transport and a random source. The only engine package allowed wall-clock time and threads.
 */
package io.raftsim.engine.runtime.jdk;
