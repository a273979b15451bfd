package io.raftsim.workload.nemesis;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One fault, as plain data: what it does and to which nodes (indexes 0..n-1). When it starts and
 * how long it lasts is the {@link FaultEvent}'s business. The harness interprets faults; shrinking
 * edits and re-runs them, so they carry no behaviour beyond describing themselves.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Faults.Kill.class, name = "kill"),
    @JsonSubTypes.Type(value = Faults.TornCrash.class, name = "torn-crash"),
    @JsonSubTypes.Type(value = Faults.Pause.class, name = "pause"),
    @JsonSubTypes.Type(value = Faults.PowerLoss.class, name = "power-loss"),
    @JsonSubTypes.Type(value = LeaderChurn.class, name = "leader-churn"),
    @JsonSubTypes.Type(value = Faults.Isolate.class, name = "isolate"),
    @JsonSubTypes.Type(value = Faults.Halves.class, name = "halves"),
    @JsonSubTypes.Type(value = Faults.MajorityMinority.class, name = "majority-minority"),
    @JsonSubTypes.Type(value = Faults.Bridge.class, name = "bridge"),
    @JsonSubTypes.Type(value = Faults.Ring.class, name = "ring"),
    @JsonSubTypes.Type(value = Faults.IsolateLeader.class, name = "isolate-leader"),
    @JsonSubTypes.Type(value = Faults.OneWay.class, name = "one-way"),
    @JsonSubTypes.Type(value = Faults.LinkLoss.class, name = "link-loss"),
    @JsonSubTypes.Type(value = Faults.LinkDuplication.class, name = "link-duplication"),
    @JsonSubTypes.Type(value = Faults.LinkDelay.class, name = "link-delay"),
    @JsonSubTypes.Type(value = Faults.ClockOffset.class, name = "clock-offset"),
    @JsonSubTypes.Type(value = Faults.ClockDrift.class, name = "clock-drift"),
    @JsonSubTypes.Type(value = Faults.ClockJump.class, name = "clock-jump"),
    @JsonSubTypes.Type(value = Faults.LeaderClockDrift.class, name = "leader-clock-drift"),
    @JsonSubTypes.Type(value = Faults.FsyncError.class, name = "fsync-error"),
    @JsonSubTypes.Type(value = Faults.ReadError.class, name = "read-error"),
    @JsonSubTypes.Type(value = Faults.BitFlip.class, name = "bit-flip"),
    @JsonSubTypes.Type(value = Faults.DiskFull.class, name = "disk-full"),
    @JsonSubTypes.Type(value = Faults.RemoveAndReadd.class, name = "remove-readd"),
    @JsonSubTypes.Type(value = Faults.LeaderTransfer.class, name = "leader-transfer"),
    @JsonSubTypes.Type(value = Faults.ForceSnapshot.class, name = "force-snapshot"),
    @JsonSubTypes.Type(value = Faults.ReplaceNode.class, name = "replace-node"),
    @JsonSubTypes.Type(value = FigureEight.class, name = "figure-eight"),
    @JsonSubTypes.Type(value = MembershipRace.class, name = "membership-race"),
    @JsonSubTypes.Type(value = LeaderIsolationChurn.class, name = "leader-isolation-churn"),
    @JsonSubTypes.Type(value = LeaseRace.class, name = "lease-race"),
})
public sealed interface Fault
        permits Faults.ProcessFault,
                Faults.PowerLoss,
                LeaderChurn,
                FigureEight,
                MembershipRace,
                LeaderIsolationChurn,
                LeaseRace,
                Faults.NetworkFault,
                Faults.ClockFault,
                Faults.LeaderClockDrift,
                Faults.DiskFault,
                Faults.AdminFault {
    @JsonIgnore
    FaultKind kind();

    /** The nodes this fault targets (empty when resolved at run time, as for isolate-leader). */
    @JsonIgnore
    List<Integer> nodes();
}
