namespace HomeCall.Daemon.Signaling.Json;

/// <summary>
/// The number grammar of RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
/// No leading `+`, no leading zeros, no `.5`, `1.` or bare `-`. What follows the number is
/// the caller's to check (a separator, a closer, whitespace or the end), as for any value.
/// </summary>
internal static class JsonNumbers
{
    /// <summary>The end of the number starting at <paramref name="start"/>, or -1 when none starts there.</summary>
    public static int Skip(ReadOnlySpan<byte> json, int start)
    {
        var pos = start;
        if (pos < json.Length && json[pos] == (byte)'-')
        {
            pos++;
        }

        if (pos >= json.Length || !IsDigit(json[pos]))
        {
            return -1;
        }

        // A leading zero stands alone: "01" ends after the 0 and the caller rejects the 1.
        pos = json[pos] == (byte)'0' ? pos + 1 : Digits(json, pos + 1);
        if (pos < json.Length && json[pos] == (byte)'.')
        {
            pos = RequiredDigits(json, pos + 1);
            if (pos < 0)
            {
                return -1;
            }
        }

        if (pos < json.Length && json[pos] is (byte)'e' or (byte)'E')
        {
            pos++;
            if (pos < json.Length && json[pos] is (byte)'+' or (byte)'-')
            {
                pos++;
            }

            pos = RequiredDigits(json, pos);
        }

        return pos;
    }

    private static bool IsDigit(byte b) => b - (uint)'0' <= '9' - '0';

    /// <summary>The end of a (possibly empty) run of digits.</summary>
    private static int Digits(ReadOnlySpan<byte> json, int pos)
    {
        var run = json[pos..].IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        return run < 0 ? json.Length : pos + run;
    }

    private static int RequiredDigits(ReadOnlySpan<byte> json, int pos)
    {
        var end = Digits(json, pos);
        return end > pos ? end : -1;
    }
}
