package dev.lethe.application.port.out;

/** A store could not do what was asked (unreachable, timed out, constraint broken unexpectedly). */
public class PersistenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
