package io.raftsim.testsupport.planted.jdk;

/** A real-world adapter by package: it may read the wall clock where the module grants the exemption. */
public final class WallClockInJdkPackage {
    public long nowNs() {
        return System.nanoTime();
    }
}
