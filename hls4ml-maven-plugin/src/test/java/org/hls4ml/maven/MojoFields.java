package org.hls4ml.maven;

import java.lang.reflect.Field;

/** Sets a mojo's parameter fields as Maven would, for tests that run goals without a Maven session. */
final class MojoFields {

    private MojoFields() {
    }

    /** Sets field {@code name}, declared by the mojo's class or one of its superclasses. */
    static void set(Object target, String name, Object value) throws Exception {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                f.set(target, value);
                return;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(name);
    }
}
