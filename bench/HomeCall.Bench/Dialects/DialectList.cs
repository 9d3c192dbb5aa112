namespace HomeCall.Bench.Dialects;

/// <summary>Parses `--dialect numeric,homecall` and names rooms uniquely per run (so runs never meet in one room).</summary>
internal static class DialectList
{
    public const string Names = "numeric, homecall, mesh, session";

    public static IReadOnlyList<IDialect> Parse(string text)
    {
        var list = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ByName)
            .ToArray();
        return list.Length > 0 ? list : throw new ArgumentException("--dialect needs at least one of " + Names);
    }

    public static RoomPlan Plan(IDialect dialect, string runId, long index) =>
        new(dialect is SessionDialect ? Guid.NewGuid().ToString() : $"bench-{runId}-{index}");

    public static string NewRunId() => Guid.NewGuid().ToString("N")[..8];

    private static IDialect ByName(string name) => name switch
    {
        "numeric" => new NumericDialect(),
        "homecall" => new HomecallDialect(),
        "mesh" => new MeshDialect(),
        "session" => new SessionDialect(),
        _ => throw new ArgumentException($"unknown dialect '{name}' (use {Names})"),
    };
}
