package io.streamcast.replay;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where {@link GoldenReplayExtension} keeps a test class's golden files, relative to the directory the
 * tests run in (the Maven module). Without it: {@code src/test/resources/golden}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface GoldenDirectory {
    String value();
}
