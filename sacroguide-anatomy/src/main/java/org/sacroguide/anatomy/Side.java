package org.sacroguide.anatomy;

/** The patient's side. In LPS coordinates the patient's left is +x. */
public enum Side {
    LEFT, RIGHT;

    /** +1 for left (towards +x in LPS), -1 for right. */
    public int lpsXSign() {
        return this == LEFT ? 1 : -1;
    }

    public String lowerName() {
        return this == LEFT ? "left" : "right";
    }
}
