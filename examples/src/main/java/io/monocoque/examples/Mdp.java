package io.monocoque.examples;

import io.monocoque.api.Message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The frames of the Majordomo Protocol, 7/MDP (MDP/0.1, the version the ZeroMQ Guide's chapter 4 implements), and
 * of its service lookup, 8/MMI. As seen by a broker's ROUTER, after the sender's routing id and an empty frame:
 * <pre>
 * client to broker   "MDPC01", service, request body...
 * broker to client   "MDPC01", service, reply body...
 * worker to broker   "MDPW01", READY (0x01), service
 *                    "MDPW01", REPLY (0x03), client id, "", reply body...
 *                    "MDPW01", HEARTBEAT (0x04)  |  "MDPW01", DISCONNECT (0x05)
 * broker to worker   "MDPW01", REQUEST (0x02), client id, "", request body...
 *                    "MDPW01", HEARTBEAT (0x04)  |  "MDPW01", DISCONNECT (0x05)
 * </pre>
 * A REQ client neither sends nor sees the empty frame (its socket adds and strips it); a DEALER worker sends it.
 */
public final class Mdp
{
    /** First frame of every client request and reply: MDP/Client v0.1. */
    public static final String CLIENT = "MDPC01";
    /** First frame of every worker command: MDP/Worker v0.1. */
    public static final String WORKER = "MDPW01";
    /** Worker to broker, once: the service it serves. */
    public static final byte READY = 1;
    /** Broker to worker: a client's request. */
    public static final byte REQUEST = 2;
    /** Worker to broker: the reply to the request it was given. */
    public static final byte REPLY = 3;
    /** Either way, while there is nothing else to send: "I am alive". */
    public static final byte HEARTBEAT = 4;
    /** Either way: the conversation is over (a worker that receives it reconnects and registers again). */
    public static final byte DISCONNECT = 5;
    /** Service names starting with this are answered by the broker itself (8/MMI). */
    public static final String MMI_PREFIX = "mmi.";
    /** MMI lookup: the request body is a service name, the reply {@code "200"} if a worker serves it, else 404. */
    public static final String MMI_SERVICE = "mmi.service";

    static final byte[] CLIENT_FRAME = CLIENT.getBytes(StandardCharsets.US_ASCII);
    static final byte[] WORKER_FRAME = WORKER.getBytes(StandardCharsets.US_ASCII);
    static final byte[] EMPTY = new byte[0];

    private Mdp()
    {
    }

    static boolean isCommand(final byte[] frame, final byte command)
    {
        return frame.length == 1 && frame[0] == command;
    }

    static boolean isFrame(final byte[] frame, final byte[] expected)
    {
        return Arrays.equals(frame, expected);
    }

    /** {@code [worker id, "", MDPW01, command]}: the start of what a broker's ROUTER sends a worker. */
    static Message toWorker(final Message message, final byte[] worker, final byte command)
    {
        return message.clear().add(worker).addEmpty().add(WORKER_FRAME).add(command(command));
    }

    /** {@code [client id, "", MDPC01, service]}: the start of what a broker's ROUTER sends a client. */
    static Message toClient(final Message message, final byte[] client, final String service)
    {
        return message.clear().add(client).addEmpty().add(CLIENT_FRAME).add(service);
    }

    /** Append {@code frames} from index {@code first} on. */
    static Message addFrames(final Message message, final byte[][] frames, final int first)
    {
        for (int i = first; i < frames.length; i++)
        {
            message.add(frames[i]);
        }
        return message;
    }

    static byte[] command(final byte command)
    {
        return new byte[] {command};
    }

    static byte[] text(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(final byte[] frame)
    {
        return new String(frame, StandardCharsets.UTF_8);
    }
}
