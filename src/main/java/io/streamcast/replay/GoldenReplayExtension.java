package io.streamcast.replay;

import java.lang.reflect.Method;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands each test method a {@link GoldenCheck} for its own golden file:
 *
 * <pre>{@code
 * @ExtendWith(GoldenReplayExtension.class)
 * class MyPipelineTest {
 *     @Test
 *     void pricesStayTheSame(GoldenCheck golden) {
 *         golden.assertMatches(ReplayHarness.withDefaults().inProcess(Path.of("src/test/resources/prices.csv")));
 *     }
 * }
 * }</pre>
 *
 * The file is {@code src/test/resources/golden/MyPipelineTest/pricesStayTheSame.jsonl} (the directory
 * can be changed with {@link GoldenDirectory}); {@code -Dstreamcast.golden.update=true} rewrites it.
 * JUnit is a {@code provided} dependency of streamcast: the tests that use this extension bring their own.
 */
public final class GoldenReplayExtension implements ParameterResolver {
    static final String DEFAULT_DIRECTORY = "src/test/resources/golden";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == GoldenCheck.class;
    }

    @Override
    public GoldenCheck resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Method method = context.getTestMethod().orElseThrow(() -> new ParameterResolutionException(
                "a GoldenCheck can only be given to a test method, not to " + parameter.getDeclaringExecutable()));
        GoldenDirectory dir = testClass.getAnnotation(GoldenDirectory.class);
        Path root = Path.of(dir == null ? DEFAULT_DIRECTORY : dir.value());
        return new GoldenCheck(root.resolve(testClass.getSimpleName()), method.getName());
    }
}
