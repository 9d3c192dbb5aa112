namespace HomeCall.Daemon.Signaling;

/// <summary>One error code with its texts for people (a row of <see cref="ErrorCode.Table"/>, docs/protocol.md §9).</summary>
internal sealed record ErrorText(string Code, string English, string Russian);
