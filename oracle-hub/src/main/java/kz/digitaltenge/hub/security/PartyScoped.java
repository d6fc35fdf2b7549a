package kz.digitaltenge.hub.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler that callers narrowed to a party or a bank's clients ({@link CallerScope}) may reach, because it
 * applies their scope itself or serves nothing of any party ({@link #value} says which). Every handler without it
 * refuses narrowed callers.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PartyScoped {
    /** Why a narrowed caller may call it: how the handler narrows, or why nothing of a party is in its answer. */
    String value();
}
