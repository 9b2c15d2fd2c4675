package dev.fahr.runner;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/**
 * Runs an action when the process receives SIGTERM, which is how SageMaker's StopTrainingJob and
 * {@code docker stop} end a job.
 *
 * <p>A signal handler, unlike a shutdown hook, fires for SIGTERM only, so a script that calls
 * {@code System.exit} is not reported as stopped. The handler API, {@code sun.misc.Signal}, is in the
 * JDK's {@code jdk.unsupported} module; it is reached by reflection because javac warns about every
 * direct use of it and that warning cannot be suppressed. Where it is unavailable, a shutdown hook is
 * the fallback.
 */
final class TermSignal {

    private TermSignal() {
    }

    /**
     * Installs {@code onTerm}; after it returns, the process exits with {@code exitCode}.
     *
     * @return whether a real signal handler was installed (otherwise a shutdown hook was)
     */
    static boolean install(Runnable onTerm, int exitCode) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerInterface = Class.forName("sun.misc.SignalHandler");
            Object term = signalClass.getConstructor(String.class).newInstance("TERM");
            InvocationHandler handle = (proxy, method, args) -> switch (method.getName()) {
                case "handle" -> {
                    onTerm.run();
                    // Not System.exit: it would wait for shutdown hooks that user libraries may have added and that could hang.
                    Runtime.getRuntime().halt(exitCode);
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "fahr SIGTERM handler";
            };
            Object handler = Proxy.newProxyInstance(handlerInterface.getClassLoader(),
                    new Class<?>[] {handlerInterface}, handle);
            signalClass.getMethod("handle", signalClass, handlerInterface).invoke(null, term, handler);
            return true;
        } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
            // The JVM itself exits with 128 + 15 after running hooks on SIGTERM.
            Runtime.getRuntime().addShutdownHook(new Thread(onTerm, "fahr-stop"));
            return false;
        }
    }
}
