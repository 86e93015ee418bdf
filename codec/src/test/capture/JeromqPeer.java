import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.jar.JarFile;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A JeroMQ peer for capture_handshake.py, run as a single-file source program:
 * <pre>
 *   java -cp ~/.m2/repository/org/zeromq/jeromq/0.6.0/jeromq-0.6.0.jar \
 *       codec/src/test/capture/JeromqPeer.java dealer|sub ENDPOINT
 * </pre>
 * dealer: DEALER with identity "client-1" that sends one message ["hello"]; sub: SUB subscribed to "topic".
 * Prints a "peer:" line naming the JeroMQ version, then stays connected for a few seconds so the capture tool
 * sees everything it sends.
 */
public class JeromqPeer
{
    public static void main(final String[] args) throws Exception
    {
        if (args.length != 2 || !(args[0].equals("dealer") || args[0].equals("sub")))
        {
            System.err.println("usage: JeromqPeer dealer|sub ENDPOINT");
            System.exit(2);
        }
        final boolean dealer = args[0].equals("dealer");
        try (ZContext context = new ZContext())
        {
            final ZMQ.Socket socket = context.createSocket(dealer ? SocketType.DEALER : SocketType.SUB);
            socket.setLinger(0);
            if (dealer)
            {
                socket.setIdentity("client-1".getBytes(StandardCharsets.US_ASCII));
            }
            System.out.println("peer: JeroMQ " + jeromqVersion() + " (reports libzmq " + ZMQ.getVersionString() +
                ", Java " + System.getProperty("java.version") + ") " +
                (dealer ? "DEALER, identity \"client-1\", sends [\"hello\"] after connect" :
                    "SUB, subscribes to \"topic\""));
            System.out.flush();
            socket.connect(args[1]);
            if (dealer)
            {
                socket.send("hello".getBytes(StandardCharsets.US_ASCII), 0);
            }
            else
            {
                socket.subscribe("topic".getBytes(StandardCharsets.US_ASCII));
            }
            Thread.sleep(3000);
        }
    }

    private static String jeromqVersion()
    {
        try
        {
            final URL location = ZMQ.class.getProtectionDomain().getCodeSource().getLocation();
            try (JarFile jar = new JarFile(location.getPath()))
            {
                return jar.getManifest().getMainAttributes().getValue("Bundle-Version");
            }
        }
        catch (final Exception e)
        {
            return "(unknown version)";
        }
    }
}
