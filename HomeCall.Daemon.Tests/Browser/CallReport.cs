namespace HomeCall.Daemon.Tests.Browser;

/// <summary>What call.html's report() returns: the person's steps, errors and one entry per peer.</summary>
internal sealed record CallReport(string[] Steps, string[] Errors, PeerReport[] Peers);
