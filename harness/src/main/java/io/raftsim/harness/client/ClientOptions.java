package io.raftsim.harness.client;

import io.raftsim.workload.ops.ReaderMix;
import io.raftsim.workload.ops.WriterMix;

/**
 * How the Jepsen-style clients behave.
 *
 * @param clients logical processes with one op outstanding each
 * @param opTimeoutMs an op not answered within this ends {@code info}, and its process retires
 * @param attemptTimeoutMs a request not answered within this is retried at another node (same request id)
 * @param tupleValues history values as Jepsen "independent" {@code [key, value]} tuples (the kv workload)
 * @param stopInvokingAtMs no op is invoked after this (so every op ends before the run does)
 * @param livenessFromMs every op invoked after this (the quiet phase, once settled) must complete
 * @param readsByReadIndex reads are served by the engine's ReadIndex (or lease) then the local store,
 *     instead of going through the log
 * @param readerMix dedicated reader processes pinned one per node, on top of the {@code clients}
 *     (none by default)
 * @param writerMix dedicated writer processes pinned one per node, after the readers (none by default)
 */
public record ClientOptions(
        int clients,
        long opTimeoutMs,
        long attemptTimeoutMs,
        boolean tupleValues,
        long stopInvokingAtMs,
        long livenessFromMs,
        boolean readsByReadIndex,
        ReaderMix readerMix,
        WriterMix writerMix) {
    public ClientOptions {
        java.util.Objects.requireNonNull(readerMix, "readerMix");
        java.util.Objects.requireNonNull(writerMix, "writerMix");
    }
}
