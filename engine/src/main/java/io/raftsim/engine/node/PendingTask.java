package io.raftsim.engine.node;

import io.raftsim.engine.Closure;

/** A proposed task waiting for its entry (index, term) to be applied. */
record PendingTask(long term, Closure done) {}
