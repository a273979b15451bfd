package io.raftsim.testsupport;

import com.tngtech.archunit.lang.ArchRule;
import java.util.Objects;

/** A rule with a short name for test reports ("no wall clock"); the rule keeps its full description. */
public record NamedRule(String name, ArchRule rule) {
    public NamedRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rule, "rule");
    }
}
