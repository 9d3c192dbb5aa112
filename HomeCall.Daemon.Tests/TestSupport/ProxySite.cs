namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// One test proxy's setting: its temp directory, the loopback port it listens on, the
/// daemon's port, its certificate, and optionally a short server-wide timeout standing in
/// for the proxy's default one (which the sample must override, or outlive, for quiet tunnels).
/// </summary>
internal sealed record ProxySite(string Directory, int Port, int BackendPort, SelfSignedCertificate Certificate, TimeSpan? ServerTimeout)
{
    public string File(string name) => Path.Combine(Directory, name);

    /// <summary>The server timeout in whole seconds, as the configs write it.</summary>
    public int? ServerTimeoutSeconds => ServerTimeout is { } timeout ? (int)timeout.TotalSeconds : null;
}
