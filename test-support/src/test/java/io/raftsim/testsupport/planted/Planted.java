package io.raftsim.testsupport.planted;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.Timer;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Classes that each break one clause of one determinism rule, and one that breaks none. They are
 * never run: the rules read their bytecode.
 */
public final class Planted {
    private Planted() {}

    // --- wall clock

    public static final class NanoTime {
        long read() {
            return System.nanoTime();
        }
    }

    public static final class CurrentTimeMillis {
        long read() {
            return System.currentTimeMillis();
        }
    }

    public static final class InstantNow {
        Object read() {
            return Instant.now();
        }
    }

    public static final class LocalDateTimeNow {
        Object read() {
            return LocalDateTime.now();
        }
    }

    public static final class OtherJavaTimeNow {
        Object read() {
            return List.of(LocalDate.now(), LocalTime.now(), ZonedDateTime.now(), OffsetDateTime.now());
        }
    }

    public static final class SystemClock {
        Object read() {
            return Clock.systemUTC().millis();
        }
    }

    public static final class HoldsAClock {
        Clock clock;
    }

    // --- threads and executors

    public static final class StartsThread {
        void go() {
            new Thread(() -> {}).start();
        }
    }

    public static final class ExtendsThread extends Thread {}

    public static final class UsesExecutors {
        void go() {
            Executors.newSingleThreadExecutor().submit(() -> {});
        }
    }

    public static final class UsesForkJoinPool {
        void go() {
            ForkJoinPool.commonPool().execute(() -> {});
        }
    }

    public static final class UsesCompletableFuture {
        Object go() {
            return CompletableFuture.supplyAsync(() -> 1);
        }
    }

    public static final class UsesConcurrentCollection {
        Object make() {
            return new ConcurrentHashMap<String, String>();
        }
    }

    public static final class UsesAtomic {
        int next(AtomicInteger counter) {
            return counter.incrementAndGet();
        }
    }

    public static final class UsesTimer {
        Object make() {
            return new Timer();
        }
    }

    // --- randomness

    public static final class MathRandom {
        double draw() {
            return Math.random();
        }
    }

    public static final class StrictMathRandom {
        double draw() {
            return StrictMath.random();
        }
    }

    public static final class RandomUuid {
        Object draw() {
            return UUID.randomUUID();
        }
    }

    public static final class UnseededRandom {
        int draw() {
            return new Random().nextInt();
        }
    }

    /** Allowed by the essential rules, caught by the strict "no java.util.Random". */
    public static final class SeededJavaUtilRandom {
        int draw() {
            return new Random(42).nextInt();
        }
    }

    public static final class UnseededSplittableRandom {
        int draw() {
            return new SplittableRandom().nextInt();
        }
    }

    public static final class UsesSecureRandom {
        int draw() {
            return new java.security.SecureRandom().nextInt();
        }
    }

    public static final class UsesThreadLocalRandom {
        int draw() {
            return ThreadLocalRandom.current().nextInt();
        }
    }

    // --- parallel streams

    public static final class ParallelStream {
        long count(List<String> items) {
            return items.parallelStream().count();
        }
    }

    public static final class ParallelIntStream {
        int sum() {
            return IntStream.range(0, 10).parallel().sum();
        }
    }

    public static final class StreamMadeParallel {
        long count(List<String> items) {
            return items.stream().parallel().count();
        }
    }

    // --- hash-ordered collections

    public static final class UsesHashMap {
        Map<Object, Object> make() {
            return new HashMap<>();
        }
    }

    public static final class UsesHashSet {
        Object make() {
            return new HashSet<Object>();
        }
    }

    public static final class UsesIdentityHashMap {
        Object make() {
            return new IdentityHashMap<Object, Object>();
        }
    }

    // --- clean, and exempt by name

    /** What the rules allow: ordered collections, a seeded SplittableRandom, sequential streams. */
    public static final class Clean {
        enum Kind {
            A,
            B
        }

        long work(List<String> items, long seed) {
            Map<String, Integer> ordered = new TreeMap<>();
            Map<String, Integer> linked = new LinkedHashMap<>();
            Map<Kind, Integer> byKind = new EnumMap<>(Kind.class);
            List<Integer> draws = new ArrayList<>();
            SplittableRandom random = new SplittableRandom(seed);
            for (String item : items) {
                ordered.put(item, random.nextInt());
                linked.put(item, item.length());
                draws.add(random.nextInt(10));
            }
            byKind.put(Kind.A, draws.size());
            return items.stream().filter(s -> !s.isEmpty()).count() + ordered.size() + linked.size();
        }
    }

    /** A real-world adapter by name: it may read the wall clock where the module grants the exemption. */
    public static final class RealStopwatch {
        long nowNs() {
            return System.nanoTime();
        }
    }
}
