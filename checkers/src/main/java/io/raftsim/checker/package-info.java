/** The linearizability checker, its models, counterexamples and the HTML timeline. */
package io.raftsim.checker;
