using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>The kubectl invocations the conformance tests repeat: apply a manifest from stdin, read objects back, make a namespace.</summary>
public static class KubectlSteps
{
    /// <summary>A name no other test uses in the shared server: a prefix plus random hex, a valid DNS label.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary><c>kubectl apply -f -</c> with the manifest on stdin; the result is returned unchecked.</summary>
    public static Task<KubectlResult> ApplyAsync(this Kubectl kubectl, string manifest, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(kubectl);
        return kubectl.RunAsync(manifest, TimeSpan.FromSeconds(60), ["apply", "-f", "-", .. arguments]);
    }

    /// <summary>Creates a fresh namespace the way the namespace tests do (a Namespace manifest through apply) and returns its name.</summary>
    public static async Task<string> CreateNamespaceAsync(this Kubectl kubectl, string prefix)
    {
        var name = UniqueName(prefix);
        (await kubectl.ApplyAsync(Manifests.Namespace(name))).ShouldSucceed();
        return name;
    }

    /// <summary><c>kubectl get ... -o json</c>, parsed.</summary>
    public static async Task<JsonNode> GetJsonAsync(this Kubectl kubectl, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(kubectl);
        var result = (await kubectl.RunAsync(["get", .. arguments, "-o", "json"])).ShouldSucceed();
        return JsonNode.Parse(result.Stdout)!;
    }

    /// <summary><c>kubectl get ... -o jsonpath=template</c>: kubectl's own rendering of the selected fields.</summary>
    public static async Task<string> JsonPathAsync(this Kubectl kubectl, string template, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(kubectl);
        return (await kubectl.RunAsync(["get", .. arguments, "-o", $"jsonpath={template}"])).ShouldSucceed().Stdout;
    }

    /// <summary><c>kubectl get</c> in the default human-readable form, cut into cells.</summary>
    public static async Task<PrintedTable> GetTableAsync(this Kubectl kubectl, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(kubectl);
        return PrintedTable.Parse((await kubectl.RunAsync(["get", .. arguments])).ShouldSucceed().Stdout);
    }
}
