using System.Buffers.Binary;
using System.Text;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>One frame the server sent, as read off a raw socket.</summary>
internal sealed record RawFrame(int Opcode, bool Fin, byte[] Payload)
{
    public bool IsClose => Opcode == WireFrame.Close;

    /// <summary>RFC 6455 §7.1.5: the status of a close frame; 1005 when its payload is empty.</summary>
    public int CloseStatus => Payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(Payload) : 1005;

    public string Text => Encoding.UTF8.GetString(Payload);

    public override string ToString() => $"opcode {Opcode} fin {Fin} {(IsClose ? "status " + CloseStatus : Text)}";
}
