package dev.wasmbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** The bindings run the bytecode the processor compiled, for the exnref module and the translated legacy one. */
class BuildTimeBytecodeTest {
    @Test
    void bindingsUseTheirBuildTimeMachine() throws ReflectiveOperationException {
        assertEquals(
                PanicFixtureExnrefBindings.class.getName() + "Machine", machineOf(PanicFixtureExnrefBindings.class));
        assertEquals(
                PanicFixtureLegacyBindings.class.getName() + "Machine", machineOf(PanicFixtureLegacyBindings.class));
        assertEquals(TypesFixtureAbortBindings.class.getName() + "Machine", machineOf(TypesFixtureAbortBindings.class));
    }

    /** The machine class the bindings' module source will use: the digests of build and run time agree. */
    private static Object machineOf(Class<?> bindings) throws ReflectiveOperationException {
        Field module = bindings.getDeclaredField("MODULE");
        module.setAccessible(true);
        Object source = module.get(null);
        Method compiledMachine = source.getClass().getDeclaredMethod("compiledMachine");
        compiledMachine.setAccessible(true);
        return compiledMachine.invoke(source);
    }
}
