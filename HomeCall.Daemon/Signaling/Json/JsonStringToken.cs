using System.Buffers;
using System.Text.Json;

namespace HomeCall.Daemon.Signaling.Json;

/// <summary>
/// Decoding of one string token (quotes included) that the scanner has validated. Only
/// tokens holding escapes need this, and those are rare and short (keys, identity values),
/// so a <see cref="Utf8JsonReader"/> over the token alone does it: what decodes, and to
/// what, is then exactly the reader's answer (e.g. "t\u0079pe" is `type`, "\ud800" throws).
/// </summary>
internal static class JsonStringToken
{
    /// <summary>The most bytes one byte of text takes escaped: `\u0041` for `A`.</summary>
    public const int MaxEscapeExpansion = 6;

    /// <summary>The opening and closing quote of a token.</summary>
    private const int QuoteBytes = 2;

    /// <summary>Tokens up to this many bytes decode into a stack buffer; longer ones into a pooled array.</summary>
    private const int StackBytes = 256;

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> when an escaped token does not decode to
    /// valid UTF-16 (a lone surrogate escape, or invalid UTF-8 next to an escape), as
    /// <see cref="Utf8JsonReader.GetString"/> does, but without allocating the string.
    /// </summary>
    public static void EnsureDecodable(ReadOnlySpan<byte> token)
    {
        // Decoded text has at most as many UTF-16 units as the token has bytes.
        if (token.Length <= StackBytes)
        {
            Span<char> text = stackalloc char[StackBytes];
            Reader(token).CopyString(text);
            return;
        }

        var rented = ArrayPool<char>.Shared.Rent(token.Length);
        try
        {
            Reader(token).CopyString(rented);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The token's text as UTF-8 in <paramref name="destination"/>, for comparing with a name;
    /// false when the token is too long for <paramref name="destination"/> (so its text is longer
    /// than <paramref name="destination"/>'s length / <see cref="MaxEscapeExpansion"/> bytes).
    /// </summary>
    public static bool TryUnescape(ReadOnlySpan<byte> token, Span<byte> destination, out int written)
    {
        written = 0;
        if (token.Length - QuoteBytes > destination.Length)
        {
            return false;
        }

        written = Reader(token).CopyString(destination);
        return true;
    }

    /// <summary>Whether the token's text is <paramref name="utf8"/>, as <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/> answers.</summary>
    public static bool TextEquals(ReadOnlySpan<byte> token, bool escaped, ReadOnlySpan<byte> utf8) =>
        escaped ? Reader(token).ValueTextEquals(utf8) : token[1..^1].SequenceEqual(utf8);

    private static Utf8JsonReader Reader(ReadOnlySpan<byte> token)
    {
        var reader = new Utf8JsonReader(token);
        reader.Read();
        return reader;
    }
}
