/** The simulated disk: per-node files with durable bytes and a page cache, fsync with latency, crashes and disk faults. */
package io.raftsim.sim.disk;
