using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>What the server answered: the status code, the JSON body (null for other media types) and the raw response.</summary>
public sealed record ApiResponse(int Status, JsonNode? Body, HttpResponseMessage Response)
{
    /// <summary>Asserts the status code (showing the body when it differs) and returns the body.</summary>
    public JsonNode Expect(int status)
    {
        Assert.True(Status == status, $"expected {status}, got {Status}: {Body.Compact()}");
        return Body!;
    }
}
