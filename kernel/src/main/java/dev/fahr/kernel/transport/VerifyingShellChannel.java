package dev.fahr.kernel.transport;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.zeromq.ZMQ;

/**
 * A shell or control channel that drops a message whose signature does not match the connection key
 * and goes on serving. The base channel lets that error end its loop, after which the kernel no longer
 * answers anyone: one forged message would be a denial of service.
 *
 * <p>It also blocks in poll instead of sleeping between polls, so a request is handled the moment it
 * arrives rather than up to 50 ms later.
 */
final class VerifyingShellChannel extends ShellChannel {

    private static final long POLL_TIMEOUT_MS = 100;

    private final JupyterConnection connection;
    private final String name;
    private volatile boolean stopping;
    private volatile Thread loop;

    VerifyingShellChannel(ZMQ.Context context, HMACGenerator hmac, boolean isControl, JupyterConnection connection) {
        super(context, hmac, isControl, connection);
        this.connection = connection;
        this.name = isControl ? "fahr-control" : "fahr-shell";
    }

    @Override
    public void bind(KernelConnectionProperties props) {
        int port = name.equals("fahr-control") ? props.getControlPort() : props.getShellPort();
        bind(formatAddress(props.getTransport(), props.getIp(), port));
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        Thread thread = new Thread(() -> serve(poller), name);
        thread.setDaemon(false);
        loop = thread;
        thread.start();
    }

    private void serve(ZMQ.Poller poller) {
        while (!stopping) {
            if (poller.poll(POLL_TIMEOUT_MS) > 0 && !stopping) {
                handleOne();
            }
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void handleOne() {
        Message<?> message;
        try {
            message = readMessage();
        } catch (SecurityException badSignature) {
            logger.warn("Ignored a message on {} whose signature does not match the connection key", name);
            return;
        } catch (RuntimeException unreadable) {
            logger.warn("Ignored an unreadable message on {}: {}", name, unreadable.toString());
            return;
        }
        if (message == null) {
            return;
        }
        ShellHandler handler = connection.getHandler(message.getHeader().getType());
        if (handler == null) {
            logger.warn("No handler for {}", message.getHeader().getType().getName());
            return;
        }
        ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
        try {
            handler.handle(env, message);
        } catch (Exception e) {
            logger.warn("Handling {} failed: {}", message.getHeader().getType().getName(), e.toString());
        } finally {
            env.resolveDeferrals();
        }
        if (env.isMarkedForShutdown()) {
            connection.close();
        }
    }

    @Override
    public void close() {
        stopping = true;
        Thread thread = loop;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(2 * POLL_TIMEOUT_MS + 100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.close();
    }

    @Override
    public void waitUntilClose() {
        Thread thread = loop;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
