package io.raftsim.engine.node;

import io.raftsim.engine.message.RaftMessage;

/**
 * A message held until the storage writes it depends on are durable: every meta write up to
 * {@code metaSeq} and (for acknowledgements) every log write up to {@code logSeq}.
 */
record PendingSend(RaftMessage message, long metaSeq, long logSeq) {}
