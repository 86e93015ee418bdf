package io.monocoque.examples;

import io.monocoque.api.interop.libzmq.PythonPeerProcess;

import java.util.ArrayList;
import java.util.List;

/**
 * Starts a pyzmq peer whose code a test writes inline, through {@code examples/pyzmq_peer.py} (which says what
 * the code may use), as a {@link PythonPeerProcess}: the code prints {@code READY <endpoint>} first.
 */
final class InlinePython
{
    private static final String RUNNER = "examples/pyzmq_peer.py";

    private InlinePython()
    {
    }

    /**
     * Start the peer; it does not wait for its READY line.
     *
     * @param code the Python code.
     * @param args what the code finds in {@code args}.
     * @return the running peer; close it after the test.
     */
    static PythonPeerProcess start(final String code, final String... args)
    {
        final List<String> all = new ArrayList<>();
        all.add(code);
        all.addAll(List.of(args));
        return PythonPeerProcess.start(RUNNER, all);
    }
}
