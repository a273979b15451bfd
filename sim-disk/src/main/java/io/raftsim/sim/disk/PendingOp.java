package io.raftsim.sim.disk;

/** An unsynced change to a file, kept so a crash can decide which of it reached the platter. */
sealed interface PendingOp {
    /** Global order of the change on its disk. */
    long seq();

    /** Bytes of writeback this change costs. */
    long dirtyBytes();

    void applyTo(ByteImage image);

    record Write(long seq, long offset, byte[] bytes) implements PendingOp {
        @Override
        public long dirtyBytes() {
            return bytes.length;
        }

        @Override
        public void applyTo(ByteImage image) {
            image.write(offset, bytes, 0, bytes.length);
        }
    }

    record Truncate(long seq, long size) implements PendingOp {
        @Override
        public long dirtyBytes() {
            return 0;
        }

        @Override
        public void applyTo(ByteImage image) {
            image.truncate(size);
        }
    }
}
