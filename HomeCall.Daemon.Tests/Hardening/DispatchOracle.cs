using System.Text.Json;
using HomeCall.Daemon.Signaling;
using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>What docs/protocol.md allows the dispatcher to answer to one message, checked after each step of a fuzz run.</summary>
internal static class DispatchOracle
{
    public const int PeerCount = 4;

    private static readonly HashSet<string> ServerTypes =
    [
        "error", "online", "offer", "answer", "candidate", "ice-candidate", "participants", "participant-joined",
        "participant-left", "room_created", "room_joined", "signal", "leave",
    ];

    public static HubClient[] Peers(HubHarness harness) =>
    [
        harness.Room(), harness.Room(), harness.Signal(),
        harness.Room("roomId=r1&userId=u3&userName=Mesh"),
    ];

    /// <summary>Sends one message; null when everything that came out is allowed, else what was wrong.</summary>
    public static string? Step(HubClient[] peers, int who, string json)
    {
        var before = peers.Select(p => p.Count).ToArray();
        var utf8 = System.Text.Encoding.UTF8.GetBytes(json); // What a client library sends: always valid UTF-8.
        try
        {
            peers[who].SendBytes(utf8);
        }
        catch (Exception ex)
        {
            return "the dispatcher threw " + ex.GetType().Name + ": " + ex.Message;
        }

        for (var i = 0; i < peers.Length; i++)
        {
            foreach (var raw in peers[i].Connection.Sent.Skip(before[i]))
            {
                if (Check(raw, peers[i].Connection.Endpoint) is { } problem)
                {
                    return problem;
                }
            }
        }

        var toSender = peers[who].Connection.Sent.Skip(before[who]).Select(t => JsonDocument.Parse(t).RootElement).ToArray();
        if (toSender.Count(m => m.GetProperty("type").GetString() == "error") > 1)
        {
            return "more than one error for one message";
        }

        if (!MustBeInvalid(utf8))
        {
            return null;
        }

        var others = peers.Where((_, i) => i != who && peers[i].Count != before[i]).Count();
        return toSender.Length == 1 && toSender[0].GetProperty("code").GetString() == ErrorCode.InvalidMessage && others == 0
            ? null
            : "a malformed message did not get exactly invalid-message (or was relayed): " + string.Join(" ", toSender);
    }

    /// <summary>Every server message is a JSON object of a spec type; errors carry a spec code, a text and, on /signal, `room`.</summary>
    private static string? Check(string raw, EndpointKind endpoint)
    {
        using var doc = JsonDocument.Parse(raw);
        var m = doc.RootElement;
        if (m.ValueKind != JsonValueKind.Object || !m.TryGetProperty("type", out var type) || !ServerTypes.Contains(type.GetString()!))
        {
            return "not a spec message: " + raw;
        }

        if (type.GetString() != "error")
        {
            return null;
        }

        var ok = m.TryGetProperty("code", out var code) && ErrorCode.All.Contains(code.GetString())
            && m.TryGetProperty("message", out var text) && !string.IsNullOrEmpty(text.GetString())
            && (endpoint != EndpointKind.Signal || m.TryGetProperty("room", out _));
        return ok ? null : "not a spec error: " + raw;
    }

    /// <summary>docs/protocol.md §3.1: not one JSON object, nested over 32 levels, or without exactly one string `type`.</summary>
    private static bool MustBeInvalid(byte[] json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MessageParser.MaxDepth });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return true;
            }

            var types = root.EnumerateObject().Where(p => p.NameEquals("type")).ToArray();
            return types.Length != 1 || types[0].Value.ValueKind != JsonValueKind.String;
        }
        catch (JsonException)
        {
            return true;
        }
    }
}
