package io.raftsim.sim.disk;

/** One bit flipped at rest by {@link SimDisk#flipBits}: which file, byte and bit. */
public record BitFlip(String path, long offset, int bit) {}
