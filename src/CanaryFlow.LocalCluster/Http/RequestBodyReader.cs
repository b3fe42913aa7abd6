using System.Text;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Protobuf;
using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Schema;
using Microsoft.AspNetCore.Http;

namespace CanaryFlow.LocalCluster.Http;

/// <summary>Reads request bodies: the 3 MiB limit, JSON or YAML by Content-Type, duplicate keys, type metadata.</summary>
internal static class RequestBodyReader
{
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    public static async Task<byte[]> ReadBytesAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw ApiErrors.RequestEntityTooLarge(MaxBodyBytes);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The media type without parameters (<c>; charset=utf-8</c> is legal and ignored).</summary>
    public static string MediaType(HttpContext context)
    {
        var contentType = context.Request.ContentType ?? "";
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim().ToLowerInvariant();
    }

    /// <summary>Reads an object body for create or update and checks its apiVersion and kind against the endpoint.</summary>
    public static async Task<(JsonObject Object, IReadOnlyList<string> Duplicates)> ReadObjectAsync(HttpContext context, ResourceDescriptor d, string expectedKind, string expectedApiVersion)
    {
        var bytes = await ReadBytesAsync(context).ConfigureAwait(false);
        var mediaType = MediaType(context);
        JsonNode? node;
        IReadOnlyList<string> duplicates = [];
        switch (mediaType)
        {
            case "" or "application/json" or "*/*":
                try
                {
                    var parsed = DuplicateFieldParser.Parse(bytes);
                    node = parsed.Value;
                    duplicates = parsed.DuplicateFields;
                }
                catch (System.Text.Json.JsonException e)
                {
                    throw ApiErrors.BadRequest($"error decoding request body: {e.Message}");
                }

                break;
            case "application/yaml":
                try
                {
                    node = YamlJsonConverter.Parse(Encoding.UTF8.GetString(bytes));
                }
                catch (YamlJsonException e)
                {
                    throw ApiErrors.BadRequest($"error converting YAML to JSON: {e.Message}");
                }

                break;
            case KubernetesProtobuf.MediaType when !d.IsCustomResource:
                try
                {
                    node = KubernetesProtobuf.Decode(bytes);
                }
                catch (ProtobufDecodeException e)
                {
                    // Only the kinds kubectl's create generators send are decodable; the message says which kind failed.
                    throw new StatusException(415, "UnsupportedMediaType", e.Message);
                }

                break;
            default:
                throw ApiErrors.UnsupportedMediaType(mediaType, d.IsCustomResource
                    ? ["application/json", "application/yaml"]
                    : ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"]);
        }

        if (node is not JsonObject obj)
        {
            throw ApiErrors.BadRequest($"the body of the request must be a {expectedKind} object");
        }

        var kind = obj["kind"] is JsonValue k && k.TryGetValue(out string? ks) ? ks : null;
        var apiVersion = obj["apiVersion"] is JsonValue a && a.TryGetValue(out string? avs) ? avs : null;
        if (d.IsCustomResource && string.IsNullOrEmpty(kind))
        {
            throw ApiErrors.BadRequest($"Object 'Kind' is missing in '{Truncate(Encoding.UTF8.GetString(bytes))}'");
        }

        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != expectedApiVersion)
        {
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({expectedApiVersion})");
        }

        if (!string.IsNullOrEmpty(kind) && kind != expectedKind)
        {
            throw ApiErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({expectedKind})");
        }

        obj["apiVersion"] = expectedApiVersion;
        obj["kind"] = expectedKind;
        return (obj, duplicates);
    }

    private static string Truncate(string text) => text.Length > 1024 ? text[..1024] + "..." : text;
}
