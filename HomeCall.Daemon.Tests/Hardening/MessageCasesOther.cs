namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Bad (and boundary) messages in the mesh, numeric and session dialects (docs/protocol.md §6,
/// §7, §8). Subjects: mesh user "a" with "b"; numeric creator of {ROOM} with a joiner;
/// session "caller" in {S} with "callee". On /signal every error carries `room`.
/// </summary>
internal static class MessageCasesOther
{
    public const string SessionId = "0f8e2c1a-7b3d-4e5f-9a8b-1c2d3e4f5a6b";

    public static IEnumerable<MessageCase> Mesh => new (string Name, string Json, string Outcome)[]
    {
        ("offer without target", """{"type":"offer","sdp":"x"}""", "invalid-message"),
        ("offer target number", """{"type":"offer","targetUserId":5,"sdp":"x"}""", "invalid-message"),
        ("offer target null", """{"type":"offer","targetUserId":null,"sdp":"x"}""", "invalid-message"),
        ("offer without sdp", """{"type":"offer","targetUserId":"b"}""", "invalid-message"),
        ("offer fromUserId number", """{"type":"offer","targetUserId":"b","fromUserId":1,"sdp":"x"}""", "invalid-message"),
        ("offer as someone else", """{"type":"offer","targetUserId":"b","fromUserId":"mallory","sdp":"x"}""", "sender-mismatch"),
        ("offer to a stranger", """{"type":"offer","targetUserId":"nobody","sdp":"x"}""", "user-not-found"),
        ("offer with extra fields", """{"type":"offer","targetUserId":"b","sdp":"x","x":1}""", "relay:offer"),
        ("answer", """{"type":"answer","targetUserId":"b","sdp":{"type":"answer"}}""", "relay:answer"),
        ("ice-candidate without candidate", """{"type":"ice-candidate","targetUserId":"b"}""", "invalid-message"),
        ("ice-candidate", """{"type":"ice-candidate","targetUserId":"b","candidate":{"candidate":"c"}}""", "relay:ice-candidate"),
        ("candidate (homecall)", """{"type":"candidate","to":"b","candidate":null}""", "invalid-message"),
        ("join", """{"type":"join","room":"r","user":"a"}""", "invalid-message"),
        ("create", """{"type":"create"}""", "invalid-message"),
        ("signal", """{"type":"signal","payload":1}""", "invalid-message"),
        ("leave", """{"type":"leave"}""", "invalid-message"),
        ("nesting 1000", """{"type":"offer","targetUserId":"b","sdp":""" + MessageCasesRoom.Nest(999) + "}", "invalid-message"),
    }.Select(c => new MessageCase("mesh", c.Name, c.Json, c.Outcome));

    public static IEnumerable<MessageCase> Numeric => new (string Name, string Json, string Outcome)[]
    {
        ("join roomId number", """{"type":"join","roomId":1234}""", "invalid-message"),
        ("join roomId null", """{"type":"join","roomId":null}""", "invalid-message"),
        ("join roomId empty", """{"type":"join","roomId":""}""", "invalid-message"),
        ("join roomId 129 chars", $$"""{"type":"join","roomId":"{{new string('9', 129)}}"}""", "invalid-message"),
        ("join unknown room", """{"type":"join","roomId":"0000"}""", "room-not-found"),
        ("join own room again", """{"type":"join","roomId":"{ROOM}"}""", "reply:room_joined"),
        ("join homecall-style", """{"type":"join","room":"r","user":"u"}""", "invalid-message"),
        ("signal without payload", """{"type":"signal"}""", "invalid-message"),
        ("signal payload null", """{"type":"signal","payload":null}""", "relay:signal"),
        ("signal payload deep 31", """{"type":"signal","payload":""" + MessageCasesRoom.Nest(31) + "}", "relay:signal"),
        ("signal payload deep 1000", """{"type":"signal","payload":""" + MessageCasesRoom.Nest(999) + "}", "invalid-message"),
        ("signal senderId number", """{"type":"signal","senderId":1,"payload":{}}""", "invalid-message"),
        ("signal as someone else", """{"type":"signal","senderId":"mallory","payload":{}}""", "sender-mismatch"),
        ("signal with extra fields", """{"type":"signal","payload":{"sdp":"x"},"x":1,"senderId":"{ME}"}""", "relay:signal"),
        ("offer", """{"type":"offer","to":"b","sdp":"x"}""", "invalid-message"),
        ("leave", """{"type":"leave"}""", "invalid-message"),
    }.Select(c => new MessageCase("numeric", c.Name, c.Json, c.Outcome));

    public static IEnumerable<MessageCase> Session =>
    [
        new("session", "join room number", """{"type":"join","room":5,"user":"caller"}""", "invalid-message", "room", MessageCase.Null),
        new("session", "join room not a UUID", """{"type":"join","room":"garden","user":"caller"}""", "invalid-message", "room", "garden"),
        new("session", "join room in braces", $$$"""{"type":"join","room":"{{{"{" + SessionId + "}"}}}","user":"caller"}""", "invalid-message", "room", "{" + SessionId + "}"),
        new("session", "join room urn:uuid", $$"""{"type":"join","room":"urn:uuid:{{SessionId}}","user":"caller"}""", "invalid-message", "room", "urn:uuid:" + SessionId),
        new("session", "join room without hyphens", $$"""{"type":"join","room":"{{SessionId.Replace("-", "", StringComparison.Ordinal)}}","user":"caller"}""", "invalid-message", "room", SessionId.Replace("-", "", StringComparison.Ordinal)),
        new("session", "join without user", """{"type":"join","room":"{S}"}""", "invalid-message", "room", SessionId),
        new("session", "join user 65 chars", $$"""{"type":"join","room":"{S}","user":"{{new string('u', 65)}}"}""", "invalid-message", "room", SessionId),
        new("session", "offer room number", """{"type":"offer","room":5,"sdp":"x"}""", "invalid-message", "room", MessageCase.Null),
        new("session", "offer other session", """{"type":"offer","room":"11111111-2222-3333-4444-555555555555","sdp":"x"}""", "session-not-found", "room", "11111111-2222-3333-4444-555555555555"),
        new("session", "offer without room", """{"type":"offer","sdp":"x"}""", "invalid-message", "room", MessageCase.Null),
        new("session", "offer without sdp", """{"type":"offer","room":"{S}"}""", "invalid-message", "room", SessionId),
        new("session", "offer as someone else", """{"type":"offer","room":"{S}","from":"mallory","sdp":"x"}""", "sender-mismatch", "room", SessionId),
        new("session", "offer upper-case id", $$"""{"type":"offer","room":"{{SessionId.ToUpperInvariant()}}","sdp":"x"}""", "relay:offer"),
        new("session", "candidate null", """{"type":"candidate","room":"{S}","candidate":null}""", "relay:candidate"),
        new("session", "ice-candidate (mesh)", """{"type":"ice-candidate","room":"{S}","candidate":"c"}""", "invalid-message", "room", SessionId),
        new("session", "create (numeric)", """{"type":"create"}""", "invalid-message", "room", MessageCase.Null),
        new("session", "leave as someone else", """{"type":"leave","room":"{S}","user":"mallory"}""", "sender-mismatch", "room", SessionId),
        new("session", "leave", """{"type":"leave","room":"{S}","user":"caller"}""", "relay:leave"),
        new("session", "not JSON", "<html>", "invalid-message", "room", MessageCase.Null),
        new("session", "join user lone surrogate", """{"type":"join","room":"{S}","user":"\udfff"}""", "invalid-message", "room", MessageCase.Null),
    ];
}
