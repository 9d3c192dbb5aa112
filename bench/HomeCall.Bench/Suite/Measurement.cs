using System.Text.Json;

namespace HomeCall.Bench.Suite;

/// <summary>A scenario's result line with the commands that produced it and the machine's load around it.</summary>
internal sealed record Measurement(Scenario Scenario, string ServerCommand, string ToolCommand, JsonElement Result, double LoadBefore, double LoadAfter)
{
    public double Number(params string[] path)
    {
        var e = Result;
        foreach (var p in path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(p, out e))
            {
                return double.NaN;
            }
        }

        return e.ValueKind == JsonValueKind.Number ? e.GetDouble() : double.NaN;
    }

    public string? Text(string name) =>
        Result.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
}
