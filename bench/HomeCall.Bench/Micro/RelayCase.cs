namespace HomeCall.Bench.Micro;

/// <summary>Every relayed message type of every dialect (spec §3.1–§3.3, §4).</summary>
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
