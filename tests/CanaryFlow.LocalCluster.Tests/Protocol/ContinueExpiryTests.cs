namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Expired continue tokens (410 with a fresh token). Own servers: expiring tokens is server-wide.</summary>
public sealed class ContinueExpiryTests
{
    private const string _expiredMessage =
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

    [Fact]
    public async Task An_expired_continue_token_is_410_with_a_fresh_token_that_continues_from_now()
    {
        await using var cluster = await DedicatedCluster.StartAsync();
        foreach (var name in new[] { "a", "b", "c" })
        {
            await ConfigMaps.CreateAsync(cluster.Http, "default", name);
        }

        var first = (await cluster.Http.GetRawAsync(ConfigMaps.Path("default") + "?limit=1")).Expect(200);
        (await cluster.Http.DeleteRawAsync(ConfigMaps.Path("default", "b"))).Expect(200);
        var d = await ConfigMaps.CreateAsync(cluster.Http, "default", "d");
        cluster.Server.ExpireContinueTokens();

        var expired = await cluster.Http.GetRawAsync(ConfigMaps.Path("default") + "?limit=1&continue=" + Uri.EscapeDataString(first["metadata"]!["continue"]!.GetValue<string>()));

        var status = expired.Expect(410);
        Assert.Equal(("Expired", _expiredMessage), (status["reason"]!.GetValue<string>(), status["message"]!.GetValue<string>()));
        var fresh = status["metadata"]!["continue"]!.GetValue<string>();
        Assert.NotEmpty(fresh);
        var remainder = (await cluster.Http.GetRawAsync(ConfigMaps.Path("default") + "?limit=10&continue=" + Uri.EscapeDataString(fresh))).Expect(200);
        Assert.Equal(["c", "d"], remainder["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
        Assert.True(remainder.Revision() >= d.Revision());
    }

    [Fact]
    public async Task Continue_tokens_expire_after_the_configured_lifetime()
    {
        await using var cluster = await DedicatedCluster.StartAsync(new LocalClusterOptions { SimulateWorkloads = false, ContinueTokenLifetime = TimeSpan.FromMilliseconds(300) });
        await ConfigMaps.CreateAsync(cluster.Http, "default", "a");
        await ConfigMaps.CreateAsync(cluster.Http, "default", "b");
        var first = (await cluster.Http.GetRawAsync(ConfigMaps.Path("default") + "?limit=1")).Expect(200);
        var next = ConfigMaps.Path("default") + "?limit=1&continue=" + Uri.EscapeDataString(first["metadata"]!["continue"]!.GetValue<string>());

        // The last page does not renew the snapshot, so asking for it repeatedly lets the token age.
        var expired = await Eventually.UntilAsync(() => cluster.Http.GetRawAsync(next), r => r.Status != 200, "the continue token to expire", TimeSpan.FromSeconds(5));

        Assert.Equal("Expired", expired.Expect(410)["reason"]!.GetValue<string>());
    }
}
