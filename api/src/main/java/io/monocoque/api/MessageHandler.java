package io.monocoque.api;

/**
 * Receives messages without copying, from {@link Socket#poll(MessageHandler, int)}. Called on the polling
 * application thread; the view is valid only during the call.
 */
@FunctionalInterface
public interface MessageHandler
{
    /**
     * One whole message.
     *
     * @param message the message; walk its frames with {@link MessageView#next()}.
     */
    void onMessage(MessageView message);
}
