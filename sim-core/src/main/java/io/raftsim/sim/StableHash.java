package io.raftsim.sim;

import java.nio.charset.StandardCharsets;

/**
 * Hash functions whose values are fixed by this code, not by the JVM: safe to derive seeds and
 * trace hashes from, in any process. FNV-1a over UTF-8 bytes for strings, the SplitMix64 finalizer
 * (Steele, Lea, Flood: "Fast splittable pseudorandom number generators", OOPSLA 2014) for longs.
 */
public final class StableHash {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private StableHash() {}

    /** 64-bit FNV-1a over the string's UTF-8 bytes. */
    public static long of(String s) {
        long h = FNV_OFFSET;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= FNV_PRIME;
        }
        return h;
    }

    /** 64-bit FNV-1a over bytes {@code [off, off+len)}. */
    public static long of(byte[] bytes, int off, int len) {
        long h = FNV_OFFSET;
        for (int i = off; i < off + len; i++) {
            h ^= (bytes[i] & 0xff);
            h *= FNV_PRIME;
        }
        return h;
    }

    /** The SplitMix64 finalizer: a bijective, well-avalanching mix of 64 bits. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Combines two values, order-sensitively. */
    public static long combine(long a, long b) {
        return mix(a * 0x9e3779b97f4a7c15L + b);
    }
}
