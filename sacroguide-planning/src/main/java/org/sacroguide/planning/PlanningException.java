package org.sacroguide.planning;

/**
 * Planning could not start from the inputs given: the sacrum model does not match the CT, or the model
 * lacks what planning needs. One line a radiologist understands.
 */
public class PlanningException extends Exception {

    public PlanningException(String message) {
        super(message);
    }
}
