package io.monocoque.codec.greeting;

/**
 * Security mechanisms named in a ZMTP 3 greeting. Only {@link #NULL} is run by Monocoque today; the others are
 * recognised so that a peer asking for them gets a precise refusal instead of a generic error.
 */
public enum Mechanism
{
    /** RFC 23 NULL mechanism: no authentication, no encryption. */
    NULL("NULL"),
    /** RFC 24 PLAIN mechanism: clear-text user name and password. */
    PLAIN("PLAIN"),
    /** RFC 26 CURVE mechanism: CurveZMQ. */
    CURVE("CURVE"),
    /** Any other name; the raw name is kept by the decoder. */
    UNKNOWN("");

    private final String wireName;

    Mechanism(final String wireName)
    {
        this.wireName = wireName;
    }

    /**
     * Name as written into the greeting's 20-byte mechanism field (before NUL padding).
     *
     * @return name on the wire, empty for {@link #UNKNOWN}.
     */
    public String wireName()
    {
        return wireName;
    }
}
