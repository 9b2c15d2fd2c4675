package dev.fahr.kernel;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.annotations.SerializedName;

import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

/**
 * Replies the base library gets wrong under protocol 5.3, as jupyter_kernel_test's schemas check:
 * {@code kernel_info_reply} and {@code history_reply} need {@code "status": "ok"}, and history entries
 * are {@code [session, line, input]} tuples, which the library serialises as objects.
 */
final class ProtocolReplies {

    private ProtocolReplies() {
    }

    /** The base reply plus its status. */
    static final class KernelInfo extends KernelInfoReply {
        @SuppressWarnings("unused") // read by Gson
        private final String status = "ok";

        KernelInfo(String protocolVersion, String name, String version, LanguageInfo language, String banner,
                   List<HelpLink> helpLinks) {
            super(protocolVersion, name, version, language, banner, helpLinks);
        }
    }

    /** {@code history_reply} with tuples. */
    static final class History implements ContentType<History> {
        @SuppressWarnings("unused") // read by Gson
        private final String status = "ok";
        @SerializedName("history")
        private final List<List<Object>> history = new ArrayList<>();

        History(List<HistoryEntry> entries) {
            for (HistoryEntry entry : entries) {
                List<Object> tuple = new ArrayList<>();
                tuple.add(entry.getSession());
                tuple.add(entry.getCellNumber());
                tuple.add(entry.hasOutput() ? List.of(entry.getInput(), entry.getOutput()) : entry.getInput());
                history.add(tuple);
            }
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public MessageType<History> getType() {
            return (MessageType) MessageType.HISTORY_REPLY;
        }
    }
}
