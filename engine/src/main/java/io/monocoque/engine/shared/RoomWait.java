package io.monocoque.engine.shared;

/**
 * How a blocking send waits for room between the fragments of a message larger than its ring (the send ring, or a
 * publisher's ring): the caller has written part of the message and must either wait for the engine to drain or give
 * the message up. Implemented by the socket; called on the application thread that is sending.
 */
@FunctionalInterface
public interface RoomWait
{
    /**
     * Wait a little for the ring's consumer to free room.
     *
     * @return false if the socket closed and the message must be given up.
     */
    boolean awaitRoom();
}
