namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>What a finished command returned and printed (stdout then stderr).</summary>
internal sealed record ProcessResult(int ExitCode, string Output);
