/**
 * The braft-style node facade ({@link io.raftsim.engine.node.NodeImpl}): drives the pure core
 * through the SPIs, holds messages behind the storage writes they depend on, applies committed
 * entries asynchronously in batches and runs closures and state-machine callbacks.
 */
package io.raftsim.engine.node;
