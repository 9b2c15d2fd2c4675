package dev.fahr.cli.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@code fahr} client and its background process say to each other over their Unix socket. The
 * client sends one {@link Request}; the daemon answers with frames (a type byte, a length, the bytes):
 * standard output, standard error, and last the exit code. While a command runs the client may send
 * {@link #INTERRUPT} (its user pressed Ctrl-C). Only {@code java.base}: the client jar holds this class.
 */
public final class DaemonProtocol {

    /** Raised on every change of the format; a daemon of another version is never asked. */
    static final int VERSION = 1;

    public static final byte STDOUT = 1;
    public static final byte STDERR = 2;
    /** The command ended; four bytes of exit code follow. */
    public static final byte EXIT = 3;
    /** The daemon runs another command: the client runs this one itself. */
    public static final byte BUSY = 4;
    /** The daemon cannot run it (another environment or folder); the text says why. */
    public static final byte REFUSED = 5;
    /** Client to daemon: stop the running command, as Ctrl-C stops it in a process of its own. */
    public static final byte INTERRUPT = 6;
    /**
     * The daemon has begun the command. A daemon that goes away before saying so never ran it, and the
     * client runs it itself; one that goes away after has left it half done, and the client says so.
     */
    public static final byte STARTED = 7;

    private DaemonProtocol() {
    }

    /** What a client asks for. */
    public enum Kind {
        /** run a fahr command */
        RUN,
        /** say what the daemon is (for {@code fahr daemon list}) */
        INFO,
        /** end the daemon once it is idle */
        STOP
    }

    /**
     * One command as the client was asked to run it: where, with which environment, whether its output is
     * a terminal. The daemon runs it only where it started and with the environment it started with.
     */
    public record Request(Kind kind, Path workingDirectory, Map<String, String> environment, List<String> arguments,
                          boolean terminal) {

        public Request {
            environment = Map.copyOf(environment);
            arguments = List.copyOf(arguments);
        }

        void write(DataOutputStream out) throws IOException {
            out.writeInt(VERSION);
            out.writeByte(kind.ordinal());
            writeString(out, workingDirectory.toString());
            out.writeInt(environment.size());
            for (Map.Entry<String, String> entry : environment.entrySet()) {
                writeString(out, entry.getKey());
                writeString(out, entry.getValue());
            }
            out.writeInt(arguments.size());
            for (String argument : arguments) {
                writeString(out, argument);
            }
            out.writeBoolean(terminal);
            out.flush();
        }

        /** Reads a request; an IOException names what was wrong with it (another version, a truncated one). */
        public static Request read(DataInputStream in) throws IOException {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("protocol version " + version + ", this daemon speaks " + VERSION);
            }
            int kind = in.readUnsignedByte();
            if (kind >= Kind.values().length) {
                throw new IOException("unknown request kind " + kind);
            }
            Path workingDirectory = Path.of(readString(in));
            Map<String, String> environment = new LinkedHashMap<>();
            for (int i = count(in); i > 0; i--) {
                environment.put(readString(in), readString(in));
            }
            List<String> arguments = new ArrayList<>();
            for (int i = count(in); i > 0; i--) {
                arguments.add(readString(in));
            }
            return new Request(Kind.values()[kind], workingDirectory, environment, arguments, in.readBoolean());
        }
    }

    /** One frame. Callers that share a stream between threads hold its lock. */
    public static void writeFrame(DataOutputStream out, byte type, byte[] data, int offset, int length)
            throws IOException {
        out.writeByte(type);
        out.writeInt(length);
        out.write(data, offset, length);
        out.flush();
    }

    public static void writeExit(DataOutputStream out, int code) throws IOException {
        out.writeByte(EXIT);
        out.writeInt(4);
        out.writeInt(code);
        out.flush();
    }

    public static void writeText(DataOutputStream out, byte type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        writeFrame(out, type, bytes, 0, bytes.length);
    }

    /** A frame read whole: its type and bytes. */
    record Frame(byte type, byte[] data) {

        static Frame read(DataInputStream in) throws IOException {
            byte type = in.readByte();
            int length = in.readInt();
            if (length < 0 || length > 64 << 20) {
                throw new IOException("a frame of " + length + " bytes");
            }
            byte[] data = new byte[length];
            in.readFully(data);
            return new Frame(type, data);
        }

        int exitCode() throws EOFException {
            if (data.length != 4) {
                throw new EOFException("an exit frame of " + data.length + " bytes");
            }
            return ((data[0] & 0xff) << 24) | ((data[1] & 0xff) << 16) | ((data[2] & 0xff) << 8) | (data[3] & 0xff);
        }

        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** Buffered, over {@link ChannelStreams}: one thread reads while another writes. */
    public static DataOutputStream output(SocketChannel channel) {
        return new DataOutputStream(new BufferedOutputStream(ChannelStreams.output(channel)));
    }

    /** See {@link #output}. */
    public static DataInputStream input(SocketChannel channel) {
        return new DataInputStream(new BufferedInputStream(ChannelStreams.input(channel)));
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = count(in);
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 1 << 24) {
            throw new IOException("a length of " + count);
        }
        return count;
    }
}
