namespace HomeCall.Bench.Cli;

/// <summary>The tool's help text (docs/benchmarks.md has the standard commands and what the figures mean).</summary>
internal static class Usage
{
    public const string Text = """
        HomeCall.Bench: load generator and micro-benchmarks for the HomeCall signaling daemon.
        Progress goes to stderr; the result is one JSON line on stdout.

          relay  --url ws://127.0.0.1:8080/ [--pairs 200] [--window 1] [--size 800]
                 [--dialect numeric[,homecall,mesh,session]] [--warmup 2] [--duration 10]
          idle   --url URL [--connections 19000] [--room-size 4] [--dialect numeric]
                 [--hold 10] [--settle 3] [--parallel 64]
          churn  --url URL [--parallel 32] [--dialect numeric] [--warmup 2] [--duration 10]
          setup  --url URL [--parallel 32] [--warmup 2] [--duration 10]
                 (one connection at a time per worker: connect, upgrade, join a numeric room, close)
          start  --exe dist/homecall [--script server.js] [--runs 5] [--settle 2]
          micro  [--quick] [BenchmarkDotNet options after --bdn, e.g. --bdn --filter '*Parse*']
          suite  [--daemon dist/homecall] [--reference bench/reference/server.js] [--node node]
                 [--bun-reference bench/reference-bun/server.js] [--bun bench/reference-bun/node_modules/.bin/bun]
                 [--profile-notes bench/profile.md] [--out docs/benchmarks.md]
                 [--rounds 5] [--duration 10] [--idle-connections 19000] [--skip-micro]

        Common to relay, idle, churn and setup:
          --server-pid PID   read the server's CPU time and RSS from /proc/PID (same machine); idle
                     also reads a .NET server's managed heap (EventPipe: one induced GC)
          --signal-url URL   the /signal endpoint (default: --url's authority with path /signal)
          --source-ips N     connect from 127.0.0.1..127.0.0.N (default: one more per 25,000 connections)
          --insecure         accept a self-signed certificate on wss:// (a local Apache)
          --allow-remote     allow a non-loopback target (never used by the standard suite)
          --label TEXT       copied into the result line

        Common to relay, churn and setup:
          --jit-wait S       after --warmup, keep the load on until the server's JIT compiler threads
                     (from /proc/PID/task, needs --server-pid) used < 2 % of a core over the last
                     second, or S more seconds passed (default 30; 0: --warmup only); the result's
                     "warmup" gives its length and the JIT threads' CPU in it

        The daemon's defaults (RATE_LIMIT_PER_SEC=50, MAX_CONNECTIONS_PER_IP=200,
        MAX_CONNECTIONS=10000) stop a load test early: raise them (see docs/benchmarks.md).
        """;
}
