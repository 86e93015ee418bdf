package io.monocoque.cli.peer;

import io.monocoque.api.Context;
import io.monocoque.api.EndpointInUseException;
import io.monocoque.api.InvalidEndpointException;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.cli.options.CommandFailedException;
import io.monocoque.cli.options.UsageException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The options the peer tools ({@code recv}, {@code send}, {@code echo}) share, as a picocli mixin:
 * {@code --type}, {@code --bind} / {@code --connect} (repeatable, applied in the order given) and
 * {@code --option NAME=VALUE} (repeatable); and opening the socket they describe. picocli fills the fields and the
 * command calls {@link #validate()} before anything else, all on the command's thread.
 */
public final class PeerOptions
{
    /** One {@code --bind EP} or {@code --connect EP}, in command-line order. Filled by picocli. */
    public static final class Endpoint
    {
        @Option(names = "--bind", paramLabel = "EP", required = true,
            description = "bind to an endpoint, e.g. tcp://*:5555 or tcp://127.0.0.1:0 (any free port; the real " +
                "endpoint is printed on stderr as 'bound tcp://...'); repeatable")
        private String bind;

        @Option(names = "--connect", paramLabel = "EP", required = true,
            description = "connect to an endpoint, e.g. tcp://127.0.0.1:5555 (asynchronous, reconnects); " +
                "repeatable; --bind and --connect may be mixed and apply in the order given")
        private String connect;

        /**
         * The option as typed.
         *
         * @return {@code --bind} or {@code --connect}.
         */
        public String name()
        {
            return bind != null ? "--bind" : "--connect";
        }

        /**
         * The endpoint.
         *
         * @return e.g. {@code tcp://127.0.0.1:5555}.
         */
        public String value()
        {
            return bind != null ? bind : connect;
        }
    }

    @Option(names = "--type", paramLabel = "TYPE",
        description = "socket type, case-insensitive: PAIR, DEALER, ROUTER, REQ, REP, PUSH, PULL, PUB, SUB, XPUB, " +
            "XSUB (a type this build does not implement: exit 1)")
    private String typeName;

    @ArgGroup(exclusive = true, multiplicity = "0..*")
    private List<Endpoint> endpoints = new ArrayList<>();

    @Option(names = "--option", paramLabel = "NAME=VALUE",
        description = "set a socket option before binding/connecting; repeatable. Names: sndHwmBytes, rcvHwmBytes, " +
            "lingerMs, reconnectIvl(Ms), reconnectIvlMax(Ms), maxMsgSize, handshakeIvlMs, sndTimeoutMs, " +
            "rcvTimeoutMs, identity, routerMandatory (ROUTER), reqRelaxed, reqCorrelate (REQ)")
    private List<String> optionTexts = new ArrayList<>();

    private SocketType type;
    private final List<String[]> options = new ArrayList<>();

    /**
     * Check the shared options; the command calls this first.
     *
     * @throws UsageException if --type is missing or unknown, no endpoint is given, or an --option is malformed.
     */
    public void validate()
    {
        if (typeName == null)
        {
            throw new UsageException("--type is required (" + typeNames(EnumSet.allOf(SocketType.class)) + ")");
        }
        type = parseType(typeName);
        if (endpoints.isEmpty())
        {
            throw new UsageException("give at least one --bind EP or --connect EP");
        }
        options.clear();
        for (final String option : optionTexts)
        {
            final int equals = option.indexOf('=');
            if (equals <= 0)
            {
                throw new UsageException("--option needs NAME=VALUE, got '" + option + "'");
            }
            options.add(new String[]{option.substring(0, equals), option.substring(equals + 1)});
        }
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
     */
    public Socket open(final Context context, final List<String[]> defaults)
    {
        final Socket socket = context.socket(type);
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
        for (final Endpoint endpoint : endpoints)
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
     * The {@code --bind} and {@code --connect} options, in the order given.
     *
     * @return the endpoints.
     */
    public List<Endpoint> endpoints()
    {
        return List.copyOf(endpoints);
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
