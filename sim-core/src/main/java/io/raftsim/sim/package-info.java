/** Virtual time, the single-threaded discrete-event scheduler, node clocks, named seeded random streams and the trace hash. */
package io.raftsim.sim;
