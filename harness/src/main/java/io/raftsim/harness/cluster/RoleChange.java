package io.raftsim.harness.cluster;

/** A node's role or term changed at {@code timeNs}: the per-node timeline of report.html. */
public record RoleChange(long timeNs, int node, String state, long term) {}
