package io.monocoque.cli.interop;

import io.monocoque.api.interop.libzmq.PythonPeerProcess;

import java.util.List;

/**
 * A libzmq peer for the peer tools' tests: {@code interop/tool_peer.py} (pyzmq over the system libzmq) run through
 * the one python-peer process helper, {@link PythonPeerProcess}; the script's protocol is at its top. What this
 * class adds is the script's vocabulary: started with {@code TYPE bind|connect ENDPOINT MODE N [SPEC...]}, it
 * reports {@code READY endpoint}, one line per message, then {@code DONE n} and exits 0. {@link #close()} kills it.
 */
final class PythonPeer implements AutoCloseable
{
    private static final String SCRIPT = "interop/tool_peer.py";
    private static final long LINE_TIMEOUT_MS = 15_000;

    private final PythonPeerProcess process;
    private final String endpoint;

    private PythonPeer(final PythonPeerProcess process)
    {
        this.process = process;
        this.endpoint = process.awaitReady("");
    }

    /**
     * Start a peer and wait until it is bound or connected.
     *
     * @param args TYPE bind|connect ENDPOINT MODE N [SPEC...].
     * @return the peer.
     */
    static PythonPeer start(final String... args)
    {
        return new PythonPeer(PythonPeerProcess.start(SCRIPT, List.of(args), LINE_TIMEOUT_MS));
    }

    /**
     * The endpoint from the READY line.
     *
     * @return e.g. {@code tcp://127.0.0.1:40123}.
     */
    String endpoint()
    {
        return endpoint;
    }

    /**
     * The next output line (fails on timeout, early end, or an ERROR line).
     *
     * @return the line.
     */
    String nextLine()
    {
        return process.nextLine();
    }

    /**
     * Assert the next lines, then DONE and exit status 0.
     *
     * @param expected the lines before {@code DONE n}.
     * @param count    the n of {@code DONE n}.
     */
    void expectLinesThenDone(final List<String> expected, final int count)
    {
        for (int i = 0; i < expected.size(); i++)
        {
            process.expectLine(expected.get(i), "line " + (i + 1));
        }
        process.expectLine("DONE " + count, "completion");
        process.expectExit(0);
    }

    @Override
    public void close()
    {
        process.close();
    }
}
