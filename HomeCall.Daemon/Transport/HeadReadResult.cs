namespace HomeCall.Daemon.Transport;

/// <summary>A request head and the bytes that followed it in the same reads.</summary>
internal readonly record struct HeadReadResult(ParseResult Parse, byte[] Leftover, bool Closed);
