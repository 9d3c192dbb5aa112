namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Bytes written after a valid upgrade (each array one write) and the close status the
/// server must answer with (RFC 6455 §5.5.1, §7.4.1; docs/protocol.md §10.1). Public because NUnit
/// passes it to a public test method.
/// </summary>
public sealed record FrameCase(string Name, byte[][] Writes, int CloseStatus);
