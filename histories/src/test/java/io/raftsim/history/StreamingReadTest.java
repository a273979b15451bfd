package io.raftsim.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Reading streams: a history far larger than what a test keeps in memory is read op by op from a
 * reader that produces its text on the fly, so a tree of the whole file can never be built.
 */
class StreamingReadTest {
    /** Produces "[{op},{op},...]" for {@code pairs} invoke/ok pairs without ever holding it all. */
    static final class GeneratedJson extends Reader {
        private final long pairs;
        private long emitted;
        private byte[] chunk = "[".getBytes(StandardCharsets.UTF_8);
        private int at;
        private boolean done;

        GeneratedJson(long pairs) {
            this.pairs = pairs;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (at == chunk.length) {
                if (done) {
                    return -1;
                }
                if (emitted == pairs) {
                    chunk = "]".getBytes(StandardCharsets.UTF_8);
                    done = true;
                } else {
                    long p = emitted % 7;
                    chunk = ((emitted == 0 ? "" : ",") + "{\"process\":" + p
                                    + ",\"type\":\"invoke\",\"f\":\"write\",\"value\":" + emitted + "},\n{\"process\":"
                                    + p
                                    + ",\"type\":\"ok\",\"f\":\"write\",\"value\":" + emitted + ",\"time\":" + emitted
                                    + "}")
                            .getBytes(StandardCharsets.UTF_8);
                    emitted++;
                }
                at = 0;
            }
            int n = Math.min(len, chunk.length - at);
            for (int i = 0; i < n; i++) {
                buf[off + i] = (char) chunk[at + i];
            }
            at += n;
            return n;
        }

        @Override
        public void close() {}
    }

    @Test
    void readsHundredsOfThousandsOfOpsOneAtATime() {
        long pairs = 200_000;
        long[] sum = new long[2];
        try (OpReader r = Histories.open("generated", new GeneratedJson(pairs), Histories.Format.JSON)) {
            long count = Histories.forEach(r, op -> {
                sum[0]++;
                if (op.type() == OpType.OK) {
                    sum[1] += (Long) op.value();
                }
            });
            assertThat(count).isEqualTo(2 * pairs);
        }
        assertThat(sum[0]).isEqualTo(2 * pairs);
        assertThat(sum[1]).isEqualTo(pairs * (pairs - 1) / 2);
    }
}
