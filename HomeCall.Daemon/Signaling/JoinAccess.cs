using HomeCall.Daemon.Access;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Ice;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// The join side of access control (docs/protocol.md §12): every dialect's join goes through
/// <see cref="Admit"/>, which runs the join at once (access off, a valid token, a cached
/// webhook answer), after the webhook answered (<see cref="Resume"/>), or not at all: then it
/// has answered `forbidden` or `too-many-attempts` and counted the failure, and nothing is
/// registered. With access off it adds nothing to a join but the call. Each join reads the
/// policy in force once (<see cref="RoomAccessGate.Current"/>), so a reload decides the next
/// joins and never half of one.
/// </summary>
internal sealed class JoinAccess(RoomAccessGate gate, RoomRegistry registry, JoinFailureLimiter failures, Replies replies, RoomFingerprinter fingerprints, TimeProvider time)
{
    private readonly CreateAllowance _creates = new();

    public void Admit(ClientState state, AccessRequest request, Action<AccessGrant> join)
    {
        var policy = gate.Current;
        if (!policy.IsOn)
        {
            join(AccessGrant.Open);
            return;
        }

        if (IsBlocked(state))
        {
            Refuse(state, request, ErrorCode.TooManyAttempts);
            return;
        }

        var problem = policy.Verify(request, time.GetUtcNow(), out var token);
        if (problem == TokenProblem.None)
        {
            join(new AccessGrant(token, request.Token, null));
            return;
        }

        if (policy.Webhook is not { } webhook)
        {
            Forbid(state, request, TokenProblemNames.Of(problem));
            return;
        }

        var decision = webhook.AskAsync(WebhookRequest(state, request));
        if (decision.IsCompleted)
        {
            Decide(state, request, decision.Result, join);
            return;
        }

        state.Pending = new PendingAccess(decision, request, join);
    }

    /// <summary>The webhook answered a pending join (called by the connection's receive loop, which waited for it).</summary>
    public void Resume(ClientState state)
    {
        // The receive loop calls this once the decision is in; a call before it must not block the thread.
        if (state.Pending is { Decision.IsCompleted: true } pending)
        {
            state.Pending = null;
            Decide(state, pending.Request, pending.Decision.Result, pending.Join);
        }
    }

    /// <summary>
    /// A join about to create its room (caller holds the registry lock): true when the grant may
    /// create one more (docs/protocol.md §12.3), else `forbidden` has been answered and counted.
    /// </summary>
    public bool TryCreate(ClientState state, AccessRequest request, AccessGrant grant)
    {
        if (_creates.TryTake(grant))
        {
            return true;
        }

        Forbid(state, request, TokenProblemNames.Of(TokenProblem.CreateNotAllowed));
        return false;
    }

    /// <summary>The per-IP, /24 and /64 join failures (docs/protocol.md §7.3, §12.5), guarded by the registry lock.</summary>
    public JoinFailureLimiter Failures => failures;

    /// <summary>Forgets create counts of expired tokens and failures over a minute old (caller holds the registry lock).</summary>
    public void Sweep(DateTimeOffset now)
    {
        _creates.Sweep(now);
        failures.Sweep(now);
    }

    /// <summary>The join-failure limits of a reload (caller holds the registry lock).</summary>
    public void ApplyLive(DaemonOptions options)
    {
        failures.MaxFailuresPerWindow = options.JoinFailuresPerMinute;
        failures.MaxFailuresPerIpv4Net = options.JoinFailuresPerMinuteIpv4Net;
        failures.MaxFailuresPerIpv6Net = options.JoinFailuresPerMinuteIpv6Net;
    }

    private void Decide(ClientState state, AccessRequest request, AuthDecision decision, Action<AccessGrant> join)
    {
        if (!decision.Allow)
        {
            Forbid(state, request, decision.Failed ? "webhook failed" : "webhook refused");
            return;
        }

        join(new AccessGrant(null, null, decision.IceServersJson));
        if (decision.IceServersJson is { } iceServers && IsMember(state))
        {
            state.Connection.Send(IceServersMessage.WriteGranted(iceServers));
        }
    }

    private bool IsBlocked(ClientState state)
    {
        using (registry.Lock())
        {
            return failures.IsBlocked(state.Connection.RemoteIp, time.GetUtcNow());
        }
    }

    private bool IsMember(ClientState state)
    {
        using (registry.Lock())
        {
            return state.Membership is not null;
        }
    }

    /// <summary>`forbidden`, counted as a failed join (docs/protocol.md §7.3); the log names the room by its fingerprint only.</summary>
    private void Forbid(ClientState state, AccessRequest request, string reason)
    {
        using (registry.Lock())
        {
            failures.RecordFailure(state.Connection.RemoteIp, time.GetUtcNow());
        }

        state.Log.Information("Join refused in room={Room}: {Reason}", Fingerprint(request), reason);
        Refuse(state, request, ErrorCode.Forbidden);
    }

    private void Refuse(ClientState state, AccessRequest request, string code)
    {
        switch (request.Dialect)
        {
            case Dialect.Session:
                replies.SessionError(state, code, request.Room);
                break;
            case Dialect.Mesh:
                // docs/protocol.md §6.1: a mesh connection has joined at connect or not at all.
                replies.Error(state, code);
                state.Connection.Close(CloseStatus.PolicyViolation, code == ErrorCode.Forbidden ? "forbidden" : "too many attempts");
                break;
            default:
                replies.Error(state, code);
                break;
        }
    }

    private string Fingerprint(AccessRequest request) =>
        request.Room is null ? "-" : fingerprints.Of(request.Dialect, request.Room);

    private AuthWebhookRequest WebhookRequest(ClientState state, AccessRequest request) =>
        new(
            DialectNames.Of(request.Dialect),
            request.Room is null ? null : fingerprints.Of(request.Dialect, request.Room),
            request.Room,
            request.User,
            state.Connection.RemoteIp.ToString(),
            state.Connection.Origin,
            request.Token);
}
