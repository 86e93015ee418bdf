package io.monocoque.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmokeTest
{
    @Test
    void reqRepRoundTrip()
    {
        try (Context ctx = Context.create())
        {
            final Socket rep = ctx.socket(SocketType.REP);
            final String ep = rep.bind("tcp://127.0.0.1:0");
            final Socket req = ctx.socket(SocketType.REQ);
            req.connect(ep);
            rep.rcvTimeoutMs(5000);
            req.rcvTimeoutMs(5000);
            for (int i = 0; i < 100; i++)
            {
                assertTrue(req.send("hello" + i));
                assertEquals("hello" + i, rep.recvString());
                assertTrue(rep.send("world" + i));
                assertEquals("world" + i, req.recvString());
            }
        }
    }

    @Test
    void dealerRouter()
    {
        try (Context ctx = Context.create())
        {
            final RouterSocket router = (RouterSocket)ctx.socket(SocketType.ROUTER);
            final String ep = router.bind("tcp://127.0.0.1:0");
            final Socket dealer = ctx.socket(SocketType.DEALER);
            dealer.identity("d1");
            dealer.connect(ep);
            router.rcvTimeoutMs(5000);
            dealer.rcvTimeoutMs(5000);
            dealer.send("a".getBytes(), "b".getBytes());
            final byte[][] got = router.recvMultipart();
            assertEquals(3, got.length);
            assertEquals("d1", new String(got[0]));
            assertTrue(router.send(got[0], "reply".getBytes()));
            assertEquals("reply", dealer.recvString());
        }
    }
}
