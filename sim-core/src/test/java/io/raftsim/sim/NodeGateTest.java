package io.raftsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeGateTest {
    @Test
    void pausedNodeRunsItsTasksLateAndInOrderOnResume() {
        Simulation sim = new Simulation(1);
        NodeGate gate = new NodeGate(sim, 0);
        List<String> ran = new ArrayList<>();
        sim.schedule(10, "t", 0, 0, gate.guard(() -> ran.add("a@" + sim.nowNs())));
        sim.schedule(20, "t", 0, 0, gate.guard(() -> ran.add("b@" + sim.nowNs())));
        sim.schedule(5, "pause", 0, 0, gate::pause);
        sim.schedule(50, "resume", 0, 0, gate::resume);
        sim.runUntil(Long.MAX_VALUE);
        assertThat(ran).containsExactly("a@50", "b@50");
    }

    @Test
    void withoutAPauseTasksRunOnTime() {
        Simulation sim = new Simulation(1);
        NodeGate gate = new NodeGate(sim, 0);
        List<String> ran = new ArrayList<>();
        sim.schedule(10, "t", 0, 0, gate.guard(() -> ran.add("a@" + sim.nowNs())));
        sim.runUntil(Long.MAX_VALUE);
        assertThat(ran).containsExactly("a@10");
    }

    @Test
    void tasksOfAKilledIncarnationNeverRunEvenAfterRestart() {
        Simulation sim = new Simulation(1);
        NodeGate gate = new NodeGate(sim, 0);
        List<String> ran = new ArrayList<>();
        sim.schedule(10, "old", 0, 0, gate.guard(() -> ran.add("old")));
        gate.pause();
        sim.schedule(1, "held", 0, 0, gate.guard(() -> ran.add("held")));
        sim.runUntil(5);
        gate.kill();
        gate.restart();
        sim.schedule(10, "new", 0, 0, gate.guard(() -> ran.add("new")));
        sim.runUntil(Long.MAX_VALUE);
        assertThat(ran).containsExactly("new");
        assertThat(gate.incarnation()).isEqualTo(1);
    }
}
