namespace HomeCall.Daemon.Signaling.Json;

/// <summary>
/// Validates an object or array (RFC 8259 §4, §5) without recursion: one bit per open
/// container (1 = object) says which closer and which item grammar apply. Nesting follows
/// <see cref="System.Text.Json.Utf8JsonReader"/>'s MaxDepth exactly: opening a container
/// when <c>maxDepth</c> are already open is invalid, so with MaxDepth 32 the message
/// object plus 31 nested containers is fine and a 32nd nested one is not.
/// </summary>
internal static class JsonContainers
{
    private enum Expect
    {
        Value,
        FirstItem,
        Key,
        Separator,
    }

    /// <summary>
    /// The end of the container starting at <paramref name="start"/> (a `{` or `[`), or -1;
    /// <paramref name="enclosing"/> containers are already open around it.
    /// </summary>
    public static int Skip(ReadOnlySpan<byte> json, int start, int enclosing, int maxDepth)
    {
        var objects = 0UL;
        var open = 0;
        var pos = start;
        var expect = Expect.Value;
        while ((pos = JsonScanner.SkipWhitespace(json, pos)) < json.Length)
        {
            var b = json[pos];
            var closer = (objects & 1) != 0 ? (byte)'}' : (byte)']';
            switch (expect)
            {
                case Expect.Value when b is (byte)'{' or (byte)'[':
                    if (enclosing + open >= maxDepth)
                    {
                        return -1;
                    }

                    objects = (objects << 1) | (b == (byte)'{' ? 1UL : 0UL);
                    open++;
                    pos++;
                    expect = Expect.FirstItem;
                    break;
                case Expect.Value:
                    pos = JsonScanner.SkipScalar(json, pos, out _, out _);
                    expect = Expect.Separator;
                    break;
                case Expect.FirstItem:
                    // An empty container closes at once; otherwise its first item (nothing consumed here).
                    expect = b == closer ? Expect.Separator : (objects & 1) != 0 ? Expect.Key : Expect.Value;
                    break;
                case Expect.Key:
                    pos = b == (byte)'"' ? SkipKey(json, pos) : -1;
                    expect = Expect.Value;
                    break;
                case Expect.Separator when b == (byte)',':
                    pos++;
                    expect = (objects & 1) != 0 ? Expect.Key : Expect.Value;
                    break;
                case Expect.Separator when b == closer:
                    pos++;
                    objects >>= 1;
                    if (--open == 0)
                    {
                        return pos;
                    }

                    break;
                default:
                    return -1;
            }

            if (pos < 0)
            {
                return -1;
            }
        }

        return -1; // Truncated.
    }

    /// <summary>From a key's opening quote to just past the colon that follows it, or -1.</summary>
    private static int SkipKey(ReadOnlySpan<byte> json, int quote)
    {
        var pos = JsonStrings.Skip(json, quote + 1, out _);
        if (pos < 0)
        {
            return -1;
        }

        pos = JsonScanner.SkipWhitespace(json, pos);
        return pos < json.Length && json[pos] == (byte)':' ? pos + 1 : -1;
    }
}
