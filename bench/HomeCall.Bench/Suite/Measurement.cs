using System.Text.Json;

namespace HomeCall.Bench.Suite;

/// <summary>A scenario's result line with the commands that produced it and the machine's load around it.</summary>
internal sealed record Measurement(Scenario Scenario, string ServerCommand, string ToolCommand, JsonElement Result, double LoadBefore, double LoadAfter)
{
    public double Number(params string[] path) => Find(path) is { ValueKind: JsonValueKind.Number } e ? e.GetDouble() : double.NaN;

    public string? Text(params string[] path) => Find(path) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    private JsonElement? Find(string[] path)
    {
        var e = Result;
        foreach (var p in path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(p, out e))
            {
                return null;
            }
        }

        return e;
    }
}
