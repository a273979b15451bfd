/** The simulated network: directed links with latency, loss, duplication, stream or datagram semantics, and partitions as sets of blocked links. */
package io.raftsim.sim.net;
