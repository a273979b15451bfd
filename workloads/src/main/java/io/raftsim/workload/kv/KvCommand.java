package io.raftsim.workload.kv;

import io.raftsim.workload.ops.OpKind;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A client request as it travels through the raft log. {@code clientId} and {@code seq} identify it
 * for the session table (dissertation §6.3): a retry carries the same pair and is applied at most
 * once. Encoding: a version byte, then op, clientId, seq, key, value, expected, big-endian.
 */
public record KvCommand(OpKind op, long clientId, long seq, int key, long value, long expected) {
    static final byte VERSION = 1;
    public static final int ENCODED_BYTES = 1 + 1 + 8 + 8 + 4 + 8 + 8;
    /** {@code OpKind.values()} once: decode runs on every apply, and values() copies the array. */
    private static final OpKind[] OP_KINDS = OpKind.values();

    public KvCommand {
        Objects.requireNonNull(op, "op");
        if (seq < 1) {
            throw new IllegalArgumentException("command seq must be >= 1, got " + seq + " for client " + clientId);
        }
        if (key < 0) {
            throw new IllegalArgumentException("command key must be >= 0, got " + key);
        }
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(ENCODED_BYTES);
        b.put(VERSION).put((byte) op.ordinal()).putLong(clientId).putLong(seq).putInt(key);
        b.putLong(value).putLong(expected);
        return b.array();
    }

    /** Decodes a command; anything else is an {@link IllegalArgumentException} naming the problem. */
    public static KvCommand decode(byte[] data) {
        if (data.length != ENCODED_BYTES) {
            throw new IllegalArgumentException("KvCommand must be " + ENCODED_BYTES + " bytes, got " + data.length);
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        byte version = b.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("KvCommand version " + version + ", expected " + VERSION);
        }
        int op = b.get();
        if (op < 0 || op >= OP_KINDS.length) {
            throw new IllegalArgumentException("KvCommand op ordinal " + op + " unknown");
        }
        return new KvCommand(OP_KINDS[op], b.getLong(), b.getLong(), b.getInt(), b.getLong(), b.getLong());
    }
}
