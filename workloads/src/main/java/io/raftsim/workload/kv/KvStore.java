package io.raftsim.workload.kv;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The state machine under test, without the engine around it: an atomic multi-key register store
 * (braft's Jepsen "atomic" example) plus the session table of dissertation §6.3. Deterministic: the
 * same commands in the same order give the same state, on every replica.
 */
public final class KvStore {
    /** The last request applied per client and its result (so a retry returns it unapplied). */
    record Session(long lastSeq, KvResult lastResult) {}

    private final TreeMap<Integer, Long> registers = new TreeMap<>();
    private final TreeMap<Long, Session> sessions = new TreeMap<>();
    private long appliedCommands;
    private long duplicatesSuppressed;

    public KvResult apply(KvCommand c) {
        Session s = sessions.get(c.clientId());
        if (s != null && c.seq() == s.lastSeq()) {
            duplicatesSuppressed++;
            return s.lastResult();
        }
        if (s != null && c.seq() < s.lastSeq()) {
            duplicatesSuppressed++;
            return new KvResult.Stale(s.lastSeq());
        }
        KvResult r = execute(c);
        sessions.put(c.clientId(), new Session(c.seq(), r));
        appliedCommands++;
        return r;
    }

    private KvResult execute(KvCommand c) {
        Long current = registers.get(c.key());
        return switch (c.op()) {
            case READ -> new KvResult.ReadOk(current);
            case WRITE -> {
                registers.put(c.key(), c.value());
                yield new KvResult.WriteOk();
            }
            case CAS -> {
                if (current != null && current == c.expected()) {
                    registers.put(c.key(), c.value());
                    yield new KvResult.CasOk();
                }
                yield new KvResult.CasFailed(current);
            }
        };
    }

    /** The value of a register, null if never written; for reads served outside the log. */
    public Long read(int key) {
        return registers.get(key);
    }

    public Map<Integer, Long> registers() {
        return java.util.Collections.unmodifiableMap(registers);
    }

    public int sessionCount() {
        return sessions.size();
    }

    public long appliedCommands() {
        return appliedCommands;
    }

    /** Retries that the session table kept from being applied twice. */
    public long duplicatesSuppressed() {
        return duplicatesSuppressed;
    }

    // ---- snapshots -------------------------------------------------------------------------

    private static final int SNAPSHOT_MAGIC = 0x4B565331; // "KVS1"

    /** Store and session table, with a CRC32 trailer so a flipped bit is caught on load. */
    public byte[] snapshot() {
        int size = 4 + 8 + 4 + registers.size() * 12 + 4 + sessions.size() * (8 + 8 + 1 + 9) + 8;
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(SNAPSHOT_MAGIC).putLong(appliedCommands).putInt(registers.size());
        for (Map.Entry<Integer, Long> e : registers.entrySet()) {
            b.putInt(e.getKey()).putLong(e.getValue());
        }
        b.putInt(sessions.size());
        for (Map.Entry<Long, Session> e : sessions.entrySet()) {
            b.putLong(e.getKey()).putLong(e.getValue().lastSeq());
            putResult(b, e.getValue().lastResult());
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putLong(crc.getValue());
        byte[] out = new byte[b.position()];
        System.arraycopy(b.array(), 0, out, 0, out.length);
        return out;
    }

    /** Replaces this store's state with a snapshot's; a corrupt snapshot throws and changes nothing. */
    public void restore(byte[] snapshot) {
        if (snapshot.length < 4 + 8 + 4 + 4 + 8) {
            throw new IllegalArgumentException("KvStore snapshot too short: " + snapshot.length + " bytes");
        }
        CRC32 crc = new CRC32();
        crc.update(snapshot, 0, snapshot.length - 8);
        ByteBuffer b = ByteBuffer.wrap(snapshot);
        long stored = b.getLong(snapshot.length - 8);
        if (stored != crc.getValue()) {
            throw new IllegalArgumentException("KvStore snapshot checksum mismatch: stored " + stored + ", computed "
                    + crc.getValue() + " over " + (snapshot.length - 8) + " bytes");
        }
        int magic = b.getInt();
        if (magic != SNAPSHOT_MAGIC) {
            throw new IllegalArgumentException("KvStore snapshot magic " + Integer.toHexString(magic));
        }
        long applied = b.getLong();
        TreeMap<Integer, Long> regs = new TreeMap<>();
        int n = b.getInt();
        for (int i = 0; i < n; i++) {
            regs.put(b.getInt(), b.getLong());
        }
        TreeMap<Long, Session> sess = new TreeMap<>();
        int m = b.getInt();
        for (int i = 0; i < m; i++) {
            long client = b.getLong();
            long seq = b.getLong();
            sess.put(client, new Session(seq, getResult(b)));
        }
        registers.clear();
        registers.putAll(regs);
        sessions.clear();
        sessions.putAll(sess);
        appliedCommands = applied;
    }

    private static void putResult(ByteBuffer b, KvResult r) {
        long v = 0;
        byte tag;
        if (r instanceof KvResult.ReadOk ro) {
            tag = (byte) (ro.value() == null ? 1 : 2);
            v = ro.value() == null ? 0 : ro.value();
        } else if (r instanceof KvResult.WriteOk) {
            tag = 3;
        } else if (r instanceof KvResult.CasOk) {
            tag = 4;
        } else if (r instanceof KvResult.CasFailed cf) {
            tag = (byte) (cf.actual() == null ? 5 : 6);
            v = cf.actual() == null ? 0 : cf.actual();
        } else {
            KvResult.Stale st = (KvResult.Stale) r;
            tag = 7;
            v = st.lastSeq();
        }
        b.put(tag).put((byte) 0).putLong(v);
    }

    private static KvResult getResult(ByteBuffer b) {
        byte tag = b.get();
        b.get();
        long v = b.getLong();
        return switch (tag) {
            case 1 -> new KvResult.ReadOk(null);
            case 2 -> new KvResult.ReadOk(v);
            case 3 -> new KvResult.WriteOk();
            case 4 -> new KvResult.CasOk();
            case 5 -> new KvResult.CasFailed(null);
            case 6 -> new KvResult.CasFailed(v);
            case 7 -> new KvResult.Stale(v);
            default -> throw new IllegalArgumentException("KvStore snapshot: unknown result tag " + tag);
        };
    }
}
