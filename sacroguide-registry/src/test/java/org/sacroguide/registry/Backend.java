package org.sacroguide.registry;

/** The two databases every registry test runs against. */
public enum Backend {
    H2, POSTGRESQL
}
