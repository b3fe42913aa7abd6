using System.Text.Json.Nodes;

namespace CanaryFlow.Core.Tests.Crd;

/// <summary>
/// What every CRD of crds/ shares (rollout-semantics.md: group canaryflow.io, version v1alpha1, a status
/// subresource, <c>kubectl get canaryflow</c> lists them all), and printer columns that point at real fields.
/// </summary>
public sealed class CrdConventionTests
{
    [Theory]
    [MemberData(nameof(ShippedCrd.FileNames), MemberType = typeof(ShippedCrd))]
    public void Crd_is_canaryflow_v1alpha1_with_a_status_subresource_and_the_category(string file)
    {
        var crd = ShippedCrd.Named(file).Load();
        var spec = crd["spec"]!;
        var names = spec["names"]!;
        var version = ShippedCrd.Named(file).Version(crd);

        Assert.Equal("canaryflow.io", (string?)spec["group"]);
        Assert.Equal($"{names["plural"]}.canaryflow.io", (string?)crd["metadata"]!["name"]);
        Assert.Equal(ShippedCrd.Named(file).RootType.Name, (string?)names["kind"]);
        Assert.Equal(["canaryflow"], names["categories"]!.AsArray().Select(c => (string?)c));
        Assert.Equal("v1alpha1", (string?)version["name"]);
        Assert.True((bool)version["served"]! && (bool)version["storage"]!);
        Assert.NotNull(version["subresources"]?["status"]);
    }

    [Theory]
    [MemberData(nameof(ShippedCrd.FileNames), MemberType = typeof(ShippedCrd))]
    public void Short_names_carry_the_cf_prefix_so_they_never_clash_with_argo_rollouts(string file)
    {
        var shortNames = ShippedCrd.Named(file).Load()["spec"]!["names"]!["shortNames"]!.AsArray().Select(n => (string)n!).ToList();

        Assert.NotEmpty(shortNames);
        Assert.All(shortNames, name => Assert.StartsWith("cf", name, StringComparison.Ordinal));
    }

    [Fact]
    public void Short_names_are_unique_across_the_crds()
    {
        var shortNames = ShippedCrd.All.SelectMany(crd => crd.Load()["spec"]!["names"]!["shortNames"]!.AsArray().Select(n => (string)n!)).ToList();

        Assert.Equal(shortNames.Distinct(StringComparer.Ordinal), shortNames);
    }

    [Theory]
    [MemberData(nameof(ShippedCrd.FileNames), MemberType = typeof(ShippedCrd))]
    public void Printer_columns_point_at_schema_fields_of_their_type(string file)
    {
        var crd = ShippedCrd.Named(file);
        var columns = crd.Version()["additionalPrinterColumns"]!.AsArray().Select(c => c!.AsObject()).ToList();

        // kubectl shows an age for every object; a CRD without the column would hide it.
        Assert.Contains(columns, c => (string?)c["name"] == "Age" && (string?)c["jsonPath"] == ".metadata.creationTimestamp");
        foreach (var column in columns.Where(c => (string?)c["jsonPath"] != ".metadata.creationTimestamp"))
        {
            var path = (string)column["jsonPath"]!;
            var type = (string)column["type"]!;
            var node = crd.NodeAt(path.TrimStart('.'));
            Assert.True(Matches(type, node), $"column {column["name"]} is {type} but {path} is {node["type"]}/{node["format"]}");
        }
    }

    private static bool Matches(string columnType, JsonObject node) => columnType == "date"
        ? (string?)node["type"] == "string" && (string?)node["format"] == "date-time"
        : (string?)node["type"] == columnType;
}
