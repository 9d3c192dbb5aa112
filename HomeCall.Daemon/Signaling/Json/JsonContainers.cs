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
        var nesting = default(Nesting);
        var pos = start;
        var expect = Expect.Value;
        while ((pos = JsonScanner.SkipWhitespace(json, pos)) < json.Length)
        {
            var b = json[pos];
            switch (expect)
            {
                case Expect.Value when b is (byte)'{' or (byte)'[':
                    if (enclosing + nesting.Open >= maxDepth)
                    {
                        return -1;
                    }

                    nesting.Push(isObject: b == (byte)'{');
                    pos++;
                    expect = Expect.FirstItem;
                    break;
                case Expect.Value:
                    pos = JsonScanner.SkipScalar(json, pos, out _, out _);
                    expect = Expect.Separator;
                    break;
                case Expect.FirstItem:
                    // An empty container closes at once; otherwise its first item (nothing consumed here).
                    expect = b == nesting.Closer ? Expect.Separator : nesting.InObject ? Expect.Key : Expect.Value;
                    break;
                case Expect.Key:
                    pos = b == (byte)'"' ? SkipKey(json, pos) : -1;
                    expect = Expect.Value;
                    break;
                case Expect.Separator when b == (byte)',':
                    pos++;
                    expect = nesting.InObject ? Expect.Key : Expect.Value;
                    break;
                case Expect.Separator when b == nesting.Closer:
                    pos++;
                    nesting.Pop();
                    if (nesting.Open == 0)
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

    /// <summary>The open containers, innermost in bit 0 of a <see cref="ulong"/> (1 = object).</summary>
    private struct Nesting
    {
        private ulong _objects;

        public int Open { get; private set; }

        public readonly bool InObject => (_objects & 1) != 0;

        public readonly byte Closer => InObject ? (byte)'}' : (byte)']';

        public void Push(bool isObject)
        {
            _objects = (_objects << 1) | (isObject ? 1UL : 0UL);
            Open++;
        }

        public void Pop()
        {
            _objects >>= 1;
            Open--;
        }
    }
}
