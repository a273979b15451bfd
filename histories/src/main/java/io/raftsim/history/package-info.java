/** The operation history model (Jepsen/Knossos op maps) and its JSON and EDN codecs. */
package io.raftsim.history;
