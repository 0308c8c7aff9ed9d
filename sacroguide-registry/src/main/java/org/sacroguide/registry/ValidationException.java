package org.sacroguide.registry;

/**
 * A record was refused because a value is impossible or contradicts the registry ("VAS must be between 0
 * and 10, was 11"). Nothing of the refused write is stored.
 */
public class ValidationException extends RegistryException {

    public ValidationException(String message) {
        super(message);
    }
}
