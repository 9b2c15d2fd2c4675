package dev.fahr.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.fahr.kernel.output.PartialLineFlusher;
import dev.fahr.kernel.output.RoutingOutputStream;
import dev.fahr.kernel.transport.KernelConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/** {@code java -jar fahr-kernel.jar CONNECTION_FILE}: what a kernelspec's argv runs. */
public final class KernelMain {

    /** Extensions may read it to tell which kernel they run in (the file name holds the kernel id). */
    public static final String CONNECTION_FILE_PROPERTY = "jupyter.kernel.connection_file";

    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -jar fahr-kernel.jar CONNECTION_FILE   (Jupyter passes the file)");
            System.exit(2);
        }
        Path connectionFile = Path.of(args[0]).toAbsolutePath();
        System.setProperty(CONNECTION_FILE_PROPERTY, connectionFile.toString());
        // First of all, because JShell's start is the longest way to the first result: build() starts it on
        // a thread of its own, which goes on while the connection file is read and the sockets are bound.
        JavaKernel kernel = JavaKernel.builder().build();
        KernelConnectionProperties props = readConnection(connectionFile);
        KernelConnection connection = new KernelConnection(props);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        try (PartialLineFlusher flusher = RoutingOutputStream.install()) {
            kernel.onStartup();
            connection.waitUntilClose();
        }
        System.exit(0);
    }

    private static KernelConnectionProperties readConnection(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            System.err.println("fahr kernel: cannot read the connection file " + file);
            System.exit(2);
        }
        return KernelConnectionProperties.parse(Files.readString(file));
    }
}
