package io.raftsim.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.workload.nemesis.EngineKnobs;
import org.junit.jupiter.api.Test;

class VariantTest {
    @Test
    void overridesOnlyWhatItNames() {
        Variant v = Variant.parse("fast=electionTimeoutMs=600,batch=8,pipeline=2,checkQuorum=false");
        EngineKnobs k = v.knobs(EngineKnobs.DEFAULTS);
        assertThat(v.name()).isEqualTo("fast");
        assertThat(k.electionTimeoutMs()).isEqualTo(600);
        assertThat(k.heartbeatIntervalMs()).isEqualTo(120);
        assertThat(k.maxAppendEntries()).isEqualTo(8);
        assertThat(k.maxInflightAppends()).isEqualTo(2);
        assertThat(k.checkQuorum()).isFalse();
        assertThat(k.preVote()).isEqualTo(EngineKnobs.DEFAULTS.preVote());
        assertThat(Variant.parse("base").knobs(EngineKnobs.DEFAULTS)).isEqualTo(EngineKnobs.DEFAULTS);
    }

    @Test
    void refusesWhatTheEngineCannotVaryWithTheReason() {
        assertThatThrownBy(() -> Variant.parse("x=stickiness=off")).hasMessageContaining("checkQuorum");
        assertThatThrownBy(() -> Variant.parse("x=fsync=per-write")).hasMessageContaining("group-commit");
        assertThatThrownBy(() -> Variant.parse("x=readMode=lease")).hasMessageContaining("clients do not use them yet");
        assertThatThrownBy(() -> Variant.parse("x=preVote=maybe")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> Variant.parse("x=bogus=1")).hasMessageContaining("unknown variant option");
        assertThatThrownBy(() -> Variant.parse("x=batch")).hasMessageContaining("opt=value");
    }

    @Test
    void scenariosTargetTheSameNodeForEveryVariantAndEndByTheHeal() {
        for (Scenario s : Scenario.values()) {
            var a = s.events(7, 5, 9_000);
            assertThat(a).isEqualTo(s.events(7, 5, 9_000));
            a.forEach(e -> assertThat(e.endMs()).isLessThanOrEqualTo(9_000));
        }
        assertThat(Scenario.ONE_WAY.events(3, 5, 9_000)).hasSize(4);
        assertThat(Scenario.parse("one-way")).isEqualTo(Scenario.ONE_WAY);
        assertThatThrownBy(() -> Scenario.parse("nope")).hasMessageContaining("leader-kill");
    }
}
