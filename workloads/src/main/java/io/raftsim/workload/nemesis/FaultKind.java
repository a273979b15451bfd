package io.raftsim.workload.nemesis;

/**
 * Every kind of fault the nemesis can inject. Swarm testing (Groce et al., "Swarm Testing", ISSTA
 * 2012) enables a random subset of these per seed; summaries count injected faults per kind.
 */
public enum FaultKind {
    KILL(Category.PROCESS),
    PAUSE(Category.PROCESS),
    TORN_WRITE(Category.PROCESS),
    POWER_LOSS(Category.PROCESS),
    LEADER_CHURN(Category.PROCESS),
    ISOLATE(Category.PARTITION),
    HALVES(Category.PARTITION),
    MAJORITY_MINORITY(Category.PARTITION),
    BRIDGE(Category.PARTITION),
    RING(Category.PARTITION),
    ISOLATE_LEADER(Category.PARTITION),
    ONE_WAY(Category.PARTITION),
    LINK_LOSS(Category.LINK),
    LINK_DUPLICATION(Category.LINK),
    LINK_DELAY(Category.LINK),
    CLOCK_OFFSET(Category.CLOCK),
    CLOCK_DRIFT(Category.CLOCK),
    CLOCK_JUMP(Category.CLOCK),
    FSYNC_ERROR(Category.DISK),
    READ_ERROR(Category.DISK),
    BIT_FLIP(Category.DISK),
    DISK_FULL(Category.DISK),
    MEMBERSHIP(Category.ADMIN),
    LEADER_TRANSFER(Category.ADMIN),
    SNAPSHOT(Category.ADMIN),
    /**
     * Retire a node for good and bring a new one, with a new identity and an empty disk, in through
     * membership changes. Added after the kinds above: the swarm draws its on/off coin from a stream
     * of its own (see {@link ScheduleGenerator}), so seeds that leave it off keep their schedules.
     */
    REPLACE_NODE(Category.ADMIN),
    /**
     * The adversarial schedule of the Raft paper's Figure 8 ({@link FigureEight}): crashes and
     * partitions timed on the cluster's leaders and commit indexes. Its swarm coin, like
     * replace-node's, comes from a stream of its own.
     */
    FIGURE_EIGHT(Category.PROCESS),

    /**
     * The leader's clock runs fast or slow for the event's duration, whichever node leads: a
     * leader's slow clock is the harmful direction for its lease (dissertation §6.4.1), which a
     * drift drawn on a random node hits only when that node happens to lead. Added after the kinds
     * above: its swarm coin comes from a stream of its own, like {@link #REPLACE_NODE}'s.
     */
    LEADER_CLOCK_DRIFT(Category.CLOCK),

    /**
     *
     * Two membership changes racing across a leader change ({@link MembershipRace}). Added after the
     * kinds above, with its swarm coin on a stream of its own like {@link #REPLACE_NODE}.
     */
    MEMBERSHIP_RACE(Category.ADMIN),

    /**
     * Isolates whichever node leads, heals once another leads, then isolates that one, for the
     * event's duration ({@link LeaderIsolationChurn}): one deposed leader per election rather than
     * per event. Added after the kinds above: its swarm coin comes from a stream of its own.
     */
    LEADER_ISOLATION_CHURN(Category.PARTITION),

    /**
     * The leader's clock slow while it is cut off, first one way (its AppendEntries stop at once when
     * a majority got one of its heartbeat rounds), then both ways once that round is answered,
     * leader after leader ({@link LeaseRace}): the timing that lets a lease outlive the followers'
     * election timers by the most the drift bound allows. Added after the kinds above: its swarm coin
     * comes from a stream of its own.
     */
    LEASE_RACE(Category.PARTITION);

    /** The last kind whose swarm coin comes from the generator's main stream. */
    static final FaultKind LAST_ORIGINAL = SNAPSHOT;

    /** Faults of one category share a concurrency budget in the generator. */
    public enum Category {
        PROCESS,
        PARTITION,
        LINK,
        CLOCK,
        DISK,
        ADMIN
    }

    private final Category category;

    FaultKind(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }

    /** Kebab-case name used on the command line and in JSON counters ({@code one-way}). */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static FaultKind fromCliName(String name) {
        String n = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (FaultKind k : values()) {
            if (k.name().equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown fault kind '" + name + "', known: " + allCliNames());
    }

    public static String allCliNames() {
        StringBuilder sb = new StringBuilder();
        for (FaultKind k : values()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(k.cliName());
        }
        return sb.toString();
    }
}
