package dev.fahr.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import dev.fahr.display.Rendering;
import dev.fahr.engine.CellEngine;
import dev.fahr.engine.CellError;
import dev.fahr.engine.CellOrigin;
import dev.fahr.engine.CellOutcome;
import dev.fahr.engine.CellParser;
import dev.fahr.engine.CellPart;
import dev.fahr.kernel.magic.MagicCatalog;
import dev.fahr.kernel.output.CellContext;
import dev.fahr.kernel.output.KernelIO;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.magic.UndefinedMagicException;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import java.util.EnumSet;

/**
 * A Jupyter kernel for Java: cells run in JShell, in this JVM. It knows nothing of fahr; extensions
 * (the fahr magics among them) arrive through the base library's {@code Extension} service.
 */
public final class JavaKernel extends BaseKernel {

    private final CompletableFuture<CellEngine> session;
    private final CellParser parser = new CellParser();
    private final KernelHistory history;
    private final KernelIO kernelIO;
    private final MagicCatalog catalog;
    private final Path workingDirectory;
    private final EditorSupport editor;
    private final Object evalLock = new Object();
    private volatile String cellLabel = "code";
    /**
     * Done when {@link #onStartup()} has installed the extensions. The sockets are bound before that, so
     * that kernel_info is answered while extensions load; a cell waits for it, so that a first cell of
     * {@code %fahr_status} finds its magic.
     */
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    /** Registers the kernel's own magics; {@link #onStartup()} runs it before installing the extensions. */
    private final Consumer<JavaKernel> ownMagics;
    /** Set as soon as an execute request arrives, before it waits for anything. */
    private volatile boolean executeRequested;
    /** The thread running a magic now, if any: an interrupt reaches it as a Java interrupt. */
    private volatile Thread magicThread;

    JavaKernel(String version, LanguageInfo languageInfo, KernelHistory history, KernelIO io,
               Renderer renderer, MagicsRegistry magics, MagicCatalog catalog, StringStyler errorStyler,
               CompletableFuture<CellEngine> session, Path workingDirectory, Consumer<JavaKernel> ownMagics) {
        super("fahr-java", version, languageInfo, List.of(), history, io, new CommManager(), renderer,
                null, magics, true, errorStyler);
        this.history = history;
        this.kernelIO = io;
        this.catalog = catalog;
        this.session = session;
        this.workingDirectory = workingDirectory;
        this.ownMagics = ownMagics;
        this.editor = new EditorSupport(this::session, magics);
    }

    public static JavaKernelBuilder builder() {
        return new JavaKernelBuilder();
    }

    MagicCatalog catalog() {
        return catalog;
    }

    Path workingDirectory() {
        return workingDirectory;
    }

    CellEngine session() {
        try {
            return session.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while JShell was starting", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("JShell could not start: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " in JShell (fahr kernel " + getVersion() + ")";
    }

    // Deliberately no global "current kernel": output finds its cell through CellContext instead.
    @Override
    protected void installNotebookKernel() {
    }

    @Override
    protected void uninstallNotebookKernel() {
    }

    // System.out and System.err are routed per cell once, at start-up; see RoutingOutputStream.
    @Override
    protected void replaceOutputStreams(ShellReplyEnvironment env) {
    }

    @Override
    protected void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        executeRequested = true;
        synchronized (this) {
            execute(env, message);
        }
    }

    private void execute(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        boolean silent = request.isSilent();
        int count = silent ? executionCount.get() : executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        if (!silent) {
            env.publish(new PublishExecuteInput(request.getCode(), count));
        }
        kernelIO.attach(env, request.isStdinEnabled());
        started.join();
        CellContext cell = new CellContext(env);
        cell.bindToCurrentThread();
        cellLabel = "In [" + count + "]";
        try {
            session().beginCell();
            DisplayData result = asDisplayData(evalRaw(request.getCode()));
            cell.flush();
            if (result != null && !silent) {
                env.publish(new PublishExecuteResult(count, result));
            }
            if (request.shouldStoreHistory() && !silent) {
                history.record(count, request.getCode(), result == null ? null : String.valueOf(result.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN)));
            }
            env.defer().reply(new ExecuteReply(count, Map.of()));
        } catch (RuntimeException e) {
            cell.flush();
            CellFailure failure = asFailure(e);
            if (request.shouldStoreHistory() && !silent) {
                history.record(count, request.getCode(), null);
            }
            env.publish(new PublishError(failure.name(), failure.getMessage(), failure.traceback()));
            ErrorReply error = new ErrorReply(failure.name(), failure.getMessage(), failure.traceback());
            error.setExecutionCount(count);
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
        } finally {
            cellLabel = "code";
            if (session.isDone() && !session.isCompletedExceptionally()) {
                session.join().endCell();
            }
            CellContext.unbindCurrentThread();
        }
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new ProtocolReplies.KernelInfo(Header.PROTOCOL_VERISON, name, version, getLanguageInfo(),
                getBanner(), getHelpLinks()));
    }

    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        env.setBusyDeferIdle();
        EnumSet<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        }
        List<HistoryEntry> entries = switch (request.getAccessType()) {
            case TAIL -> history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
            case RANGE -> {
                HistoryRequest.Range range = (HistoryRequest.Range) request;
                yield history.lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), flags);
            }
            case SEARCH -> {
                HistoryRequest.Search search = (HistoryRequest.Search) request;
                if (search.filterUnique()) {
                    flags.add(HistoryManager.ResultFlag.UNIQUE);
                }
                yield history.search(search.getPattern(), search.getMaxReturnLength(), flags);
            }
        };
        env.reply(new ProtocolReplies.History(entries));
    }

    @Override
    public Object evalRaw(String code) {
        synchronized (evalLock) {
            Object last = null;
            for (CellPart part : parser.parse(code)) {
                last = evalPart(part);
            }
            return last;
        }
    }

    private Object evalPart(CellPart part) {
        try {
            if (part instanceof CellPart.Code c) {
                CellOutcome outcome = session().run(c.source(), new CellOrigin(cellLabel, c.firstLine()));
                if (outcome instanceof CellOutcome.Failed failed) {
                    CellError error = failed.error();
                    throw new CellFailure(error.name(), error.message(), error.traceback());
                }
                return ((CellOutcome.Completed) outcome).value().orElse(null);
            }
            magicThread = Thread.currentThread();
            try {
                if (part instanceof CellPart.LineMagic m) {
                    return magicsRegistry.evalLineMagic(this, m.name(), m.args());
                }
                CellPart.CellMagic m = (CellPart.CellMagic) part;
                return magicsRegistry.evalCellMagic(this, m.name(), m.args(), m.body());
            } finally {
                magicThread = null;
                Thread.interrupted(); // an interrupt meant for this magic must not reach the next cell
            }
        } catch (UndefinedMagicException e) {
            String kind = e.isLineMagic() ? "%" : "%%";
            String message = "unknown magic " + kind + e.getMagicName() + "; %lsmagic lists the magics this kernel has";
            throw new CellFailure("UnknownMagic", message, List.of(message));
        } catch (CellFailure e) {
            throw e;
        } catch (Exception e) {
            throw asFailure(e);
        }
    }

    /** A magic's failure: its own message names the problem and the fix; its stack is not the user's. */
    private static CellFailure asFailure(Exception e) {
        if (e instanceof CellFailure failure) {
            return failure;
        }
        List<String> traceback = new ArrayList<>();
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        traceback.add(e.getClass().getSimpleName() + ": " + message);
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            traceback.add("Caused by: " + cause);
        }
        return new CellFailure(e.getClass().getSimpleName(), message, traceback);
    }

    /**
     * A cell's value as Jupyter shows it: rendered as the job's executed notebook renders it; what a magic
     * returns already as display data stays as it is.
     */
    private static DisplayData asDisplayData(Object value) {
        if (value == null || value instanceof DisplayData) {
            return (DisplayData) value;
        }
        return CellContext.toDisplayData(Rendering.of(value));
    }

    // JShell is not thread-safe, and the start-up warm-up evaluates on another thread: an analysis run beside
    // it came back empty (a completion request sent right after start offered nothing). So the editor's
    // requests take the lock cells and the warm-up take.

    // They also wait for the start-up, so that every magic's name is offered from the first request on.

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        started.join();
        synchronized (this) {
            return editor.inspect(code, at);
        }
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        started.join();
        synchronized (this) {
            return editor.complete(code, at);
        }
    }

    @Override
    public String isComplete(String code) {
        synchronized (this) {
            return editor.isComplete(code);
        }
    }

    @Override
    public void interrupt() {
        // A magic (a build, a wait) stops at its next interruptible point; a cell's code is stopped by JShell.
        Thread magic = magicThread;
        if (magic != null) {
            magic.interrupt();
        }
        if (session.isDone()) {
            session().stop();
        }
    }

    @Override
    public void display(DisplayData data) {
        CellContext cell = CellContext.current();
        if (cell != null) {
            cell.display(data);
        } else {
            super.display(data);
        }
    }

    /** Adds a jar or folder to the class path of the user's code and of the compiler. */
    public void addToClasspath(Path path) {
        synchronized (evalLock) {
            session().addToClasspath(path);
        }
    }

    Set<String> lineMagicNames() {
        return magicsRegistry.getLineMagicNames();
    }

    Set<String> cellMagicNames() {
        return magicsRegistry.getCellMagicNames();
    }

    @Override
    public void onStartup() {
        try {
            ownMagics.accept(this);
            super.onStartup();
        } finally {
            started.complete(null);
        }
        warmUpUnlessACellCame();
    }

    /**
     * Runs a first snippet so that the user's first cell is quick, but only while no cell has been asked
     * for: a cell that is already waiting would only wait longer (it warms JShell up by itself).
     */
    private void warmUpUnlessACellCame() {
        if (executeRequested) {
            return;
        }
        synchronized (this) {
            if (!executeRequested && session.isDone() && !session.isCompletedExceptionally()) {
                try {
                    session.join().warmUp();
                } catch (IllegalStateException closed) {
                    // Shut down while warming up (JShell closed under it): nothing left to warm.
                }
            }
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        if (session.isDone()) {
            session().close();
        }
    }
}
