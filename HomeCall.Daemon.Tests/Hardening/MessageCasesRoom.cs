namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Bad (and boundary) messages on the room endpoint before the dialect is fixed, and in
/// the homecall dialect (docs/protocol.md §3, §4, §5). The subject is alice in room "garden" with bob.
/// </summary>
internal static class MessageCasesRoom
{
    public static IEnumerable<MessageCase> Fresh => new (string Name, string Json, string Outcome)[]
    {
        ("empty text", "", "invalid-message"),
        ("whitespace", "   ", "invalid-message"),
        ("JSON null", "null", "invalid-message"),
        ("number", "42", "invalid-message"),
        ("string", "\"join\"", "invalid-message"),
        ("true", "true", "invalid-message"),
        ("array", "[]", "invalid-message"),
        ("array of a join", """[{"type":"join","room":"r","user":"u"}]""", "invalid-message"),
        ("empty object", "{}", "invalid-message"),
        ("type null", """{"type":null}""", "invalid-message"),
        ("type number", """{"type":1}""", "invalid-message"),
        ("type object", """{"type":{}}""", "invalid-message"),
        ("type array", """{"type":["create"]}""", "invalid-message"),
        ("type empty", """{"type":""}""", "invalid-message"),
        ("type upper-case", """{"type":"CREATE"}""", "invalid-message"),
        ("type unknown", """{"type":"hello"}""", "invalid-message"),
        ("type twice", """{"type":"create","type":"create"}""", "invalid-message"),
        ("join without fields", """{"type":"join"}""", "invalid-message"),
        ("truncated", """{"type":"create" """, "invalid-message"),
        ("trailing comma", """{"type":"create",}""", "invalid-message"),
        ("comment", """{"type":"create"/*c*/}""", "invalid-message"),
        ("two objects", """{"type":"create"}{"type":"create"}""", "invalid-message"),
        ("single quotes", "{'type':'create'}", "invalid-message"),
        ("unquoted key", """{type:"create"}""", "invalid-message"),
        ("NaN", """{"type":"create","x":NaN}""", "invalid-message"),
        ("nesting 1000 levels", """{"type":"create","x":""" + Nest(999) + "}", "invalid-message"),
        ("nesting 33 levels", """{"type":"create","x":""" + Nest(32) + "}", "invalid-message"),
        ("nesting 32 levels", """{"type":"create","x":""" + Nest(31) + "}", "reply:room_created"),
        ("offer before join", """{"type":"offer","to":"b","sdp":"x"}""", "not-joined"),
        ("answer before join", """{"type":"answer","to":"b","sdp":"x"}""", "not-joined"),
        ("candidate before join", """{"type":"candidate","to":"b","candidate":null}""", "not-joined"),
        ("ice-candidate before join", """{"type":"ice-candidate","targetUserId":"b","candidate":"c"}""", "not-joined"),
        ("signal before join", """{"type":"signal","payload":1}""", "not-joined"),
        ("leave before join", """{"type":"leave"}""", "not-joined"),
        ("escaped type", """{"type":"\u0063reate"}""", "reply:room_created"),
        ("create with extra fields", """{"type":"create","x":[1,{"y":null}]}""", "reply:room_created"),
    }.Select(c => new MessageCase("fresh", c.Name, c.Json, c.Outcome)).Concat(
    [
        new("fresh", "lone surrogate in type", """{"type":"\ud800"}""", "invalid-message"),
        new("fresh", "lone surrogate in a key", """{"\udc00":1,"type":"create"}""", "invalid-message"),
    ]);

    public static IEnumerable<MessageCase> Homecall => new (string Name, string Json, string Outcome)[]
    {
        ("join room number", """{"type":"join","room":5,"user":"alice"}""", "invalid-message"),
        ("join room null", """{"type":"join","room":null,"user":"alice"}""", "invalid-message"),
        ("join room empty", """{"type":"join","room":"","user":"alice"}""", "invalid-message"),
        ("join room object", """{"type":"join","room":{},"user":"alice"}""", "invalid-message"),
        ("join room array", """{"type":"join","room":["garden"],"user":"alice"}""", "invalid-message"),
        ("join room 129 chars", Join(new string('r', 129), "alice"), "invalid-message"),
        ("join room 128 chars", Join(new string('r', 128), "alice"), "reply:online"),
        ("join room 60000 chars", Join(new string('r', 60_000), "alice"), "invalid-message"),
        ("join user number", """{"type":"join","room":"garden","user":1}""", "invalid-message"),
        ("join user true", """{"type":"join","room":"garden","user":true}""", "invalid-message"),
        ("join user empty", Join("garden", ""), "invalid-message"),
        ("join user 65 chars", Join("garden", new string('u', 65)), "invalid-message"),
        ("join user 64 chars", Join("garden", new string('u', 64)), "relay:online"),
        ("join room twice", """{"type":"join","room":"garden","room":"other","user":"alice"}""", "invalid-message"),
        ("join escaped room", """{"type":"join","room":"\u0067arden","user":"alice"}""", "relay:online"),
        ("offer to number", """{"type":"offer","to":5,"sdp":"x"}""", "invalid-message"),
        ("offer to null", """{"type":"offer","to":null,"sdp":"x"}""", "invalid-message"),
        ("offer without to", """{"type":"offer","sdp":"x"}""", "invalid-message"),
        ("offer without sdp", """{"type":"offer","to":"bob"}""", "invalid-message"),
        ("offer sdp number", """{"type":"offer","to":"bob","sdp":5}""", "invalid-message"),
        ("offer sdp null", """{"type":"offer","to":"bob","sdp":null}""", "invalid-message"),
        ("offer sdp array", """{"type":"offer","to":"bob","sdp":["v=0"]}""", "invalid-message"),
        ("offer sdp nested 1000", """{"type":"offer","to":"bob","sdp":""" + Nest(999) + "}", "invalid-message"),
        ("offer from number", """{"type":"offer","to":"bob","from":7,"sdp":"x"}""", "invalid-message"),
        ("offer from twice", """{"type":"offer","to":"bob","from":"alice","from":"alice","sdp":"x"}""", "invalid-message"),
        ("offer sdp object", """{"type":"offer","to":"bob","sdp":{"type":"offer","sdp":"v=0"}}""", "relay:offer"),
        ("offer own from", """{"type":"offer","to":"bob","from":"alice","sdp":"x"}""", "relay:offer"),
        ("answer to bob", """{"type":"answer","to":"bob","sdp":"x"}""", "relay:answer"),
        ("candidate null", """{"type":"candidate","to":"bob","candidate":null}""", "relay:candidate"),
        ("candidate string", """{"type":"candidate","to":"bob","candidate":"candidate:1 1 udp 1 127.0.0.1 9 typ host"}""", "relay:candidate"),
        ("candidate number", """{"type":"candidate","to":"bob","candidate":5}""", "invalid-message"),
        ("candidate array", """{"type":"candidate","to":"bob","candidate":[]}""", "invalid-message"),
        ("candidate missing", """{"type":"candidate","to":"bob"}""", "invalid-message"),
        ("unknown fields of every kind", """{"type":"offer","to":"bob","sdp":"x","x":{"a":[1,null,"\u2028",1e400]},"y":"y","y":2}""", "relay:offer"),
        ("ice-candidate (mesh)", """{"type":"ice-candidate","targetUserId":"bob","candidate":"c"}""", "invalid-message"),
        ("signal (numeric)", """{"type":"signal","payload":1}""", "invalid-message"),
        ("create (numeric)", """{"type":"create"}""", "invalid-message"),
        ("join with roomId (numeric)", """{"type":"join","roomId":"1234"}""", "invalid-message"),
        ("leave room number", """{"type":"leave","room":5}""", "invalid-message"),
        ("leave other room", """{"type":"leave","room":"other","user":"alice"}""", "not-joined"),
        ("leave as someone else", """{"type":"leave","room":"garden","user":"mallory"}""", "sender-mismatch"),
        ("leave", """{"type":"leave","room":"garden","user":"alice"}""", "relay:online"),
    }.Select(c => new MessageCase("homecall", c.Name, c.Json, c.Outcome)).Concat(
    [
        new("homecall", "offer as someone else", """{"type":"offer","to":"bob","from":"mallory","sdp":"x"}""", "sender-mismatch"),
        new("homecall", "offer escaped from", """{"type":"offer","to":"bob","fr\u006fm":"mallory","sdp":"x"}""", "sender-mismatch"),
        new("homecall", "offer to a stranger", """{"type":"offer","to":"nobody","sdp":"x"}""", "user-not-found", "to", "nobody"),
        new("homecall", "join user lone surrogate", """{"type":"join","room":"garden","user":"a\udc00"}""", "invalid-message"),
        new("homecall", "offer to lone surrogate", """{"type":"offer","to":"\ud800","sdp":"x"}""", "invalid-message"),
        new("homecall", "unknown key with lone surrogate", """{"type":"offer","to":"bob","sdp":"x","\ud800":1}""", "invalid-message"),
    ]);

    /// <summary><paramref name="levels"/> nested arrays (the message object adds one more level).</summary>
    public static string Nest(int levels) => new string('[', levels) + new string(']', levels);

    private static string Join(string room, string user) => $$"""{"type":"join","room":"{{room}}","user":"{{user}}"}""";
}
