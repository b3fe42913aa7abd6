using System.Text.Json.Nodes;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Core.Tests.Crd;

/// <summary>
/// A CRD of crds/ as the repository ships it (parsed the way kubectl reads YAML) and the C# type whose JSON its
/// schema must describe.
/// </summary>
public sealed record ShippedCrd(string FileName, Type RootType)
{
    public static ShippedCrd Rollout { get; } = new("rollout.yaml", typeof(Rollout));

    public static ShippedCrd AnalysisTemplate { get; } = new("analysistemplate.yaml", typeof(AnalysisTemplate));

    public static ShippedCrd ClusterAnalysisTemplate { get; } = new("clusteranalysistemplate.yaml", typeof(ClusterAnalysisTemplate));

    public static ShippedCrd AnalysisRun { get; } = new("analysisrun.yaml", typeof(AnalysisRun));

    /// <summary>Every CRD the repository ships; a file of crds/ missing here fails a test.</summary>
    public static IReadOnlyList<ShippedCrd> All { get; } = [Rollout, AnalysisTemplate, ClusterAnalysisTemplate, AnalysisRun];

    /// <summary>The file names, as theory data (xunit shows a string, not a record, in the test name).</summary>
    public static TheoryData<string> FileNames => [.. All.Select(crd => crd.FileName)];

    public string FilePath => RepositoryRoot.File("crds", FileName);

    public static ShippedCrd Named(string fileName) => All.Single(crd => crd.FileName == fileName);

    /// <summary>A fresh copy on every call, so a test may change it.</summary>
    public JsonObject Load() => YamlJsonConverter.Parse(File.ReadAllText(FilePath))!.AsObject();

    /// <summary>The only version (v1alpha1) of the CRD.</summary>
    public JsonObject Version(JsonObject? crd = null) => Assert.Single((crd ?? Load())["spec"]!["versions"]!.AsArray())!.AsObject();

    /// <summary>The openAPIV3Schema of the only version.</summary>
    public JsonObject Schema(JsonObject? crd = null) => Version(crd)["schema"]!["openAPIV3Schema"]!.AsObject();

    /// <summary>The schema node at a field path of <see cref="CrdSchemaComparer"/>'s notation.</summary>
    public JsonObject NodeAt(string path) => CrdSchemaComparer.NodeAt(Schema(), path);

    public IReadOnlyList<string> CompareWith(JsonObject schema) => CrdSchemaComparer.Compare(RootType, schema);
}
