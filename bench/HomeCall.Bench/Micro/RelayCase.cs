namespace HomeCall.Bench.Micro;

/// <summary>Every relayed message type of every dialect (docs/protocol.md §5–§8).</summary>
public enum RelayCase
{
    NumericSignal,
    HomecallOffer,
    HomecallAnswer,
    HomecallCandidate,
    MeshOffer,
    MeshAnswer,
    MeshIceCandidate,
    SessionOffer,
    SessionAnswer,
    SessionCandidate,
}
