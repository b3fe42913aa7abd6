using System.Net.Http.Headers;
using CanaryFlow.LocalCluster.Security;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Bearer-token authentication and RBAC-style refusals. Own servers: tokens and rules are server-wide.</summary>
public sealed class AuthTests
{
    private const string _unauthorized =
        """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""";

    /// <summary>A client that trusts the cluster's CA but sends no Authorization header at all.</summary>
    private static HttpClient Anonymous(DedicatedCluster cluster)
    {
        var http = LocalClusterFixture.CreateClient(cluster.Server);
        http.DefaultRequestHeaders.Authorization = null;
        return http;
    }

    [Fact]
    public async Task A_missing_or_wrong_token_is_401_with_a_Status_body()
    {
        await using var cluster = await DedicatedCluster.StartAsync();
        using var wrong = LocalClusterFixture.CreateClient(cluster.Server, "wrong-token");
        using var anonymous = Anonymous(cluster);

        var withoutToken = await anonymous.GetRawAsync(ConfigMaps.Path("default"));
        var withWrongToken = await wrong.GetRawAsync(ConfigMaps.Path("default"));
        var basic = await cluster.Http.SendAsync(HttpMethod.Get, ConfigMaps.Path("default"), configure: r => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", "YWRtaW46YWRtaW4="));

        Assert.All(new[] { withoutToken, withWrongToken, basic }, r => Assert.Equal(_unauthorized, r.Expect(401).Compact()));
    }

    [Fact]
    public async Task Rotating_the_token_makes_the_old_one_fail()
    {
        await using var cluster = await DedicatedCluster.StartAsync();
        (await cluster.Http.GetRawAsync(ConfigMaps.Path("default"))).Expect(200);

        cluster.Server.Access.RotateToken("rotated-token");
        using var rotated = LocalClusterFixture.CreateClient(cluster.Server, "rotated-token");

        Assert.Equal(_unauthorized, (await cluster.Http.GetRawAsync(ConfigMaps.Path("default"))).Expect(401).Compact());
        (await rotated.GetRawAsync(ConfigMaps.Path("default"))).Expect(200);
        Assert.Equal("rotated-token", cluster.Server.Token);
    }

    [Fact]
    public async Task Version_and_health_need_no_token()
    {
        await using var cluster = await DedicatedCluster.StartAsync();
        using var anonymous = Anonymous(cluster);

        var version = await anonymous.GetRawAsync("/version");
        var health = await anonymous.GetRawAsync("/healthz");

        Assert.Equal(
            ["major", "minor", "gitVersion", "gitCommit", "gitTreeState", "buildDate", "goVersion", "compiler", "platform"],
            version.Expect(200).AsObject().Select(p => p.Key));
        Assert.Equal("ok", await health.Response.TextAsync());
    }

    [Fact]
    public async Task A_forbidden_verb_is_403_with_the_RBAC_message()
    {
        await using var cluster = await DedicatedCluster.StartAsync();
        await ConfigMaps.CreateAsync(cluster.Http, "default", "a");
        cluster.Server.Access.Forbid(
            new ForbiddenRule("list", "configmaps", "default"),
            new ForbiddenRule("get", "configmaps"),
            new ForbiddenRule("create", "namespaces"));

        var list = await cluster.Http.GetRawAsync(ConfigMaps.Path("default"));
        var get = await cluster.Http.GetRawAsync(ConfigMaps.Path("default", "a"));
        var create = await cluster.Http.PostAsync("/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"x"}}""");
        var otherNamespace = await cluster.Http.GetRawAsync(ConfigMaps.Path("kube-system"));

        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps is forbidden: User \"system:admin\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"default\"","reason":"Forbidden","details":{"kind":"configmaps"},"code":403}""",
            list.Expect(403).Compact());
        Assert.Equal(
            """configmaps "a" is forbidden: User "system:admin" cannot get resource "configmaps" in API group "" in the namespace "default" """.TrimEnd(),
            get.Expect(403)["message"]!.GetValue<string>());
        Assert.Equal(
            """namespaces is forbidden: User "system:admin" cannot create resource "namespaces" in API group "" at the cluster scope""",
            create.Expect(403)["message"]!.GetValue<string>());
        otherNamespace.Expect(200);
    }
}
