using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

/// <summary>Reads one kubeconfig file into its schema, with errors that name the file and the line or field.</summary>
internal static class KubeconfigFileReader
{
    public static KubeconfigFile Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new KubeconfigException($"kubeconfig {path}: file does not exist", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"kubeconfig {path}: cannot read the file: {e.Message}", e);
        }

        JsonNode? root;
        try
        {
            root = YamlJsonConverter.Parse(text);
        }
        catch (YamlJsonException e)
        {
            throw new KubeconfigException($"kubeconfig {path}: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this, without a position, on some malformed flow mappings.
            throw new KubeconfigException($"kubeconfig {path}: yaml: the file is not valid YAML", e);
        }

        // An empty file is an empty configuration, as in client-go.
        if (root is null)
        {
            return new KubeconfigFile(path, new KubeconfigDocument());
        }

        if (root is not JsonObject)
        {
            throw new KubeconfigException($"kubeconfig {path}: expected a mapping (apiVersion, kind, clusters, users, contexts) at the top level");
        }

        try
        {
            return new KubeconfigFile(path, root.Deserialize(KubeconfigJsonContext.Default.KubeconfigDocument) ?? new KubeconfigDocument());
        }
        catch (JsonException e)
        {
            // No inner exception and no value: the field may be a token or a key.
            var field = e.Path is { Length: > 2 } jsonPath && jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : "(top level)";
            throw new KubeconfigException($"kubeconfig {path}: {field}: {DescribeTypeError(e.Message)}");
        }
    }

    /// <summary>Turns System.Text.Json's "could not be converted to System.X" into the YAML type the field wants.</summary>
    private static string DescribeTypeError(string message)
    {
        var start = message.IndexOf(" converted to ", StringComparison.Ordinal);
        var end = message.IndexOf(". Path:", StringComparison.Ordinal);
        var type = start >= 0 && end > start ? message[(start + " converted to ".Length)..end] : "";
        return type switch
        {
            _ when type.Contains("List`1", StringComparison.Ordinal) => "expected a list",
            _ when type.Contains(".Kubeconfig", StringComparison.Ordinal) => "expected a mapping",
            _ when type.Contains("System.Boolean", StringComparison.Ordinal) => "expected true or false",
            "System.String" => "expected a string (quote values that YAML would read as numbers or booleans)",
            _ => "the value has the wrong type",
        };
    }
}
