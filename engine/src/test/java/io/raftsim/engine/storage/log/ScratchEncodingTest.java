package io.raftsim.engine.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.storage.EntryType;
import io.raftsim.engine.storage.LogEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The log encodes appends into reused buffers full of an earlier append's bytes: the records and
 * frames it writes must be exactly those a fresh array would hold (padding included, or the
 * frame checksums and the disk's bytes change).
 */
class ScratchEncodingTest {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void encodingIntoADirtyBufferGivesTheSameBytesAsAFreshOne(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] records = new byte[0];
        byte[] frames = new byte[0];
        long index = 1;
        for (int round = 0; round < 200; round++) {
            String at = "repro: mvn -pl engine -am test -Dtest=ScratchEncodingTest; seed " + seed + " round " + round;
            List<LogEntry> entries = new ArrayList<>();
            int n = 1 + rnd.nextInt(5);
            for (int i = 0; i < n; i++) {
                byte[] data = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(3000) : rnd.nextInt(80)];
                rnd.nextBytes(data);
                entries.add(new LogEntry(index++, 1 + round / 10, EntryType.DATA, data));
            }
            int frameBytes = rnd.nextBoolean() ? 512 : 4096;
            int recordsLength = RecordCodec.encodedBytes(entries);
            if (records.length < recordsLength) {
                records = new byte[recordsLength + rnd.nextInt(1000)];
            }
            fillWithGarbage(rnd, records);
            RecordCodec.encodeInto(entries, records);
            byte[] fresh = RecordCodec.encode(entries);
            assertThat(Arrays.copyOf(records, recordsLength)).as(at).isEqualTo(fresh);

            int framesLength = FrameCodec.framesFor(recordsLength, frameBytes) * frameBytes;
            if (frames.length < framesLength) {
                frames = new byte[framesLength + rnd.nextInt(5000)];
            }
            fillWithGarbage(rnd, frames);
            long firstFrameNo = rnd.nextInt(100);
            FrameCodec.frame(records, recordsLength, 7, firstFrameNo, frameBytes, frames);
            assertThat(Arrays.copyOf(frames, framesLength))
                    .as(at)
                    .isEqualTo(FrameCodec.frame(fresh, 7, firstFrameNo, frameBytes));
        }
    }

    private static void fillWithGarbage(SplittableRandom rnd, byte[] buf) {
        rnd.nextBytes(buf);
    }
}
