namespace HomeCall.Bench.Load;

/// <summary>`start` options: the server command (an executable, and a script for `node`), runs, idle time before RSS is read.</summary>
internal sealed record StartSettings(string Exe, string? Script, int Runs, double SettleSeconds, string Label);
