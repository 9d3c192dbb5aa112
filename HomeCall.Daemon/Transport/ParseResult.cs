namespace HomeCall.Daemon.Transport;

/// <summary>The outcome of parsing a request head; <see cref="HeadLength"/> counts the bytes through the blank line.</summary>
internal readonly record struct ParseResult(ParseStatus Status, HttpRequestHead? Head, int HeadLength, string Reason)
{
    public static ParseResult Incomplete => new(ParseStatus.Incomplete, null, 0, "");

    public static ParseResult Invalid(string reason) => new(ParseStatus.Invalid, null, 0, reason);

    public static ParseResult TooLarge => new(ParseStatus.TooLarge, null, 0, "request head over 8 KiB");
}
