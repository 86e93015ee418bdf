package io.monocoque.codec.greeting;

/**
 * Layout of the fixed 64-byte ZMTP 3.x greeting (RFC 23 section "The Greeting", RFC 37).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1   byte
 *  +--+--------------------------+--+--+--+---------------------------
 *  |FF| padding: 8 x 00 (0..9)   |7F|Ma|Mi| mechanism, 20 bytes, NUL padded (12..31)
 *  +--+--------------------------+--+--+--+---------------------------
 *   32: as-server (00 or 01)   33..63: filler, 31 bytes of 00
 * </pre>
 * The first ten bytes are the signature; byte 9's low bit tells a ZMTP 2+ peer from a ZMTP 1.0 peer.
 */
public final class GreetingDescriptor
{
    /** Total length of a greeting in bytes. */
    public static final int GREETING_LENGTH = 64;
    /** Offset of the first signature byte, always {@code 0xFF}. */
    public static final int SIGNATURE_START_OFFSET = 0;
    /** Offset of the last signature byte, {@code 0x7F} (only bit 0 is significant to old peers). */
    public static final int SIGNATURE_END_OFFSET = 9;
    /** Length of the signature. */
    public static final int SIGNATURE_LENGTH = 10;
    /** Offset of the major version byte. */
    public static final int VERSION_MAJOR_OFFSET = 10;
    /** Offset of the minor version byte. */
    public static final int VERSION_MINOR_OFFSET = 11;
    /** Offset of the mechanism name. */
    public static final int MECHANISM_OFFSET = 12;
    /** Length of the NUL-padded mechanism name field. */
    public static final int MECHANISM_LENGTH = 20;
    /** Offset of the as-server flag. */
    public static final int AS_SERVER_OFFSET = 32;
    /** Offset of the filler. */
    public static final int FILLER_OFFSET = 33;
    /** Length of the filler. */
    public static final int FILLER_LENGTH = 31;

    /** Value of the first signature byte. */
    public static final byte SIGNATURE_START = (byte)0xFF;
    /** Value of the last signature byte. */
    public static final byte SIGNATURE_END = 0x7F;
    /** The ZMTP major version this codec speaks. */
    public static final int VERSION_MAJOR = 3;
    /** The ZMTP minor version this codec writes (3.1, RFC 37). */
    public static final int VERSION_MINOR = 1;

    private GreetingDescriptor()
    {
    }
}
