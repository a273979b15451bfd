package io.raftsim.engine.node;

import io.raftsim.engine.ReadIndexClosure;
import io.raftsim.engine.spi.Cancellable;

/** A caller's read: its context and closure, its timeout, and whether it went to another node. */
record PendingReadCall(byte[] context, ReadIndexClosure done, Cancellable timer, boolean forwarded) {}
