package io.raftsim.sim.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The paged image must behave exactly as one flat, zero-extended array would: random writes,
 * truncations (cutting and extending), bit flips and copies, across page boundaries, checked
 * byte for byte after every step.
 */
class ByteImageTest {
    private static final int MAX_BYTES = 300_000; // many pages

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void behavesLikeAFlatZeroExtendedArray(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ByteImage image = new ByteImage();
        byte[] model = new byte[0];
        for (int step = 0; step < 400; step++) {
            String at = "repro: mvn -pl sim-disk -am test -Dtest=ByteImageTest; seed " + seed + " step " + step;
            int op = rnd.nextInt(10);
            if (op < 6) {
                int offset = rnd.nextInt(MAX_BYTES);
                int len = rnd.nextInt(4) == 0 ? rnd.nextInt(70_000) : rnd.nextInt(600);
                len = Math.min(len, MAX_BYTES - offset);
                byte[] src = new byte[len + 3];
                rnd.nextBytes(src);
                image.write(offset, src, 3, len);
                if (offset + len > model.length) {
                    model = Arrays.copyOf(model, offset + len);
                }
                System.arraycopy(src, 3, model, offset, len);
            } else if (op < 8) {
                int newSize = rnd.nextInt(MAX_BYTES);
                image.truncate(newSize);
                model = Arrays.copyOf(model, newSize);
            } else if (op < 9 && model.length > 0) {
                int offset = rnd.nextInt(model.length);
                int bit = rnd.nextInt(8);
                image.flipBit(offset, bit);
                model[offset] ^= (byte) (1 << bit);
            } else {
                image = image.copy();
            }
            assertThat(image.size()).as(at).isEqualTo(model.length);
            byte[] all = new byte[model.length + 10];
            int n = image.read(0, all, 5, model.length + 5);
            assertThat(n).as(at).isEqualTo(model.length == 0 ? -1 : model.length);
            assertThat(Arrays.copyOfRange(all, 5, 5 + model.length)).as(at).isEqualTo(model);
            if (model.length > 0) {
                int i = rnd.nextInt(model.length);
                assertThat(image.get(i)).as(at + " byte " + i).isEqualTo(model[i]);
            }
            assertThat(image.read(model.length, all, 0, 1))
                    .as(at + " read at end")
                    .isEqualTo(-1);
        }
    }
}
