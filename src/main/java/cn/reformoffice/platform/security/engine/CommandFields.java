package cn.reformoffice.platform.security.engine;

import java.lang.reflect.Field;

/**
 * Reads the arguments a Camunda command was created with. The engine's command classes keep them in
 * protected fields without getters; these are read by name, and {@code CommandFieldsTest} fails if an
 * engine upgrade renames one, so a guard can never silently stop checking.
 */
final class CommandFields {

    private CommandFields() {
    }

    static Object read(Object command, Class<?> declaringClass, String name) {
        try {
            Field field = declaringClass.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(command);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Camunda command " + declaringClass.getName() + " has no field " + name, e);
        }
    }
}
