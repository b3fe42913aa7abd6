using System.Text.RegularExpressions;

using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Core.Tests.Docs;

/// <summary>
/// Core is pure (architecture.md): observed objects and the time in, decisions out. It may use the Kubernetes
/// library's value types, never its client, informers or anything that does I/O or reads the clock.
/// </summary>
public sealed partial class CorePurityTests
{
    private static readonly string[] _allowedKubernetesNamespaces = ["Models", "Labels", "Serialization", "JsonPath"];

    [Fact]
    public void Core_uses_only_value_types_of_the_kubernetes_library()
    {
        var offences = CoreSources()
            .SelectMany(file => KubernetesNamespace().Matches(File.ReadAllText(file))
                .Select(m => m.Groups[1].Value)
                .Where(ns => !_allowedKubernetesNamespaces.Contains(ns))
                .Select(ns => $"{Path.GetFileName(file)} uses CanaryFlow.Kubernetes.{ns}"))
            .ToList();
        Assert.Empty(offences);
    }

    [Fact]
    public void Core_does_no_io_and_never_reads_the_clock()
    {
        var offences = CoreSources()
            .SelectMany(file => Forbidden().Matches(File.ReadAllText(file)).Select(m => $"{Path.GetFileName(file)}: {m.Value}"))
            .ToList();
        Assert.Empty(offences);
    }

    private static IEnumerable<string> CoreSources() =>
        Directory.EnumerateFiles(RepositoryRoot.File("src", "CanaryFlow.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"CanaryFlow\.Kubernetes\.(\w+)")]
    private static partial Regex KubernetesNamespace();

    [GeneratedRegex(@"DateTime(Offset)?\.(Utc)?Now|TimeProvider\.System|System\.Net\.Http|HttpClient|File\.\w+\(|Directory\.\w+\(|Environment\.GetEnvironmentVariable|Task\.Delay|Thread\.Sleep")]
    private static partial Regex Forbidden();
}
