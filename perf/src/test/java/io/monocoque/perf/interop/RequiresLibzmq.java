package io.monocoque.perf.interop;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated tests only when {@code /usr/bin/python3} can {@code import zmq} (Debian's python3-zmq, which
 * wraps the system libzmq). Without it the tests are skipped on a developer machine, but fail when the
 * environment variable {@code CI} is {@code true}, so a CI machine cannot skip them silently.
 * See {@link LibzmqCondition}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LibzmqCondition.class)
public @interface RequiresLibzmq
{
}
