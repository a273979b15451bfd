/** Wires a Raft cluster into the simulation and provides the raftsim command line. */
package io.raftsim.harness;
