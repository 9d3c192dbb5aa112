namespace HomeCall.Daemon.Tests.Browser;

/// <summary>One peer connection in call.html: how far it got, what its data channel received, frames decoded.</summary>
internal sealed record PeerReport(string Remote, string Stage, string[] Received, int Frames);
