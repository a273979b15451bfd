package io.raftsim.sim.net;

/** The process state of an endpoint as the network sees it. */
public enum EndpointStatus {
    UP,
    /** Stopped in the world: stream messages wait for resume, datagrams are dropped. */
    PAUSED,
    /** Dead: messages to it are dropped and its connections are reset. */
    CRASHED
}
