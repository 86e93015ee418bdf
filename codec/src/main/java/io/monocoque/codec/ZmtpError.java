package io.monocoque.codec;

/**
 * What was wrong with a ZMTP byte stream. Each constant carries a short description that ends up in the
 * {@link ZmtpProtocolException} message; the exception adds the detail and the stream offset.
 */
public enum ZmtpError
{
    /** The first bytes are not a ZMTP 3 signature ({@code FF 00*8 7F}). */
    BAD_SIGNATURE("bad greeting signature"),
    /** The peer speaks a ZMTP major version other than 3. */
    UNSUPPORTED_VERSION("unsupported ZMTP version"),
    /** A greeting field (mechanism name, as-server flag) is malformed. */
    BAD_GREETING("malformed greeting"),
    /** A frame's flags byte has one of the reserved bits 7..3 set. */
    RESERVED_FLAGS("reserved frame flag bits set"),
    /** A command frame carries the MORE flag. */
    COMMAND_WITH_MORE("command frame with MORE flag"),
    /** A command frame arrived between the frames of a multipart message. */
    COMMAND_INSIDE_MESSAGE("command frame inside a multipart message"),
    /** A message (all its frames together) is larger than the configured maximum message size. */
    MESSAGE_TOO_LARGE("message larger than the maximum message size"),
    /** A frame declares a size no Java buffer can hold (negative as a signed 64-bit value, or over 2 GiB). */
    FRAME_TOO_LARGE("frame size cannot be represented"),
    /** A command frame whose name length or body does not fit in the frame. */
    MALFORMED_COMMAND("malformed command"),
    /** READY metadata whose property lengths do not fit, or an empty property name. */
    MALFORMED_METADATA("malformed metadata"),
    /** A command arrived that is not valid at this point of the conversation. */
    UNEXPECTED_COMMAND("unexpected command"),
    /** The peer's socket type may not talk to ours, or is unknown. */
    INCOMPATIBLE_SOCKET_TYPE("incompatible socket type"),
    /** The peer proposes a security mechanism this side does not run. */
    UNSUPPORTED_MECHANISM("unsupported security mechanism");

    private final String description;

    ZmtpError(final String description)
    {
        this.description = description;
    }

    /**
     * Short human-readable description of this error kind.
     *
     * @return the description, without detail or offset.
     */
    public String description()
    {
        return description;
    }
}
