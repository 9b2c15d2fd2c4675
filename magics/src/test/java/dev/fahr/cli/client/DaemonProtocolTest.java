package dev.fahr.cli.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fahr.cli.client.DaemonProtocol.Frame;
import dev.fahr.cli.client.DaemonProtocol.Kind;
import dev.fahr.cli.client.DaemonProtocol.Request;

class DaemonProtocolTest {

    @Test
    void aRequestReadsBackAsWritten() throws IOException {
        Request sent = new Request(Kind.RUN, Path.of("/work/my project"), Map.of("AWS_PROFILE", "ml", "EMPTY", ""),
                List.of("fit", "trän.ipynb", "--hp", "lr=0.1 0.01", ""), true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sent.write(new DataOutputStream(bytes));
        assertEquals(sent, Request.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
    }

    @Test
    void anotherVersionIsRefusedNamingBoth() {
        byte[] otherVersion = {0, 0, 0, 99, 0};
        IOException e = assertThrows(IOException.class,
                () -> Request.read(new DataInputStream(new ByteArrayInputStream(otherVersion))));
        assertEquals("protocol version 99, this daemon speaks " + DaemonProtocol.VERSION, e.getMessage());
    }

    @Test
    void framesCarryOutputErrorsAndTheExitCode() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        byte[] line = "Launched job\n".getBytes(StandardCharsets.UTF_8);
        DaemonProtocol.writeFrame(out, DaemonProtocol.STDOUT, line, 0, line.length);
        DaemonProtocol.writeText(out, DaemonProtocol.STDERR, "warning: ö\n");
        DaemonProtocol.writeExit(out, 130);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        Frame first = Frame.read(in);
        assertEquals(DaemonProtocol.STDOUT, first.type());
        assertArrayEquals(line, first.data());
        assertEquals("warning: ö\n", Frame.read(in).text());
        Frame exit = Frame.read(in);
        assertEquals(DaemonProtocol.EXIT, exit.type());
        assertEquals(130, exit.exitCode());
    }

    @Test
    void aCorruptLengthIsAnErrorNotAnAllocation() {
        byte[] corrupt = {DaemonProtocol.STDOUT, (byte) 0x7f, -1, -1, -1};
        IOException e = assertThrows(IOException.class,
                () -> Frame.read(new DataInputStream(new ByteArrayInputStream(corrupt))));
        assertTrue(e.getMessage().contains("a frame of"), e.getMessage());
        byte[] truncated = Arrays.copyOf(new byte[] {DaemonProtocol.STDOUT, 0, 0, 0, 9, 'a'}, 6);
        assertThrows(IOException.class, () -> Frame.read(new DataInputStream(new ByteArrayInputStream(truncated))));
    }
}
