namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// One request head and the spec's answer to it (§1 routing, §5 handshake): the status,
/// and the header the refusal must carry when the spec names one. Public because NUnit
/// passes it to a public test method.
/// </summary>
public sealed record HandshakeCase(string Name, byte[] Request, int Status, string? RequiredHeader = null, bool KnownBug = false);
