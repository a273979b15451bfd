package io.raftsim.engine.storage;

import io.raftsim.engine.spi.fs.IoCallback;

/**
 * Durable term and vote (braft's {@code RaftMetaStorage}). {@link #save} writes a temp file,
 * fsyncs it, renames it over the old one and fsyncs the directory; {@code done} runs once all of
 * that is durable. Nothing that depends on the new meta (a vote granted, the candidate's own
 * RequestVote) may be sent before {@code done} reports success.
 */
public interface MetaStorage {
    /** The last durably saved meta, {@link RaftMeta#INITIAL} if none was ever saved. */
    RaftMeta load();

    void save(RaftMeta meta, IoCallback done);
}
