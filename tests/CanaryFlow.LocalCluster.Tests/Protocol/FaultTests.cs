using System.Diagnostics;
using CanaryFlow.LocalCluster.Faults;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Injected faults per verb: 500, 429 with Retry-After, and latency. Own servers: rules are server-wide.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task An_internal_error_rule_fails_only_its_verb_until_cleared()
    {
        await using var cluster = await DedicatedCluster.StartAsync();
        await ConfigMaps.CreateAsync(cluster.Http, "default", "a");

        cluster.Server.Faults.Set(new FaultRule { Verb = "list", InternalErrorProbability = 1 });
        var list = await cluster.Http.GetRawAsync(ConfigMaps.Path("default"));
        var get = await cluster.Http.GetRawAsync(ConfigMaps.Path("default", "a"));
        cluster.Server.Faults.Clear();
        var after = await cluster.Http.GetRawAsync(ConfigMaps.Path("default"));

        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Internal error occurred: injected fault","reason":"InternalError","details":{"causes":[{"message":"injected fault"}]},"code":500}""",
            list.Expect(500).Compact());
        get.Expect(200);
        after.Expect(200);
        Assert.Equal(1, cluster.Server.Faults.InjectedCount);
    }

    [Fact]
    public async Task Too_many_requests_carries_Retry_After_in_the_header_and_the_details()
    {
        await using var cluster = await DedicatedCluster.StartAsync();

        cluster.Server.Faults.Set(new FaultRule { Verb = "create", Resource = "configmaps", TooManyRequestsProbability = 1, RetryAfterSeconds = 3 });
        var throttled = await cluster.Http.PostAsync(ConfigMaps.Path("default"), ConfigMaps.Body("a"));
        var otherResource = await cluster.Http.PostAsync("/api/v1/namespaces/default/secrets", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"}}""");

        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Too many requests, please try again later.","reason":"TooManyRequests","details":{"retryAfterSeconds":3},"code":429}""",
            throttled.Expect(429).Compact());
        Assert.Equal(["3"], throttled.Response.Headers.GetValues("Retry-After"));
        otherResource.Expect(201);
        (await cluster.Http.GetRawAsync(ConfigMaps.Path("default", "a"))).Expect(404);
    }

    [Fact]
    public async Task A_slow_rule_delays_its_verb_only()
    {
        await using var cluster = await DedicatedCluster.StartAsync();
        await ConfigMaps.CreateAsync(cluster.Http, "default", "a");
        var delay = TimeSpan.FromSeconds(1);

        cluster.Server.Faults.Set(new FaultRule { Verb = "get", SlowProbability = 1, Delay = delay });
        var slow = Stopwatch.StartNew();
        (await cluster.Http.GetRawAsync(ConfigMaps.Path("default", "a"))).Expect(200);
        slow.Stop();
        var fast = Stopwatch.StartNew();
        (await cluster.Http.GetRawAsync(ConfigMaps.Path("default"))).Expect(200);
        fast.Stop();

        // Timers may fire a little early against the stopwatch.
        Assert.True(slow.Elapsed >= delay - TimeSpan.FromMilliseconds(50), $"get took {slow.Elapsed}");
        Assert.True(fast.Elapsed < delay, $"list took {fast.Elapsed}");
    }
}
