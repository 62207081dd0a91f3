package io.trackersuite.testing;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A configuration interface ({@code @ConfigMapping}) answering the given values by method name, for unit tests of
 * code that reads its configuration without a Quarkus start. A method the test did not give fails loudly, so a test
 * never runs on a value it did not choose.
 */
public final class ConfigValues {

    private ConfigValues() {
    }

    public static <T> T of(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            if (!values.containsKey(method.getName())) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName()
                        + " was not given to ConfigValues.of");
            }
            return values.get(method.getName());
        }));
    }
}
