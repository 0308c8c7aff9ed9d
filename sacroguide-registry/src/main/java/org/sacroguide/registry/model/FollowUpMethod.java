package org.sacroguide.registry.model;

/** How the follow-up was obtained: a telephone call by the coordinator, or a clinic visit. */
public enum FollowUpMethod {
    TELEPHONE, CLINIC
}
