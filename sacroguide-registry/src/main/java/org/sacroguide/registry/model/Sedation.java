package org.sacroguide.registry.model;

/** What the patient received for the procedure. */
public enum Sedation {
    LOCAL_ONLY, CONSCIOUS_SEDATION, GENERAL_ANAESTHESIA
}
