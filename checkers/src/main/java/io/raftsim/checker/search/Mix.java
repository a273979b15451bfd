package io.raftsim.checker.search;

/** 64-bit mixing (SplitMix64's finalizer): deterministic, no random source involved. */
final class Mix {
    private Mix() {}

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static int index(long key, int mask) {
        return (int) mix64(key) & mask;
    }
}
