package io.monocoque.engine.session;

import io.monocoque.codec.socket.SocketType;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The socket side of a connection under test, reduced to a record of what the connection reported: messages (as
 * their frames), subscriptions, how many times it became ready or was lost. It accepts every peer and message unless
 * told to refuse ({@link #refusePeers}, {@link #refuseMessages}). No batching.
 */
public final class RecordingOwner implements ConnectionOwner
{
    final List<List<String>> messages = new ArrayList<>();
    final List<String> subscriptions = new ArrayList<>();
    int readyCount;
    int lostCount;
    private final SocketType type;
    private String refusal;
    private boolean refuseMessages;

    /**
     * An owner of connections of a socket type (the connections' own type).
     *
     * @param type the socket type.
     */
    public RecordingOwner(final SocketType type)
    {
        this.type = type;
    }

    /**
     * The messages the connections delivered, in order, each as its frames.
     *
     * @return the live list.
     */
    public List<List<String>> messages()
    {
        return messages;
    }

    /**
     * Refuse every peer that finishes its handshake.
     *
     * @param reason the reason to give.
     */
    void refusePeers(final String reason)
    {
        refusal = reason;
    }

    /**
     * Refuse (true) or take (false) messages, as a full receive ring does.
     *
     * @param refuse whether to refuse.
     */
    void refuseMessages(final boolean refuse)
    {
        refuseMessages = refuse;
    }

    @Override
    public SocketType socketType()
    {
        return type;
    }

    @Override
    public String onConnectionReady(final Connection connection)
    {
        if (refusal != null)
        {
            return refusal;
        }
        readyCount++;
        return null;
    }

    @Override
    public boolean onMessage(
        final Connection connection,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int frameCount)
    {
        if (refuseMessages)
        {
            return false;
        }
        messages.addAll(ScriptedPeer.decode(buffer, offset, length));
        return true;
    }

    @Override
    public boolean hasOpenBatch()
    {
        return false;
    }

    @Override
    public int endBatch(final Connection connection)
    {
        return 0;
    }

    @Override
    public boolean onSubscription(
        final Connection connection,
        final boolean subscribe,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final byte[] prefix = new byte[length];
        buffer.getBytes(offset, prefix);
        subscriptions.add((subscribe ? "+" : "-") + new String(prefix, StandardCharsets.ISO_8859_1));
        return true;
    }

    @Override
    public void onConnectionLost(final Connection connection)
    {
        lostCount++;
    }
}
