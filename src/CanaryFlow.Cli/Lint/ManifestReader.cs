using System.Text.Json.Nodes;
using CanaryFlow.Cli.Errors;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Cli.Lint;

/// <summary>Reads a manifest file (or stdin for "-") as kubectl does: YAML or JSON, one or more documents, Lists unpacked.</summary>
internal static class ManifestReader
{
    public static async Task<IReadOnlyList<ManifestDocument>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var shown = path == "-" ? "<stdin>" : path;
        string text;
        try
        {
            text = path == "-"
                ? await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false)
                : await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {path}: {e.Message}", e);
        }

        IReadOnlyList<JsonNode?> parsed;
        try
        {
            parsed = YamlJsonConverter.ParseAll(text);
        }
        catch (YamlJsonException e)
        {
            throw new UsageException($"{shown}: {e.Message}", e);
        }

        var bodies = new List<JsonObject>();
        foreach (var node in parsed)
        {
            switch (node)
            {
                case JsonObject { } list when list["kind"]?.ToString() == "List" && list["items"] is JsonArray items:
                    bodies.AddRange(items.OfType<JsonObject>());
                    break;
                case JsonObject obj:
                    bodies.Add(obj);
                    break;
                default:
                    throw new UsageException($"{shown}: every document must be an object (a Kubernetes manifest)");
            }
        }

        return [.. bodies.Select((body, i) => new ManifestDocument(shown, i, bodies.Count, body))];
    }
}
