using System.Text;
using HomeCall.Daemon.Tests.Signaling.Json;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>A message to send along <paramref name="Path"/> from a sender joined as <paramref name="SenderId"/> to one joined as <paramref name="TargetId"/>.</summary>
internal sealed record RelayCase(RelayPath Path, string Type, string SenderId, string TargetId, string Message)
{
    public override string ToString() => $"{Path} {Type} from {Show(SenderId)} to {Show(TargetId)}: {Show(Message)}";

    private static string Show(string text) => OracleComparison.Show(Encoding.UTF8.GetBytes(text));
}
