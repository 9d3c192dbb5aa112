using System.Buffers.Text;
using System.Text;

namespace HomeCall.Bench.Dialects;

/// <summary>
/// Just enough reading of server messages for a load generator: the `type`, and the
/// fixed-width `seq`/`ts` stamp that <see cref="RelayTemplate"/> writes. No full JSON parse
/// per message, so the client's CPU share stays small; setup replies use JsonDocument.
/// </summary>
internal static class MessageScan
{
    /// <summary>Digits of the sequence number and of the Stopwatch timestamp in a stamp.</summary>
    public const int SeqDigits = 12;
    public const int TsDigits = 19;

    public static ReadOnlySpan<byte> SeqKey => "\"seq\":\""u8;

    public static ReadOnlySpan<byte> TsKey => "\",\"ts\":\""u8;

    /// <summary>The first `"type":"…"` value (servers write `type` first), or "" when there is none.</summary>
    public static string TypeOf(ReadOnlySpan<byte> message) => Encoding.UTF8.GetString(TypeSpan(message));

    /// <summary>The bytes of the first `"type":"…"` value, empty when there is none (no string per message).</summary>
    public static ReadOnlySpan<byte> TypeSpan(ReadOnlySpan<byte> message)
    {
        var key = "\"type\":\""u8;
        var at = message.IndexOf(key);
        if (at < 0)
        {
            return [];
        }

        var rest = message[(at + key.Length)..];
        var end = rest.IndexOf((byte)'"');
        return end < 0 ? [] : rest[..end];
    }

    public static bool IsError(ReadOnlySpan<byte> message) => message.IndexOf("\"type\":\"error\""u8) >= 0;

    /// <summary>Reads the stamp of a relayed benchmark message; false for anything else.</summary>
    public static bool TryReadStamp(ReadOnlySpan<byte> message, out long seq, out long timestamp)
    {
        seq = 0;
        timestamp = 0;
        var at = message.IndexOf(SeqKey);
        if (at < 0)
        {
            return false;
        }

        var digits = message[(at + SeqKey.Length)..];
        if (digits.Length < SeqDigits + TsKey.Length + TsDigits
            || !Utf8Parser.TryParse(digits[..SeqDigits], out seq, out var used) || used != SeqDigits
            || !digits[SeqDigits..].StartsWith(TsKey))
        {
            return false;
        }

        var ts = digits.Slice(SeqDigits + TsKey.Length, TsDigits);
        return Utf8Parser.TryParse(ts, out timestamp, out used) && used == TsDigits;
    }

    /// <summary>A message as text for an error report, cut short.</summary>
    public static string Text(ReadOnlySpan<byte> message)
    {
        const int MaxChars = 300;
        var text = Encoding.UTF8.GetString(message);
        return text.Length <= MaxChars ? text : text[..MaxChars] + "…";
    }
}
