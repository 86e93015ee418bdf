package io.monocoque.cli.peer;

import io.monocoque.api.Context;
import io.monocoque.api.EndpointInUseException;
import io.monocoque.api.InvalidEndpointException;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.cli.options.Args;
import io.monocoque.cli.options.CommandFailedException;
import io.monocoque.cli.options.UsageException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The options the peer tools ({@code recv}, {@code send}, {@code echo}) share: {@code --type}, {@code --bind} /
 * {@code --connect} (repeatable, applied in the order given), {@code --option NAME=VALUE} (repeatable) and
 * {@code --hex}; and opening the socket they describe.
 */
public final class PeerOptions
{
    /** Help text for the shared options. */
    public static final String USAGE =
        "  --type TYPE           socket type, case-insensitive: PAIR, DEALER, ROUTER, REQ, REP, PUSH, PULL,\n" +
        "                        PUB, SUB, XPUB, XSUB (a type this build does not implement: exit 1)\n" +
        "  --bind EP             bind to an endpoint, e.g. tcp://*:5555 or tcp://127.0.0.1:0 (any free port;\n" +
        "                        the real endpoint is printed on stderr as 'bound tcp://...'); repeatable\n" +
        "  --connect EP          connect to an endpoint, e.g. tcp://127.0.0.1:5555 (asynchronous, reconnects);\n" +
        "                        repeatable; --bind and --connect may be mixed and apply in the order given\n" +
        "  --option NAME=VALUE   set a socket option before binding/connecting; repeatable. Names: sndHwmBytes,\n" +
        "                        rcvHwmBytes, lingerMs, reconnectIvl(Ms), reconnectIvlMax(Ms), maxMsgSize,\n" +
        "                        handshakeIvlMs, sndTimeoutMs, rcvTimeoutMs, identity, routerMandatory (ROUTER)\n" +
        "  --hex                 frames are lower-case hex on stdin/stdout (binary-safe); otherwise raw bytes\n";

    private final SocketType type;
    private final List<Args.Entry> endpoints;
    private final List<String[]> options;
    private final boolean hex;

    private PeerOptions(
        final SocketType type, final List<Args.Entry> endpoints, final List<String[]> options, final boolean hex)
    {
        this.type = type;
        this.endpoints = endpoints;
        this.options = options;
        this.hex = hex;
    }

    /**
     * Declare the shared options on a parser.
     *
     * @param args the parser.
     * @return the parser.
     */
    public static Args declare(final Args args)
    {
        return args.single("--type").repeatable("--bind").repeatable("--connect").repeatable("--option").flag("--hex");
    }

    /**
     * Read and validate the shared options.
     *
     * @param args parsed arguments.
     * @return the options.
     * @throws UsageException if --type is missing or unknown, no endpoint is given, or an --option is malformed.
     */
    public static PeerOptions from(final Args args)
    {
        final String typeName = args.get("--type");
        if (typeName == null)
        {
            throw new UsageException("--type is required (" + typeNames(EnumSet.allOf(SocketType.class)) + ")");
        }
        final SocketType type = parseType(typeName);
        final List<Args.Entry> endpoints = args.inOrder("--bind", "--connect");
        if (endpoints.isEmpty())
        {
            throw new UsageException("give at least one --bind EP or --connect EP");
        }
        final List<String[]> options = new ArrayList<>();
        for (final String option : args.all("--option"))
        {
            final int equals = option.indexOf('=');
            if (equals <= 0)
            {
                throw new UsageException("--option needs NAME=VALUE, got '" + option + "'");
            }
            options.add(new String[]{option.substring(0, equals), option.substring(equals + 1)});
        }
        return new PeerOptions(type, endpoints, options, args.has("--hex"));
    }

    /**
     * Parse a socket type name, case-insensitive.
     *
     * @param name e.g. "dealer".
     * @return the type.
     * @throws UsageException naming the valid types.
     */
    public static SocketType parseType(final String name)
    {
        try
        {
            return SocketType.valueOf(name.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException("unknown socket type '" + name + "' (" +
                typeNames(EnumSet.allOf(SocketType.class)) + ")");
        }
    }

    /**
     * Refuse a type the command cannot use.
     *
     * @param allowed the types that make sense.
     * @param why     the reason, appended to the message.
     * @throws UsageException if the type is not allowed.
     */
    public void requireType(final Set<SocketType> allowed, final String why)
    {
        if (!allowed.contains(type))
        {
            throw new UsageException("--type " + type + " " + why + " (use " + typeNames(allowed) + ")");
        }
    }

    private static String typeNames(final Set<SocketType> types)
    {
        return types.stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    /**
     * The socket type.
     *
     * @return the type.
     */
    public SocketType type()
    {
        return type;
    }

    /**
     * Whether --hex was given.
     *
     * @return true for hex frames.
     */
    public boolean hex()
    {
        return hex;
    }

    /**
     * Whether the user set an option by name with --option.
     *
     * @param name option name.
     * @return true if given.
     */
    public boolean hasOption(final String name)
    {
        return options.stream().anyMatch(option -> option[0].equals(name));
    }

    /**
     * Create the socket and apply the command's defaults, then the user's options; {@link #attach} binds and
     * connects it.
     *
     * @param context  where to create it.
     * @param defaults NAME, VALUE pairs the command sets unless the user sets them (e.g. lingerMs=-1 for send).
     * @return the socket.
     * @throws UsageException                 for a bad option value or a malformed endpoint.
     * @throws CommandFailedException         if an endpoint is in use.
     * @throws UnsupportedOperationException  for socket types not implemented yet.
     */
    public Socket open(final Context context, final List<String[]> defaults)
    {
        final Socket socket;
        try
        {
            socket = context.socket(type);
        }
        catch (final UnsupportedOperationException ex)
        {
            throw new CommandFailedException(type + " sockets are not implemented in Monocoque yet", ex);
        }
        for (final String[] option : defaults)
        {
            if (!hasOption(option[0]))
            {
                socket.option(option[0], option[1]);
            }
        }
        for (final String[] option : options)
        {
            try
            {
                socket.option(option[0], option[1]);
            }
            catch (final IllegalArgumentException | IllegalStateException ex)
            {
                throw new UsageException("--option " + option[0] + "=" + option[1] + ": " + ex.getMessage());
            }
        }
        return socket;
    }

    /**
     * Bind and connect the socket to the endpoints, in the order given.
     *
     * @param socket  the socket from {@link #open}.
     * @param err     where bound endpoints are reported.
     * @param command command name for the report.
     */
    public void attach(final Socket socket, final PrintStream err, final String command)
    {
        for (final Args.Entry endpoint : endpoints)
        {
            try
            {
                if ("--bind".equals(endpoint.name()))
                {
                    final String bound = socket.bind(endpoint.value());
                    err.println("monocoque " + command + ": bound " + bound);
                    err.flush();
                }
                else
                {
                    socket.connect(endpoint.value());
                }
            }
            catch (final InvalidEndpointException ex)
            {
                throw new UsageException(endpoint.name() + " " + ex.getMessage());
            }
            catch (final EndpointInUseException ex)
            {
                throw new CommandFailedException("cannot bind " + endpoint.value() + ": " + ex.getMessage(), ex);
            }
        }
    }

    /**
     * The endpoints as given, for messages.
     *
     * @return e.g. "--bind tcp://*:5555 --connect tcp://host:1".
     */
    public String describeEndpoints()
    {
        return endpoints.stream().map(entry -> entry.name() + " " + entry.value())
            .collect(Collectors.joining(" "));
    }

    @Override
    public String toString()
    {
        return type + " " + describeEndpoints() + " options " +
            options.stream().map(Arrays::toString).collect(Collectors.joining());
    }
}
