package io.raftsim.harness.campaign;

/**
 * {@code --shard i/n}: this process runs the seeds with {@code seed % n == i} (0-based, like a
 * Kubernetes Indexed Job's completion index). Seeds are independent, so shards need no coordinator
 * and their union is the whole range.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard must be i/n with 0 <= i < n, got " + index + "/" + count);
        }
    }

    public static Shard parse(String text) {
        int slash = text.indexOf('/');
        try {
            if (slash < 0) {
                throw new NumberFormatException();
            }
            return new Shard(
                    Integer.parseInt(text.substring(0, slash).trim()),
                    Integer.parseInt(text.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad shard '" + text + "': expected i/n with 0 <= i < n, e.g. 0/4");
        }
    }

    public boolean owns(long seed) {
        return Math.floorMod(seed, (long) count) == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
