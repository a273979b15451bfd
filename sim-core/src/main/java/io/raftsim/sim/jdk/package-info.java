/** The only code in sim-core allowed to touch the real world (the wall clock), for benchmarks. */
package io.raftsim.sim.jdk;
