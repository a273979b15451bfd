package io.raftsim.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A recorder's {@link History.Builder} validates op by op, so its history is not validated again:
 * it must still equal the history built from the same ops, be immutable, and be a snapshot.
 */
class HistoryBuilderTest {
    private static final List<Op> OPS = List.of(
            Op.of(0, OpType.INVOKE, 1, "write", 3L),
            Op.of(1, OpType.INVOKE, 2, "read", null),
            Op.of(2, OpType.OK, 1, "write", 3L),
            Op.of(3, OpType.OK, 2, "read", 3L));

    @Test
    void builtHistoryEqualsTheValidatedCopy() {
        History.Builder b = new History.Builder("recorder");
        OPS.forEach(b::add);
        History built = b.build();
        History copied = History.of("recorder", OPS);
        assertThat(built).isEqualTo(copied);
        assertThat(built.hashCode()).isEqualTo(copied.hashCode());
        assertThat(built.ops()).containsExactlyElementsOf(OPS);
        // Re-wrapping a built history's ops keeps them as they are.
        assertThat(History.of("again", built.ops()).ops()).isEqualTo(OPS);
    }

    @Test
    void builtHistoryIsAnImmutableSnapshot() {
        History.Builder b = new History.Builder("recorder");
        b.add(OPS.get(0));
        History first = b.build();
        b.add(OPS.get(1));
        assertThat(first.size()).isEqualTo(1);
        assertThat(b.build().size()).isEqualTo(2);
        assertThatThrownBy(() -> first.ops().add(OPS.get(1))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> first.ops().set(0, OPS.get(1))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void builderStillRejectsAnInvalidOpWhenAdded() {
        History.Builder b = new History.Builder("recorder");
        b.add(OPS.get(0));
        assertThatThrownBy(() -> b.add(Op.of(1, OpType.INVOKE, 1, "read", null)))
                .isInstanceOf(HistoryFormatException.class)
                .hasMessageContaining("still outstanding");
    }
}
