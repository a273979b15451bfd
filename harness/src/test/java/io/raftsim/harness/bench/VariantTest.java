package io.raftsim.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.engine.storage.log.LogSyncPolicy;
import io.raftsim.harness.cluster.EngineTuning;
import io.raftsim.harness.run.ReadMode;
import io.raftsim.workload.nemesis.EngineKnobs;
import java.util.List;
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
    void stickinessFsyncReadModeAndSnapshotsAreVariantOptions() {
        Variant loose = Variant.parse("loose=stickiness=off,fsync=per-entry,readMode=read-index,snapshotEvery=50");
        assertThat(loose.tuning()).isEqualTo(new EngineTuning(EngineTuning.Stickiness.OFF, LogSyncPolicy.PER_ENTRY));
        assertThat(loose.readMode()).isEqualTo(ReadMode.READ_INDEX);
        assertThat(loose.knobs(EngineKnobs.DEFAULTS).snapshotIntervalEntries()).isEqualTo(50);
        Variant base = Variant.parse("base");
        assertThat(base.tuning()).isEqualTo(EngineTuning.DEFAULT);
        assertThat(base.readMode()).isEqualTo(ReadMode.LOG);
        assertThat(Variant.parse("l=readMode=lease").readMode()).isEqualTo(ReadMode.LEASE);
        assertThat(Variant.parse("s=stickiness=on,checkQuorum=false").tuning().stickiness())
                .isEqualTo(EngineTuning.Stickiness.ON);
    }

    @Test
    void refusesWhatTheEngineRefusesWithTheReason() {
        assertThatThrownBy(() -> Variant.parse("x=readMode=lease,stickiness=off"))
                .hasMessageContaining("readMode=lease needs checkQuorum and stickiness");
        assertThatThrownBy(() -> Variant.parse("x=readMode=lease,checkQuorum=false"))
                .hasMessageContaining("readMode=lease needs checkQuorum and stickiness");
        assertThatThrownBy(() -> Variant.parse("x=fsync=sometimes")).hasMessageContaining("batched or per-entry");
        assertThatThrownBy(() -> Variant.parse("x=readMode=quorum")).hasMessageContaining("log, read-index or lease");
        assertThatThrownBy(() -> Variant.parse("x=preVote=maybe")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> Variant.parse("x=bogus=1")).hasMessageContaining("unknown variant option");
        assertThatThrownBy(() -> Variant.parse("x=batch")).hasMessageContaining("opt=value");
    }

    @Test
    void aLeaderKillPeriodMustLeaveRoomForTheRestart() {
        assertThatThrownBy(() -> new BenchSettings(
                        Scenario.LEADER_KILL,
                        0,
                        0,
                        5,
                        9_000,
                        10,
                        1,
                        EngineKnobs.DEFAULTS,
                        List.of(Variant.parse("b")),
                        900))
                .hasMessageContaining("would overlap the previous one's restart");
    }

    @Test
    void scenariosTargetTheSameNodeForEveryVariantAndEndByTheHeal() {
        for (Scenario s : Scenario.values()) {
            var a = s.events(7, 5, 9_000);
            assertThat(a).isEqualTo(s.events(7, 5, 9_000));
            a.forEach(e -> assertThat(e.endMs()).isLessThanOrEqualTo(9_000));
        }
        assertThat(Scenario.ONE_WAY_LINK.events(3, 5, 9_000)).hasSize(4);
        assertThat(Scenario.parse("one-way-link")).isEqualTo(Scenario.ONE_WAY_LINK);
        assertThat(Scenario.parse("one-way")).as("the short name").isEqualTo(Scenario.ONE_WAY_LINK);
        assertThatThrownBy(() -> Scenario.parse("nope")).hasMessageContaining("leader-kill");
    }
}
