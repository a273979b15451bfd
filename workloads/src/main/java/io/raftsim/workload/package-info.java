/** State machines under test, Jepsen-style clients, operation generators and the nemesis. */
package io.raftsim.workload;
