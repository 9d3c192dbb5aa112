namespace HomeCall.Daemon.Transport;

/// <summary>
/// One header line of a request head as ranges over the head's bytes: the name, and the value
/// without the spaces and tabs around it. The head is at most 8 KiB (RequestParser.MaxHeadBytes),
/// so every offset fits in 16 bits.
/// </summary>
internal readonly record struct HeaderField(HeaderName Name, ushort NameStart, ushort NameLength, ushort ValueStart, ushort ValueLength);
