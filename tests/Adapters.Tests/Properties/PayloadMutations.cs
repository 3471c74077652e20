using System.Text.Json.Nodes;
using CsCheck;

namespace Omnichannel.Adapters.Tests.Properties;

/// <summary>One change to a JSON document: remove a node, or replace it with a value of another kind.</summary>
public sealed record JsonMutation(int Target, int Kind, string Text, long Number);

/// <summary>Generators of damaged provider payloads, starting from the recorded ones (so most of the structure is
/// realistic and the damage lands in fields the mappers read).</summary>
public static class PayloadMutations
{
    public static readonly Gen<string> AnyText = Gen.OneOf(
        Gen.String, Gen.String[Gen.Char.AlphaNumeric, 0, 8], Gen.Const(""), Gen.Const("\u0000"), Gen.Const("💬"),
        Gen.Const(new string('x', 70_000)), Gen.Const("NaN"), Gen.Const("-1"), Gen.Const("99999999999999999999"));

    public static readonly Gen<long> AnyNumber = Gen.OneOf(Gen.Long, Gen.Const(long.MaxValue), Gen.Const(long.MinValue), Gen.Const(0L), Gen.Const(-1L), Gen.Long[0, 2_000_000_000_000]);

    public static readonly Gen<JsonMutation> Mutation =
        Gen.Select(Gen.Int[0, 1000], Gen.Int[0, 9], AnyText, AnyNumber, (t, k, s, n) => new JsonMutation(t, k, s, n));

    /// <summary>The recorded JSON with the mutations applied (each to a node picked among all nodes at that moment).</summary>
    public static string Apply(string json, IEnumerable<JsonMutation> mutations)
    {
        var root = JsonNode.Parse(json)!;
        foreach (var m in mutations)
        {
            var nodes = new List<JsonNode>();
            Collect(root, nodes);
            if (nodes.Count == 0)
                break;
            var node = nodes[m.Target % nodes.Count];
            JsonNode? replacement = m.Kind switch
            {
                1 => JsonValue.Create(m.Text),
                2 => JsonValue.Create(m.Number),
                3 => null,
                4 => JsonValue.Create(true),
                5 => new JsonObject(),
                6 => new JsonArray(JsonValue.Create(m.Text)),
                7 => JsonValue.Create(1e300),
                8 => JsonValue.Create(m.Number / 1000.0),
                _ => node,
            };
            switch (node.Parent)
            {
                case JsonObject parent when m.Kind == 0:
                    parent.Remove(node.GetPropertyName());
                    break;
                case JsonArray array when m.Kind == 0:
                    array.Remove(node);
                    break;
                case JsonObject parent when !ReferenceEquals(replacement, node):
                    parent[node.GetPropertyName()] = replacement;
                    break;
                case JsonArray array when !ReferenceEquals(replacement, node):
                    array[node.GetElementIndex()] = replacement;
                    break;
            }
        }
        return root.ToJsonString();
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        if (node.Parent is not null)
            into.Add(node);
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o.ToList())
                    if (child is not null)
                        Collect(child, into);
                break;
            case JsonArray a:
                foreach (var child in a.ToList())
                    if (child is not null)
                        Collect(child, into);
                break;
        }
    }
}
