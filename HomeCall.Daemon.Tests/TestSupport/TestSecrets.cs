using HomeCall.Daemon.Config;
using HomeCall.Daemon.Hosting;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>The secrets a test's options name, read as Program reads them before it starts a host.</summary>
internal static class TestSecrets
{
    public static ResolvedSecrets Read(DaemonOptions options) =>
        ResolvedSecrets.Read(options, File.ReadAllBytes, out var problem) ?? throw new ArgumentException(problem, nameof(options));
}
