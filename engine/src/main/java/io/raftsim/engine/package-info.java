/** The braft-style Raft engine. It knows nothing of the simulator: it talks to the world only through its own SPIs. */
package io.raftsim.engine;
