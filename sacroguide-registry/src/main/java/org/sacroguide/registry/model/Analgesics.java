package org.sacroguide.registry.model;

/** Pain medication the patient takes at the time of the follow-up. */
public enum Analgesics {
    NONE, NON_OPIOID, OPIOID
}
