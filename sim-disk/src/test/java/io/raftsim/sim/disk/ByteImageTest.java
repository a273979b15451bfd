package io.raftsim.sim.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void copiesStayIndependentWhenBothSidesChange(long seed) {
        // copy() shares pages until one side changes them: every image must keep behaving like
        // its own flat array whichever of the family is written, cut or bit-flipped.
        SplittableRandom rnd = new SplittableRandom(seed);
        List<ByteImage> images = new ArrayList<>(List.of(new ByteImage()));
        List<byte[]> models = new ArrayList<>(List.of(new byte[0]));
        for (int step = 0; step < 600; step++) {
            String at = "repro: mvn -pl sim-disk -am test -Dtest=ByteImageTest; seed " + seed + " step " + step;
            int k = rnd.nextInt(images.size());
            ByteImage image = images.get(k);
            byte[] model = models.get(k);
            int op = rnd.nextInt(10);
            if (op < 5) {
                int offset = rnd.nextInt(MAX_BYTES / 4);
                int len = Math.min(rnd.nextInt(4) == 0 ? rnd.nextInt(20_000) : rnd.nextInt(600), MAX_BYTES - offset);
                byte[] src = new byte[len];
                rnd.nextBytes(src);
                image.write(offset, src, 0, len);
                if (offset + len > model.length) {
                    model = Arrays.copyOf(model, offset + len);
                }
                System.arraycopy(src, 0, model, offset, len);
            } else if (op < 7) {
                int newSize = rnd.nextInt(MAX_BYTES / 4);
                image.truncate(newSize);
                model = Arrays.copyOf(model, newSize);
            } else if (op < 8 && model.length > 0) {
                int offset = rnd.nextInt(model.length);
                image.flipBit(offset, 3);
                model[offset] ^= (byte) (1 << 3);
            } else if (images.size() < 6) {
                images.add(image.copy());
                models.add(model.clone());
            }
            models.set(k, model);
            for (int j = 0; j < images.size(); j++) {
                byte[] m = models.get(j);
                byte[] all = new byte[m.length];
                ByteImage im = images.get(j);
                assertThat(im.size()).as(at + " image " + j).isEqualTo(m.length);
                if (m.length > 0) {
                    assertThat(im.read(0, all, 0, m.length))
                            .as(at + " image " + j)
                            .isEqualTo(m.length);
                }
                assertThat(all).as(at + " image " + j).isEqualTo(m);
            }
        }
    }
}
