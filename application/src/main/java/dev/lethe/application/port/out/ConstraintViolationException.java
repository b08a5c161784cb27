package dev.lethe.application.port.out;

/**
 * The store refused a write because it breaks one of the store's constraints (a duplicate key, a value
 * that does not fit its column): the input is at fault, and sending it again unchanged fails again.
 */
public class ConstraintViolationException extends PersistenceException {
    private static final long serialVersionUID = 1L;

    public ConstraintViolationException(String message, Throwable cause) {
        super(message, cause);
    }
}
