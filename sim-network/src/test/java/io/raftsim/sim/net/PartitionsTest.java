package io.raftsim.sim.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionsTest {
    private static List<Endpoint> nodes(int n) {
        List<Endpoint> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Endpoint(i, "n" + i));
        }
        return out;
    }

    /** Who {@code e} can hear (itself included). */
    private static Set<Endpoint> hears(Partition p, Endpoint e, List<Endpoint> all) {
        Set<Endpoint> out = new HashSet<>();
        for (Endpoint o : all) {
            if (o.equals(e) || !p.blocks(o, e)) {
                out.add(o);
            }
        }
        return out;
    }

    @Test
    void isolateCutsOneNodeBothWays() {
        List<Endpoint> n = nodes(5);
        Partition p = Partitions.isolate(n.get(2), n);
        assertThat(hears(p, n.get(2), n)).containsExactly(n.get(2));
        assertThat(hears(p, n.get(0), n)).hasSize(4).doesNotContain(n.get(2));
        assertThat(p.blocked()).hasSize(8);
    }

    @Test
    void halvesAndMajorityMinoritySplitIntoTwoSides() {
        List<Endpoint> n = nodes(5);
        Partition h = Partitions.halves(n);
        assertThat(hears(h, n.get(0), n)).containsExactlyInAnyOrder(n.get(0), n.get(1));
        assertThat(hears(h, n.get(4), n)).containsExactlyInAnyOrder(n.get(2), n.get(3), n.get(4));
        Partition mm = Partitions.majorityMinority(n, List.of(n.get(4)));
        assertThat(hears(mm, n.get(4), n)).containsExactly(n.get(4));
        assertThatThrownBy(() -> Partitions.majorityMinority(n, List.of(n.get(0), n.get(1), n.get(2))))
                .hasMessageContaining("minority");
    }

    @Test
    void bridgeNodeHearsEveryoneWhileTheSidesDoNotHearEachOther() {
        List<Endpoint> n = nodes(5);
        Partition p = Partitions.bridge(n);
        assertThat(hears(p, n.get(2), n)).hasSize(5);
        assertThat(hears(p, n.get(0), n)).containsExactlyInAnyOrder(n.get(0), n.get(1), n.get(2));
        assertThat(hears(p, n.get(4), n)).containsExactlyInAnyOrder(n.get(2), n.get(3), n.get(4));
    }

    @Test
    void ringGivesEveryNodeADistinctMajority() {
        for (int size : new int[] {5, 7, 9}) {
            List<Endpoint> n = nodes(size);
            Partition p = Partitions.ring(n);
            Set<Set<Endpoint>> views = new HashSet<>();
            for (Endpoint e : n) {
                Set<Endpoint> v = hears(p, e, n);
                assertThat(v.size()).as("view of %s in ring of %d", e, size).isGreaterThan(size / 2);
                assertThat(v.size()).isLessThan(size);
                views.add(v);
            }
            assertThat(views).hasSize(size);
        }
    }

    @Test
    void oneWayBlocksOnlyTheReverseDirection() {
        List<Endpoint> n = nodes(3);
        Partition p = Partitions.oneWay(n.get(0), n.get(1));
        assertThat(p.blocks(n.get(0), n.get(1))).isFalse();
        assertThat(p.blocks(n.get(1), n.get(0))).isTrue();
        assertThat(p.blocked()).hasSize(1);
        assertThat(p.union(Partitions.isolate(n.get(2), n)).blocked()).hasSize(5);
    }
}
