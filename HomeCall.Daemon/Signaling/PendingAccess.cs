using HomeCall.Daemon.Access;

namespace HomeCall.Daemon.Signaling;

/// <summary>A join waiting for the webhook's answer: the connection reads nothing more until it arrives (docs/protocol.md §12.4).</summary>
internal sealed record PendingAccess(Task<AuthDecision> Decision, AccessRequest Request, Action<AccessGrant> Join);
