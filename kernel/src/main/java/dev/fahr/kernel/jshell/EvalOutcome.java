package dev.fahr.kernel.jshell;

import java.util.Optional;

/**
 * What evaluating some code produced: the value of a trailing expression, if there was one.
 *
 * @param value the expression's value object; {@code null} values are not shown
 * @param hasValue whether the code ended in an expression that produced a value
 */
public record EvalOutcome(Object value, boolean hasValue) {

    public static final EvalOutcome NOTHING = new EvalOutcome(null, false);

    public static EvalOutcome of(Object value) {
        return value == null ? NOTHING : new EvalOutcome(value, true);
    }

    public Optional<Object> valueIfAny() {
        return hasValue ? Optional.of(value) : Optional.empty();
    }
}
