namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>
/// A resourceVersion newer than the store: the watch cache waits about 3 s and then answers 504. Own server, so
/// the wait runs beside the shared-server tests rather than after them.
/// </summary>
public sealed class TooLargeResourceVersionTests
{
    [Fact]
    public async Task A_resourceVersion_from_the_future_is_a_504_Timeout_with_retryAfterSeconds()
    {
        await using var cluster = await DedicatedCluster.StartAsync();
        var listed = (await cluster.Http.GetRawAsync(ConfigMaps.Path("default"))).Expect(200);
        var future = listed.Revision() + 1000;

        var list = await cluster.Http.GetRawAsync(ConfigMaps.Path("default") + $"?resourceVersion={future}&resourceVersionMatch=NotOlderThan");

        var status = list.Expect(504);
        Assert.Equal("Timeout", status["reason"]!.GetValue<string>());
        Assert.Matches($@"^Timeout: Too large resource version: {future}, current: \d+$", status["message"]!.GetValue<string>());
        Assert.Equal(
            """{"causes":[{"reason":"ResourceVersionTooLarge","message":"Too large resource version"}],"retryAfterSeconds":1}""",
            status["details"].Compact());
    }
}
