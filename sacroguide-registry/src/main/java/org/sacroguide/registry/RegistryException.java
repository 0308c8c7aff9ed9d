package org.sacroguide.registry;

/**
 * A registry operation could not be done: the database could not be opened or read, or a record was
 * refused ({@link ValidationException}). The message says what and why in words a coordinator or a
 * radiologist understands, without patient-identifying data beyond the pseudonymous id.
 */
public class RegistryException extends Exception {

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
