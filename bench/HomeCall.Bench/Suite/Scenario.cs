namespace HomeCall.Bench.Suite;

/// <summary>
/// One measurement of the standard set: this tool's arguments, the server it loads
/// (a fresh process each time, so no run inherits another's heap), and extra server settings.
/// </summary>
internal sealed record Scenario(string Key, ServerKind Server, IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> ServerEnv, int Round = 1)
{
    public bool NeedsServer => Args[0] is "relay" or "idle" or "churn" or "setup";
}
