using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>fieldValidation on built-in kinds and patches: Strict fails, Warn prunes with a Warning header, Ignore prunes silently.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class FieldValidationTests(LocalClusterFixture cluster) : IAsyncLifetime
{
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await Namespaces.CreateAsync(cluster.Http, "fieldvalidation");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Strict_reports_unknown_and_duplicate_fields_as_a_decoding_error()
    {
        var unknown = await cluster.Http.PostAsync(ConfigMaps.Path(_ns) + "?fieldValidation=Strict", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"bogus":1,"data":{"k":"v"}}""");
        var duplicate = await cluster.Http.PostAsync(ConfigMaps.Path(_ns) + "?fieldValidation=Strict", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v"},"data":{"k":"w"}}""");

        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"bogus\"","reason":"BadRequest","code":400}""",
            unknown.Expect(400).Compact());
        Assert.Equal(
            """ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "data" """.TrimEnd(),
            duplicate.Expect(400)["message"]!.GetValue<string>());
        (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns, "a"))).Expect(404);
    }

    [Fact]
    public async Task Warn_is_the_default_and_prunes_with_a_Warning_header_while_Ignore_is_silent()
    {
        var warned = await cluster.Http.PostAsync(ConfigMaps.Path(_ns), """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"bogus":1,"data":{"k":"v"}}""");
        var ignored = await cluster.Http.PostAsync(ConfigMaps.Path(_ns) + "?fieldValidation=Ignore", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b"},"bogus":1,"data":{"k":"v"}}""");

        Assert.Null(warned.Expect(201)["bogus"]);
        Assert.Equal(["299 - \"unknown field \\\"bogus\\\"\""], warned.Response.Headers.GetValues("Warning"));
        Assert.Null(ignored.Expect(201)["bogus"]);
        Assert.False(ignored.Response.Headers.Contains("Warning"));
    }

    [Fact]
    public async Task A_strict_patch_whose_result_has_unknown_fields_is_422_on_the_patch()
    {
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");

        var patched = await cluster.Http.PatchAsync(ConfigMaps.Path(_ns, "a") + "?fieldValidation=Strict", """{"bogus":1}""", "application/merge-patch+json");

        var status = patched.Expect(422);
        Assert.Equal("Invalid", status["reason"]!.GetValue<string>());
        var message = status["message"]!.GetValue<string>();
        Assert.StartsWith(" \"\" is invalid: patch: Invalid value: \"{", message, StringComparison.Ordinal);
        Assert.EndsWith("}\": strict decoding error: unknown field \"bogus\"", message, StringComparison.Ordinal);
        var cause = status["details"]!["causes"]![0]!;
        Assert.Equal(("FieldValueInvalid", "patch"), (cause["reason"]!.GetValue<string>(), cause["field"]!.GetValue<string>()));
        Assert.Equal(["causes"], status["details"]!.AsObject().Select(p => p.Key));
    }
}
