package dev.fahr.kernel.transport;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

/**
 * The base connection with its shell and control channels replaced by {@link VerifyingShellChannel}s.
 * Heartbeat, stdin and IOPub are the base library's own.
 */
public final class KernelConnection extends JupyterConnection {

    private final KernelConnectionProperties props;
    private final ZMQ.Context channelContext = ZMQ.context(1);
    private final VerifyingShellChannel verifiedShell;
    private final VerifyingShellChannel verifiedControl;
    private boolean connected;
    private boolean closed;

    public KernelConnection(KernelConnectionProperties props) throws NoSuchAlgorithmException, InvalidKeyException {
        super(props);
        this.props = props;
        HMACGenerator hmac = props.createHMACGenerator();
        this.verifiedShell = new VerifyingShellChannel(channelContext, hmac, false, this);
        this.verifiedControl = new VerifyingShellChannel(channelContext, hmac, true, this);
    }

    @Override
    public synchronized void connect() {
        if (connected) {
            return;
        }
        heartbeat.bind(props);
        iopub.bind(props);
        stdin.bind(props);
        verifiedShell.bind(props);
        verifiedControl.bind(props);
        getIOPub().sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
        connected = true;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        verifiedShell.close();
        verifiedControl.close();
        channelContext.close();
        super.close();
    }

    @Override
    public void waitUntilClose() {
        verifiedShell.waitUntilClose();
        verifiedControl.waitUntilClose();
        super.waitUntilClose();
    }
}
