package io.raftsim.sim.net;

/** An addressable process on the {@link SimNetwork}; ids are dense, in registration order. */
public record Endpoint(int id, String name) {
    @Override
    public String toString() {
        return name + "#" + id;
    }
}
