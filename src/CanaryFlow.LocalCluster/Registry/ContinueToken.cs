using System.Text;
using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Storage;

namespace CanaryFlow.LocalCluster.Registry;

/// <summary>The opaque continue token: base64url of the snapshot revision and the key to continue after.</summary>
public sealed record ContinueToken(long Revision, ObjectKey After)
{
    public string Encode()
    {
        var json = new JsonObject
        {
            ["v"] = "meta.k8s.io/v1",
            ["rv"] = Revision,
            ["start"] = After.Namespace + "/" + After.Name + "\u0000",
        }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryDecode(string token, out ContinueToken? result)
    {
        result = null;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var obj = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64))) as JsonObject;
            if (obj?["v"]?.GetValue<string>() != "meta.k8s.io/v1" || obj["rv"] is null || obj["start"] is null)
            {
                return false;
            }

            var start = obj["start"]!.GetValue<string>().TrimEnd('\u0000');
            var slash = start.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                return false;
            }

            result = new ContinueToken(obj["rv"]!.GetValue<long>(), new ObjectKey(start[..slash], start[(slash + 1)..]));
            return true;
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
