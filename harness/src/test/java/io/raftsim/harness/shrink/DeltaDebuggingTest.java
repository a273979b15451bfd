package io.raftsim.harness.shrink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeltaDebuggingTest {
    private static final List<Integer> ONE_TO_FORTY =
            IntStream.rangeClosed(1, 40).boxed().toList();

    @Test
    void findsTheTwoElementsThatTogetherCauseTheFailure() {
        List<List<Integer>> asked = new ArrayList<>();
        List<Integer> min = DeltaDebugging.minimize(ONE_TO_FORTY, s -> {
            asked.add(s);
            return s.contains(3) && s.contains(37);
        });
        assertThat(min).containsExactly(3, 37);
        assertThat(new HashSet<>(asked)).as("no subset is run twice").hasSize(asked.size());
    }

    @Test
    void resultIsOneMinimalForAnInterleavedCause() {
        Set<Integer> cause = Set.of(2, 9, 17, 30);
        List<Integer> min = DeltaDebugging.minimize(ONE_TO_FORTY, s -> s.containsAll(cause));
        assertThat(min).containsExactly(2, 9, 17, 30);
    }

    @Test
    void emptyInputWinsWhenTheFailureNeedsNothing() {
        assertThat(DeltaDebugging.minimize(ONE_TO_FORTY, s -> true)).isEmpty();
    }

    @Test
    void coarsePassStopsAtItsChunkLimit() {
        // With at most 4 chunks, a cause spread over all four quarters cannot be narrowed.
        List<Integer> min = DeltaDebugging.minimize(ONE_TO_FORTY, s -> s.containsAll(List.of(1, 11, 21, 31)), 4);
        assertThat(min).hasSize(40);
        assertThat(DeltaDebugging.minimize(ONE_TO_FORTY, s -> s.containsAll(List.of(1, 11, 21, 31)), 64))
                .containsExactly(1, 11, 21, 31);
    }

    @Test
    void aSpentBudgetPropagatesFromThePredicate() {
        int[] calls = {0};
        assertThatThrownBy(() -> DeltaDebugging.minimize(ONE_TO_FORTY, s -> {
                    if (++calls[0] > 3) {
                        throw new IllegalStateException("budget");
                    }
                    return false;
                }))
                .hasMessage("budget");
        assertThat(calls[0]).isEqualTo(4);
    }
}
