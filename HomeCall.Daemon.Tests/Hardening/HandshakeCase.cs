namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// One request head and the daemon's answer to it (docs/protocol.md §1.1 routing, §2.2 handshake): the status,
/// and the header the refusal must carry when that table names one. Public because NUnit
/// passes it to a public test method.
/// </summary>
public sealed record HandshakeCase(string Name, byte[] Request, int Status, string? RequiredHeader = null, bool KnownBug = false);
