using CanaryFlow.LocalCluster.Api;

namespace CanaryFlow.LocalCluster.Http;

/// <summary>What the client asked to receive: plain JSON objects, or a meta.k8s.io Table (kubectl get).</summary>
public sealed record ResponseShape(bool Table, string TableApiVersion, string IncludeObject)
{
    public static readonly ResponseShape Json = new(false, "", "");

    /// <summary>Picks the first media range in the Accept header the server can produce, or 406.</summary>
    public static ResponseShape Negotiate(string? accept, string? includeObject)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return Json;
        }

        foreach (var range in accept.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = range.Split(';', StringSplitOptions.TrimEntries);
            var type = parts[0].ToLowerInvariant();
            var parameters = parts.Skip(1)
                .Select(p => p.Split('=', 2))
                .Where(kv => kv.Length == 2)
                .ToDictionary(kv => kv[0].Trim().ToLowerInvariant(), kv => kv[1].Trim(), StringComparer.Ordinal);
            if (type is "*/*" or "application/*")
            {
                return Json;
            }

            if (type != "application/json")
            {
                continue;
            }

            if (!parameters.TryGetValue("as", out var asKind))
            {
                return Json;
            }

            if (asKind == "Table" && parameters.GetValueOrDefault("g") == "meta.k8s.io" && parameters.GetValueOrDefault("v") is "v1" or "v1beta1")
            {
                return new ResponseShape(true, "meta.k8s.io/" + parameters["v"], includeObject ?? "Metadata");
            }
        }

        throw ApiErrors.NotAcceptable(["application/json", "application/json;as=Table;v=v1;g=meta.k8s.io"]);
    }
}
